"""The computation of a credibility run: TruthFinder over the inputs, shaped into the rows to store.

Pure numpy over ``credibility.inputs.Inputs``: no database.  Per party a score, its support and an
explanation (the units that moved it most, reviewed ones first); per incident the most likely killed
and wounded figure of its best-supported victim group.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from credibility import truthfinder as tf
from credibility.inputs import (
    MEASURE_BLAME,
    MEASURE_CONTROL,
    MEASURE_KILLED,
    MEASURE_WOUNDED,
    OWN_FACT,
    WHY_INFERRED,
    WHY_RESOLUTION,
    WHY_VERDICT,
    Inputs,
)

WHY_WORDS = {WHY_INFERRED: "inferred", WHY_VERDICT: "verdict", WHY_RESOLUTION: "resolution"}
MEASURES = {
    MEASURE_KILLED: "killed",
    MEASURE_WOUNDED: "wounded",
    MEASURE_BLAME: "blame",
    MEASURE_CONTROL: "control",
    OWN_FACT: "reviewed claim",
}
EXPLANATION_SIZE = 5


@dataclass
class Computed:
    """The run's results as plain rows keyed by id, ready to compare with what is stored."""

    # party id -> (score, claims_counted, confirmed, refuted, relayed, relay_score, explanation)
    parties: dict[int, tuple]
    incidents: dict[int, tuple]  # incident id -> (killed, killed_conf, wounded, wounded_conf)
    claims: int
    iterations: int


def _first_per_group(sort_keys: tuple, group: np.ndarray, limit: int) -> np.ndarray:
    """Indexes of the first ``limit`` rows of each group, in the order of ``sort_keys`` (lexsort)."""
    order = np.lexsort((*sort_keys, group))
    grouped = group[order]
    starts = np.flatnonzero(np.r_[True, grouped[1:] != grouped[:-1]]) if len(order) else np.empty(0, int)
    counts = np.diff(np.r_[starts, len(order)])
    rank = np.arange(len(order)) - np.repeat(starts, counts)
    return order[rank < limit]


def _relay_scores(
    inputs: Inputs, result: tf.Result, party_ids: np.ndarray, n_parties: int
) -> tuple[np.ndarray, np.ndarray]:
    """Relayers: how often what they pass on holds up; one per distinct (relayer, fact), no support
    added.  Returns (relayed_counted, relay_score) per party."""
    relayed = inputs.relayer_id > 0
    relay_party = np.searchsorted(party_ids, inputs.relayer_id[relayed])
    relay_units = np.unique(result.claim_fact[relayed] * max(n_parties, 1) + relay_party)
    relay_fact, relay_of = relay_units // max(n_parties, 1), relay_units % max(n_parties, 1)
    relayed_counted = np.bincount(relay_of, minlength=n_parties)
    relay_score = (
        np.bincount(relay_of, result.fact_confidence[relay_fact], minlength=n_parties)
        + tf.SMOOTHING * tf.PRIOR
    ) / (relayed_counted + tf.SMOOTHING)
    return relayed_counted, relay_score


def _explanations(inputs: Inputs, result: tf.Result, unit_seeded: np.ndarray) -> dict[int, list]:
    """Per party index: ground-truth units first, then the units that moved the score most."""
    confidence = result.fact_confidence
    n_facts = len(confidence)
    fact_why = np.zeros(n_facts, dtype=np.int64)
    np.maximum.at(fact_why, result.claim_fact, inputs.why)
    rep_key = np.where(inputs.why > 0, inputs.claim_id, inputs.claim_id + (1 << 40))
    unit_rep = np.full(len(result.unit_party), np.iinfo(np.int64).max)
    np.minimum.at(unit_rep, result.claim_unit, rep_key)
    unit_rep = unit_rep & ((1 << 40) - 1)
    effect = result.unit_effect()
    kept = _first_per_group((-np.abs(effect), ~unit_seeded), result.unit_party, EXPLANATION_SIZE)
    fact_row = np.zeros(n_facts, dtype=np.int64)
    fact_row[result.claim_fact] = np.arange(len(result.claim_fact))
    explanations: dict[int, list] = {}
    for u in kept.tolist():
        fact = int(result.unit_fact[u])
        row = int(fact_row[fact])
        measure = int(inputs.measure[row])
        explanations.setdefault(int(result.unit_party[u]), []).append(
            {
                "claim": int(unit_rep[u]),
                "incident": int(inputs.incident_id[row]) or None,
                "measure": MEASURES[measure],
                "value": int(result.fact_value[fact]) if measure != OWN_FACT else None,
                "confidence": round(float(confidence[fact]), 4),
                "effect": round(float(effect[u]), 4),
                "why": WHY_WORDS[int(fact_why[fact])] if unit_seeded[u] else "inferred",
            }
        )
    return explanations


