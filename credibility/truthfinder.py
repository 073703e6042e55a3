"""TruthFinder (Yin, Han and Yu, KDD 2007) over numpy arrays: whose claims hold up, which figure is likely.

Pure functions, no Django: arrays in, arrays out.  The vocabulary:

- a *claim* is one row the caller passes in: (party, independence group, object, value), plus an
  optional ground-truth confidence (``seed``) from a reviewer's verdict or a resolved contradiction;
- an *object* is one question with one true answer (the killed figure of incident 12 among
  civilians; who is to blame for incident 12);
- a *fact* is one distinct (object, value): "incident 12, civilians killed = 9";
- a *unit* is one distinct (fact, party): relays of one statement, or the same party repeating its
  figure in ten articles, count once;
- an *independence group* is a set of parties that are not independent witnesses (a ministry and its
  spokesperson, both under one state in the party tree): per fact, a group adds only its most
  trusted member's weight, never the sum.

The iteration, as in the paper: a party's trust is the (smoothed) average confidence of its units;
tau = -ln(1 - trust); a fact's score sigma is the sum over the independent groups supporting it of
the group's largest tau; facts of one object imply each other (close figures support each other, far
ones and different categorical answers compete): sigma* = sigma + rho * sum imp(f' -> f) * sigma(f');
confidence = 1 / (1 + exp(-gamma * sigma*)).  Ground-truth facts are clamped every iteration.

Everything is vectorised with ``np.bincount`` / ``np.maximum.at`` over index arrays built once; the
within-object pairs for the implication term are precomputed once, capped per object.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

# Dampening factor (the paper's gamma), weight of the implication term (rho) and the base similarity
# subtracted so that far figures count against each other (the paper's base_sim).  The paper uses
# gamma 0.3, rho 0.5; 0.5 and 0.8 separate trust better on the synthetic worlds (bench.credibility).
GAMMA = 0.5
RHO = 0.8
BASE_SIM = 0.5
INITIAL_TRUST = 0.8
# Bayesian smoothing: a party's trust is (sum of its units' confidence + SMOOTHING * PRIOR) /
# (units + SMOOTHING), so a party with one lucky claim does not top the table.
PRIOR = 0.6
SMOOTHING = 3.0
TOLERANCE = 1e-4
MAX_ITERATIONS = 20
# Distinct values per object that take part in the implication pairs (the most supported ones).
MAX_VALUES_PER_OBJECT = 50
# Seeds are clamped to this range when they feed the implication term (confidence 1 has no logit).
_SEED_CLIP = (0.02, 0.98)
_TRUST_CLIP = (1e-4, 1 - 1e-4)


@dataclass
class Result:
    """What one run found.  Fact arrays are indexed by fact; unit arrays by unit; party arrays by party."""

    trust: np.ndarray  # per party, in [0, 1]
    units: np.ndarray  # per party: distinct statements counted
    fact_object: np.ndarray
    fact_value: np.ndarray
    fact_confidence: np.ndarray
    fact_sigma: np.ndarray
    fact_seed: np.ndarray  # ground-truth confidence or NaN
    claim_fact: np.ndarray  # per input claim: its fact
    claim_unit: np.ndarray  # per input claim: its unit
    unit_party: np.ndarray
    unit_fact: np.ndarray
    iterations: int
    likely_fact: np.ndarray = field(default_factory=lambda: np.empty(0, dtype=np.int64))  # per object

    @property
    def unit_confidence(self) -> np.ndarray:
        return self.fact_confidence[self.unit_fact]

    def unit_effect(self) -> np.ndarray:
        """How much each unit moved its party's trust away from the prior (signed)."""
        n = self.units[self.unit_party].astype(float)
        return (self.unit_confidence - PRIOR) / (n + SMOOTHING)


