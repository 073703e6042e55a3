"""credibility.computation: TruthFinder's results shaped into party scores and incident estimates.

Pure numpy: the inputs are written by hand, no database.
"""

import numpy as np

from credibility.computation import credibility_compute
from credibility.inputs import MEASURE_KILLED, WHY_INFERRED, WHY_VERDICT, Inputs

INCIDENT = 7


def _inputs(rows: list[tuple[int, int, int, float]], *, relayer: dict[int, int] | None = None) -> Inputs:
    """Killed figures for one incident: (claim id, party id, value, seed or NaN) per row."""
    relayer = relayer or {}
    claim_id = np.array([r[0] for r in rows], dtype=np.int64)
    seed = np.array([r[3] for r in rows])
    return Inputs(
        claim_id=claim_id,
        party_id=np.array([r[1] for r in rows], dtype=np.int64),
        relayer_id=np.array([relayer.get(r[0], 0) for r in rows], dtype=np.int64),
        incident_id=np.full(len(rows), INCIDENT, dtype=np.int64),
        measure=np.full(len(rows), MEASURE_KILLED, dtype=np.int64),
        object_key=np.full(len(rows), INCIDENT * 64 + MEASURE_KILLED * 4, dtype=np.int64),
        value=np.array([r[2] for r in rows], dtype=np.int64),
        seed=seed,
        why=np.where(np.isnan(seed), WHY_INFERRED, WHY_VERDICT).astype(np.int64),
        root_of={},
        claims=len(rows),
    )


def test_three_independent_sources_agreeing_make_the_likely_figure_and_outscore_the_dissenter():
    computed = credibility_compute(
        _inputs([(1, 11, 10, np.nan), (2, 12, 10, np.nan), (3, 13, 10, np.nan), (4, 14, 40, np.nan)])
    )

    killed, confidence, wounded, _ = computed.incidents[INCIDENT]
    assert killed == 10
    assert confidence > 0.5
    assert wounded is None
    scores = {party: row[0] for party, row in computed.parties.items()}
    assert scores[14] < min(scores[11], scores[12], scores[13])


def test_a_verdict_confirms_its_party_and_leads_its_explanation():
    computed = credibility_compute(_inputs([(1, 11, 9, 1.0), (2, 12, 9, np.nan), (3, 13, 40, np.nan)]))

    _score, counted, confirmed, refuted, relayed, relay_score, explanation = computed.parties[11]
    assert (counted, confirmed, refuted) == (1, 1, 0)
    assert explanation[0]["why"] == "verdict"
    assert explanation[0]["claim"] == 1
    assert relayed == 0
    assert relay_score is None


def test_a_relayer_gets_a_relay_score_and_adds_no_support():
    computed = credibility_compute(
        _inputs([(1, 11, 40, np.nan), (2, 12, 9, np.nan), (3, 13, 9, np.nan)], relayer={1: 20})
    )

    *_, relayed, relay_score, _ = computed.parties[20]
    assert computed.parties[20][1] == 0  # claims counted: it said nothing itself
    assert relayed == 1
    assert relay_score < 0.6
    assert computed.incidents[INCIDENT][0] == 9