def credibility_compute(inputs: Inputs) -> Computed:
    """Run TruthFinder over the inputs and shape per-party scores and per-incident estimates."""
    relayed = inputs.relayer_id > 0
    party_ids = np.unique(np.r_[inputs.party_id, inputs.relayer_id[relayed]])
    n_parties = len(party_ids)
    claim_party = np.searchsorted(party_ids, inputs.party_id)
    roots = np.array([inputs.root_of.get(int(p), int(p)) for p in party_ids], dtype=np.int64)
    _, group_of_party = np.unique(roots, return_inverse=True)
    object_keys, claim_object = np.unique(inputs.object_key, return_inverse=True)
    object_measure = object_keys % 64 // 4
    result = tf.truthfinder(
        claim_party=claim_party,
        claim_group=group_of_party.reshape(-1)[claim_party],
        claim_object=claim_object.reshape(-1),
        claim_value=inputs.value,
        claim_seed=inputs.seed,
        object_numeric=object_measure < 2,
        n_parties=n_parties,
    )
    # Ground truth per unit: confirmed or refuted by a reviewer (through any claim of the same figure).
    unit_seed = result.fact_seed[result.unit_fact]
    unit_seeded = ~np.isnan(unit_seed)
    confirmed = np.bincount(result.unit_party[unit_seeded & (unit_seed >= 0.5)], minlength=n_parties)
    refuted = np.bincount(result.unit_party[unit_seeded & (unit_seed < 0.5)], minlength=n_parties)
    relayed_counted, relay_score = _relay_scores(inputs, result, party_ids, n_parties)
    explanations = _explanations(inputs, result, unit_seeded)
    parties = {}
    for index, party_id in enumerate(party_ids.tolist()):
        parties[party_id] = (
            round(float(result.trust[index]), 4),
            int(result.units[index]),
            int(confirmed[index]),
            int(refuted[index]),
            int(relayed_counted[index]),
            round(float(relay_score[index]), 4) if relayed_counted[index] else None,
            explanations.get(index, []),
        )
    return Computed(
        parties=parties,
        incidents=_incident_estimates(inputs, result, claim_object.reshape(-1), object_measure),
        claims=inputs.claims,
        iterations=result.iterations,
    )


def _incident_estimates(
    inputs: Inputs, result: tf.Result, claim_object: np.ndarray, object_measure: np.ndarray
) -> dict[int, tuple]:
    """Per incident and measure, the most likely figure of its best-supported victim group."""
    n_objects = len(object_measure)
    object_incident = np.zeros(n_objects, dtype=np.int64)
    object_incident[claim_object] = inputs.incident_id
    support = np.bincount(result.fact_object[result.unit_fact], minlength=n_objects)
    figures = np.flatnonzero((object_measure < 2) & (object_incident > 0) & (result.likely_fact >= 0))
    group = object_incident[figures] * 2 + object_measure[figures]
    best = figures[_first_per_group((figures, -support[figures]), group, 1)]
    incidents = np.unique(object_incident[best])
    columns = []
    for measure in (MEASURE_KILLED, MEASURE_WOUNDED):
        chosen = best[object_measure[best] == measure]
        facts = result.likely_fact[chosen]
        at = np.searchsorted(incidents, object_incident[chosen])
        value = np.full(len(incidents), None, dtype=object)
        confidence = np.full(len(incidents), None, dtype=object)
        value[at] = np.maximum(result.fact_value[facts], 0).tolist()
        confidence[at] = np.round(result.fact_confidence[facts], 4).tolist()
        columns += [value.tolist(), confidence.tolist()]
    return dict(zip(incidents.tolist(), zip(*columns, strict=True), strict=True))