def _dense(values: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Unique values and, per element, the index of its value."""
    unique, inverse = np.unique(values, return_inverse=True)
    return unique, inverse.reshape(-1)


def implication(a: np.ndarray, b: np.ndarray, numeric: np.ndarray) -> np.ndarray:
    """imp(a -> b): positive for close figures, negative for far ones; categorical answers compete.

    Numbers: exp(-|a - b| / scale) - BASE_SIM with a relative scale max(2, 0.15 * max(a, b)), so
    9 and 10 support each other (+0.11) while 9 and 40 count against each other (-0.49).  Categorical
    values (blame, control): a different answer counts fully against (-BASE_SIM).
    """
    a = a.astype(float)
    b = b.astype(float)
    scale = np.maximum(2.0, 0.15 * np.maximum(np.abs(a), np.abs(b)))
    close = np.exp(-np.abs(a - b) / scale) - BASE_SIM
    return np.where(numeric, close, -BASE_SIM)


def _pairs(
    fact_object: np.ndarray, fact_value: np.ndarray, fact_support: np.ndarray, object_numeric: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """All ordered pairs (src, dst) of distinct facts of one object, with imp(src -> dst).

    Only the MAX_VALUES_PER_OBJECT most supported facts of an object take part, which bounds the
    pairs at 50 * 49 per object whatever the input.
    """
    n = len(fact_object)
    if n == 0:
        empty = np.empty(0, dtype=np.int64)
        return empty, empty, np.empty(0)
    order = np.lexsort((-fact_support, fact_object))
    obj_sorted = fact_object[order]
    starts = np.flatnonzero(np.r_[True, obj_sorted[1:] != obj_sorted[:-1]])
    counts = np.diff(np.r_[starts, n])
    rank = np.arange(n) - np.repeat(starts, counts)
    keep = rank < MAX_VALUES_PER_OBJECT
    kept = order[keep]
    kept_obj = obj_sorted[keep]
    k_starts = np.flatnonzero(np.r_[True, kept_obj[1:] != kept_obj[:-1]])
    k_counts = np.diff(np.r_[k_starts, len(kept)])
    multi = k_counts > 1
    if not multi.any():
        empty = np.empty(0, dtype=np.int64)
        return empty, empty, np.empty(0)
    # For each object with m facts: m*m pairs (i, j), minus the diagonal.
    m = k_counts[multi]
    base = k_starts[multi]
    sizes = m * m
    pair_object_start = np.repeat(base, sizes)
    pair_m = np.repeat(m, sizes)
    offset = np.arange(sizes.sum()) - np.repeat(np.cumsum(sizes) - sizes, sizes)
    i = offset // pair_m
    j = offset % pair_m
    off_diagonal = i != j
    src = kept[pair_object_start[off_diagonal] + i[off_diagonal]]
    dst = kept[pair_object_start[off_diagonal] + j[off_diagonal]]
    imp = implication(fact_value[src], fact_value[dst], object_numeric[fact_object[src]])
    return src, dst, imp


def _facts(claim_object: np.ndarray, claim_value: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Facts: distinct (object, value); per claim its fact, and per fact its object and value.  Values
    fit in 32 bits (figures, party ids)."""
    fact_key, claim_fact = _dense((claim_object << 32) + (claim_value & 0xFFFFFFFF))
    fact_value = (fact_key & 0xFFFFFFFF).astype(np.int64)
    return claim_fact, fact_key >> 32, np.where(fact_value >= 2**31, fact_value - 2**32, fact_value)


@dataclass(frozen=True)
class _Units:
    """Units (distinct fact and party) and fact-groups (distinct fact and independence group)."""

    claim_unit: np.ndarray  # per claim: its unit
    unit_fact: np.ndarray
    unit_party: np.ndarray
    unit_fg: np.ndarray  # per unit: its fact-group
    fg_count: int
    fg_fact: np.ndarray  # per fact-group: its fact
    per_party: np.ndarray  # per party: its units


def _units(
    claim_fact: np.ndarray, claim_party: np.ndarray, claim_group: np.ndarray, n_parties: int
) -> _Units:
    """Units: distinct (fact, party); each unit belongs to one independence group (its party's)."""
    unit_key, claim_unit = _dense(claim_fact * max(n_parties, 1) + claim_party)
    unit_fact = unit_key // max(n_parties, 1)
    unit_party = unit_key % max(n_parties, 1)
    party_group = np.zeros(n_parties, dtype=np.int64)
    party_group[claim_party] = claim_group
    n_groups = int(claim_group.max() + 1) if len(claim_party) else 0
    fg_key, unit_fg = _dense(unit_fact * max(n_groups, 1) + party_group[unit_party])
    return _Units(
        claim_unit,
        unit_fact,
        unit_party,
        unit_fg,
        len(fg_key),
        fg_key // max(n_groups, 1),
        np.bincount(unit_party, minlength=n_parties),
    )


def _fact_seeds(
    claim_fact: np.ndarray, claim_seed: np.ndarray, n_facts: int, gamma: float
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Ground truth per fact (the mean of its claims' seeds, NaN for none), which facts have one, and
    the sigma that confidence stands for."""
    seeded_claims = ~np.isnan(claim_seed)
    seed_sum = np.bincount(claim_fact[seeded_claims], claim_seed[seeded_claims], minlength=n_facts)
    seed_n = np.bincount(claim_fact[seeded_claims], minlength=n_facts)
    fact_seed = np.full(n_facts, np.nan)
    has_seed = seed_n > 0
    fact_seed[has_seed] = seed_sum[has_seed] / seed_n[has_seed]
    seed_sigma = np.log(np.clip(fact_seed, *_SEED_CLIP) / (1 - np.clip(fact_seed, *_SEED_CLIP))) / gamma
    return fact_seed, has_seed, seed_sigma


@dataclass(frozen=True)
class _Evidence:
    """What stays fixed while trust converges: the seeded facts and the implications between facts."""

    fact_seed: np.ndarray
    has_seed: np.ndarray
    seed_sigma: np.ndarray
    src: np.ndarray
    dst: np.ndarray
    imp: np.ndarray


@dataclass(frozen=True)
class _Tunables:
    """The algorithm's tunables, as ``truthfinder`` was given them."""

    gamma: float
    rho: float
    prior: float
    smoothing: float
    tolerance: float
    max_iterations: int


def _iterate(
    units: _Units, evidence: _Evidence, trust: np.ndarray, tune: _Tunables
) -> tuple[np.ndarray, np.ndarray, np.ndarray, int]:
    """Alternate fact confidence and party trust until trust moves less than the tolerance; returns
    the trust, each fact's confidence and sigma, and the number of iterations run."""
    n_parties, n_facts = len(trust), len(evidence.fact_seed)
    has_seed, src, dst = evidence.has_seed, evidence.src, evidence.dst
    confidence = np.zeros(n_facts)
    sigma = np.zeros(n_facts)
    iterations = 0
    while iterations < tune.max_iterations:
        iterations += 1
        tau = -np.log(1 - np.clip(trust, *_TRUST_CLIP))
        group_best = np.zeros(units.fg_count)
        np.maximum.at(group_best, units.unit_fg, tau[units.unit_party])
        # With weights bincount returns float64; numpy's stub types every bincount as int.
        sigma = np.bincount(units.fg_fact, group_best, minlength=n_facts)  # type: ignore[assignment]
        sigma[has_seed] = evidence.seed_sigma[has_seed]
        adjusted = sigma + tune.rho * np.bincount(dst, evidence.imp * sigma[src], minlength=n_facts)
        confidence = 1 / (1 + np.exp(-tune.gamma * adjusted))
        confidence[has_seed] = evidence.fact_seed[has_seed]
        new_trust = (
            np.bincount(units.unit_party, confidence[units.unit_fact], minlength=n_parties)
            + tune.smoothing * tune.prior
        ) / (units.per_party + tune.smoothing)
        change = float(np.max(np.abs(new_trust - trust))) if n_parties else 0.0
        trust = new_trust
        if change < tune.tolerance:
            break
    return trust, confidence, sigma, iterations


def truthfinder(  # noqa: PLR0913 (keyword-only; seven are the algorithm's tunables with published defaults)
    *,
    claim_party: np.ndarray,
    claim_group: np.ndarray,
    claim_object: np.ndarray,
    claim_value: np.ndarray,
    claim_seed: np.ndarray | None = None,
    object_numeric: np.ndarray | None = None,
    n_parties: int | None = None,
    gamma: float = GAMMA,
    rho: float = RHO,
    prior: float = PRIOR,
    smoothing: float = SMOOTHING,
    initial_trust: float = INITIAL_TRUST,
    tolerance: float = TOLERANCE,
    max_iterations: int = MAX_ITERATIONS,
) -> Result:
    """Run TruthFinder; parties, groups and objects are dense indexes (0..n-1), values integers.

    ``claim_seed`` is the ground-truth confidence of a claim's figure (1 accurate ... 0 false) or NaN;
    several seeds on one fact are averaged, and a seeded fact keeps that confidence throughout.
    ``object_numeric`` says per object whether its values are figures (close ones support each other)
    or categories (different ones compete); all numeric if omitted.
    """
    claim_party, claim_group, claim_object, claim_value = (
        np.asarray(column, dtype=np.int64) for column in (claim_party, claim_group, claim_object, claim_value)
    )
    n_claims = len(claim_party)
    n_parties = int(n_parties if n_parties is not None else (claim_party.max() + 1 if n_claims else 0))
    n_objects = int(claim_object.max() + 1) if n_claims else 0
    object_numeric = np.asarray(
        np.ones(n_objects, dtype=bool) if object_numeric is None else object_numeric, dtype=bool
    )
    claim_seed = np.asarray(np.full(n_claims, np.nan) if claim_seed is None else claim_seed, dtype=float)

    claim_fact, fact_object, fact_value = _facts(claim_object, claim_value)
    n_facts = len(fact_object)
    units = _units(claim_fact, claim_party, claim_group, n_parties)
    fact_seed, has_seed, seed_sigma = _fact_seeds(claim_fact, claim_seed, n_facts, gamma)
    support = np.bincount(units.fg_fact, minlength=n_facts).astype(float)
    src, dst, imp = _pairs(fact_object, fact_value, support, object_numeric)

    trust, confidence, sigma, iterations = _iterate(
        units,
        _Evidence(fact_seed, has_seed, seed_sigma, src, dst, imp),
        np.full(n_parties, float(initial_trust)),
        _Tunables(gamma, rho, prior, smoothing, tolerance, max_iterations),
    )

    return Result(
        trust=trust,
        units=units.per_party,
        fact_object=fact_object,
        fact_value=fact_value,
        fact_confidence=confidence,
        fact_sigma=sigma,
        fact_seed=fact_seed,
        claim_fact=claim_fact,
        claim_unit=units.claim_unit,
        unit_party=units.unit_party,
        unit_fact=units.unit_fact,
        iterations=iterations,
        likely_fact=most_likely(fact_object, fact_value, confidence, sigma, n_objects),
    )


def most_likely(
    fact_object: np.ndarray, fact_value: np.ndarray, confidence: np.ndarray, sigma: np.ndarray, n_objects: int
) -> np.ndarray:
    """Per object, the fact with the highest confidence (ties: more support, then the lower figure)."""
    if len(fact_object) == 0:
        return np.empty(0, dtype=np.int64)
    order = np.lexsort((fact_value, -sigma, -confidence, fact_object))
    first = np.r_[True, fact_object[order][1:] != fact_object[order][:-1]]
    best = np.full(n_objects, -1, dtype=np.int64)
    best[fact_object[order][first]] = order[first]
    return best


def majority_vote(
    *, claim_party: np.ndarray, claim_object: np.ndarray, claim_value: np.ndarray
) -> np.ndarray:
    """Baseline: per object, the value given by the most distinct parties (ties: the lower figure)."""
    claim_object = np.asarray(claim_object, dtype=np.int64)
    claim_value = np.asarray(claim_value, dtype=np.int64)
    n_objects = int(claim_object.max() + 1) if len(claim_object) else 0
    stacked = np.unique(np.stack([claim_object, claim_value, np.asarray(claim_party)], axis=1), axis=0)
    facts, votes = np.unique(stacked[:, :2], axis=0, return_counts=True)
    order = np.lexsort((facts[:, 1], -votes, facts[:, 0]))
    first = np.r_[True, facts[order, 0][1:] != facts[order, 0][:-1]]
    best = np.full(n_objects, -1, dtype=np.int64)
    best[facts[order, 0][first]] = facts[order, 1][first]
    return best


def most_conservative(*, claim_object: np.ndarray, claim_value: np.ndarray) -> np.ndarray:
    """Baseline (ACLED): per object, the lowest figure any source gave."""
    claim_object = np.asarray(claim_object, dtype=np.int64)
    n_objects = int(claim_object.max() + 1) if len(claim_object) else 0
    best = np.full(n_objects, np.iinfo(np.int64).max, dtype=np.int64)
    np.minimum.at(best, claim_object, np.asarray(claim_value, dtype=np.int64))
    return best


def spearman(a: np.ndarray, b: np.ndarray) -> float:
    """Spearman rank correlation (average ranks for ties), without scipy."""

    def ranks(x: np.ndarray) -> np.ndarray:
        x = np.asarray(x, dtype=float)
        order = np.argsort(x, kind="stable")
        r = np.empty(len(x))
        r[order] = np.arange(len(x), dtype=float)
        _, inverse, counts = np.unique(x, return_inverse=True, return_counts=True)
        sums = np.bincount(inverse, r)
        return sums[inverse] / counts[inverse]

    ra, rb = ranks(a), ranks(b)
    ra -= ra.mean()
    rb -= rb.mean()
    denominator = np.sqrt((ra * ra).sum() * (rb * rb).sum())
    return float((ra * rb).sum() / denominator) if denominator else 0.0
