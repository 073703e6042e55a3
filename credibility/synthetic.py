"""Synthetic worlds with known truth, for the tests and the benchmark (pure numpy, seeded).

Parties of known reliability report the killed figure of incidents.  A reliable report gives the true
figure (sometimes off by one); an unreliable one gives a planted error.  Errors are correlated: on
each incident most erring parties repeat the same false figure (inflated or deflated a lot), as
parties echoing one side's line do, so majority vote is fooled where the erring parties outnumber
the accurate ones, and "most conservative" is fooled whenever the planted figure is deflated.  A
few claims carry reviewers' verdicts (true figure -> accurate, otherwise false).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from credibility import truthfinder as tf


@dataclass
class World:
    reliability: np.ndarray  # per party
    truth: np.ndarray  # per incident (object)
    claim_party: np.ndarray
    claim_object: np.ndarray
    claim_value: np.ndarray
    claim_seed: np.ndarray


def make_world(
    seed: int,
    *,
    n_parties: int = 12,
    n_incidents: int = 300,
    reporters: tuple[int, int] = (3, 8),
    verdict_share: float = 0.03,
    low: float = 0.3,
    high: float = 0.95,
) -> World:
    """A world of ``n_parties`` with reliability spread evenly from ``high`` down to ``low``."""
    rng = np.random.default_rng(seed)
    reliability = np.linspace(high, low, n_parties)
    truth = rng.integers(2, 60, n_incidents)
    # The planted false figure of each incident: far above or far below the truth.
    inflated = truth + rng.integers(8, 40, n_incidents)
    deflated = np.maximum(0, truth // 3 - rng.integers(0, 2, n_incidents))
    planted = np.where(rng.random(n_incidents) < 0.5, inflated, deflated)
    parties, objects, values = [], [], []
    for incident in range(n_incidents):
        size = int(rng.integers(reporters[0], reporters[1] + 1))
        who = rng.choice(n_parties, size=size, replace=False)
        for party in who:
            if rng.random() < reliability[party]:
                value = truth[incident] + (int(rng.choice([-1, 1])) if rng.random() < 0.15 else 0)
            elif rng.random() < 0.8:
                value = planted[incident]
            else:
                value = int(rng.integers(0, 120))
            parties.append(int(party))
            objects.append(incident)
            values.append(max(0, int(value)))
    claim_party = np.array(parties)
    claim_object = np.array(objects)
    claim_value = np.array(values)
    claim_seed = np.full(len(parties), np.nan)
    seeded = rng.random(len(parties)) < verdict_share
    claim_seed[seeded] = np.where(claim_value[seeded] == truth[claim_object[seeded]], 1.0, 0.0)
    return World(reliability, truth, claim_party, claim_object, claim_value, claim_seed)


def evaluate(world: World) -> dict[str, Any]:
    """Accuracy of TruthFinder, majority vote and most conservative figure, and the trust ranking.

    Accuracy is the share of incidents whose picked figure is exactly the true one; ``spearman`` is
    the rank correlation of estimated trust with the true reliability.
    """
    result = tf.truthfinder(
        claim_party=world.claim_party,
        claim_group=world.claim_party,
        claim_object=world.claim_object,
        claim_value=world.claim_value,
        claim_seed=world.claim_seed,
        n_parties=len(world.reliability),
    )
    likely = result.fact_value[result.likely_fact]
    majority = tf.majority_vote(
        claim_party=world.claim_party, claim_object=world.claim_object, claim_value=world.claim_value
    )
    conservative = tf.most_conservative(claim_object=world.claim_object, claim_value=world.claim_value)
    return {
        "truthfinder": float(np.mean(likely == world.truth)),
        "majority": float(np.mean(majority == world.truth)),
        "conservative": float(np.mean(conservative == world.truth)),
        "spearman": tf.spearman(result.trust, world.reliability),
        "iterations": result.iterations,
        "trust": result.trust,
    }
