"""credibility.services: loading, independence, ground truth, explanations, idempotence, query counts."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from claims.models import ContradictionKind, ContradictionStatus, VerdictRating
from claims.tests.factories import ClaimFactory, ContradictionFactory, IncidentFactory, VerdictFactory
from credibility.models import CredibilityRun, IncidentEstimate, PartyCredibility
from credibility.services import credibility_recompute
from sources.tests.factories import PartyFactory

pytestmark = pytest.mark.django_db


def _scores() -> dict[int, float]:
    return dict(PartyCredibility.objects.values_list("party_id", "score"))


def test_ten_outlets_relaying_one_ministry_do_not_outweigh_two_independent_sources():
    ministry = PartyFactory(name="Ministry of Defence")
    agencies = [PartyFactory(name=f"Agency {n}") for n in range(10)]
    first, second = PartyFactory(name="Observer A"), PartyFactory(name="Observer B")
    incident = IncidentFactory()
    for agency in agencies:
        ClaimFactory(claimant=ministry, relayed_by=agency, incident=incident, killed_min=40, killed_max=40)
    ClaimFactory(claimant=first, incident=incident, killed_min=9, killed_max=9)
    ClaimFactory(claimant=second, incident=incident, killed_min=9, killed_max=9)

    credibility_recompute()

    estimate = IncidentEstimate.objects.get(incident=incident)
    assert estimate.killed_likely == 9
    ministry_row = PartyCredibility.objects.get(party=ministry)
    assert ministry_row.claims_counted == 1
    agency_row = PartyCredibility.objects.get(party=agencies[0])
    assert agency_row.claims_counted == 0
    assert agency_row.relayed_counted == 1
    assert agency_row.relay_score < 0.6


def test_a_ministry_and_its_spokesperson_count_as_one_witness():
    state = PartyFactory(name="State X")
    ministry = PartyFactory(name="Ministry X", parent=state)
    spokesperson = PartyFactory(name="Spokesperson X", parent=ministry)
    first, second = PartyFactory(name="Observer A"), PartyFactory(name="Observer B")
    incident = IncidentFactory()
    ClaimFactory(claimant=ministry, incident=incident, killed_min=40, killed_max=40)
    ClaimFactory(claimant=spokesperson, incident=incident, killed_min=40, killed_max=40)
    ClaimFactory(claimant=state, incident=incident, killed_min=40, killed_max=40)
    ClaimFactory(claimant=first, incident=incident, killed_min=9, killed_max=9)
    ClaimFactory(claimant=second, incident=incident, killed_min=9, killed_max=9)

    credibility_recompute()

    assert IncidentEstimate.objects.get(incident=incident).killed_likely == 9


@pytest.fixture
def disputed():
    """Two parties disagree on one incident's toll; each also has an undisputed figure elsewhere."""
    ours, theirs = PartyFactory(name="Ours"), PartyFactory(name="Theirs")
    incident = IncidentFactory()
    ours_claim = ClaimFactory(claimant=ours, incident=incident, killed_min=9, killed_max=9)
    theirs_claim = ClaimFactory(claimant=theirs, incident=incident, killed_min=30, killed_max=30)
    for party in (ours, theirs):
        ClaimFactory(claimant=party, incident=IncidentFactory(), killed_min=4, killed_max=4)
    return ours, theirs, ours_claim, theirs_claim


def test_a_false_verdict_lowers_the_claimants_score_and_heads_its_explanation(disputed):
    ours, _, ours_claim, _ = disputed
    credibility_recompute()
    before = _scores()[ours.pk]

    VerdictFactory(claim=ours_claim, rating=VerdictRating.FALSE)
    credibility_recompute()

    row = PartyCredibility.objects.get(party=ours)
    assert row.score < before
    assert row.refuted == 1
    assert row.confirmed == 0
    assert row.explanation[0]["claim"] == ours_claim.pk
    assert row.explanation[0]["why"] == "verdict"
    assert row.explanation[0]["effect"] < 0


def test_a_resolved_contradiction_raises_the_holding_claims_party(disputed):
    _, theirs, ours_claim, theirs_claim = disputed
    credibility_recompute()
    before = _scores()[theirs.pk]

    ContradictionFactory(
        claim_a=ours_claim,
        claim_b=theirs_claim,
        kind=ContradictionKind.CASUALTY_MISMATCH,
        status=ContradictionStatus.RESOLVED,
        holding_claim=theirs_claim,
    )
    credibility_recompute()

    row = PartyCredibility.objects.get(party=theirs)
    assert row.score > before
    assert row.confirmed == 1
    assert row.explanation[0] | {"claim": theirs_claim.pk, "why": "resolution"} == row.explanation[0]
    assert IncidentEstimate.objects.get(incident=theirs_claim.incident).killed_likely == 30
    assert PartyCredibility.objects.get(party=ours_claim.claimant).refuted == 1


def test_an_accurate_verdict_counts_even_for_a_claim_without_an_incident():
    party = PartyFactory()
    VerdictFactory(claim=ClaimFactory(claimant=party, incident=None), rating=VerdictRating.ACCURATE)

    credibility_recompute()

    row = PartyCredibility.objects.get(party=party)
    assert row.confirmed == 1
    assert row.claims_counted == 1
    assert row.explanation[0]["why"] == "verdict"


def test_one_lucky_claim_does_not_top_the_table():
    incident = IncidentFactory()
    lucky = PartyFactory(name="Lucky")
    VerdictFactory(
        claim=ClaimFactory(claimant=lucky, incident=incident, killed_min=7), rating=VerdictRating.ACCURATE
    )
    steady = PartyFactory(name="Steady")
    for n in range(12):
        claim = ClaimFactory(claimant=steady, incident=IncidentFactory(), killed_min=n, killed_max=n)
        VerdictFactory(claim=claim, rating=VerdictRating.ACCURATE)

    credibility_recompute()

    scores = _scores()
    assert scores[steady.pk] > scores[lucky.pk]


def test_retracted_and_rejected_claims_do_not_take_part():
    party = PartyFactory()
    incident = IncidentFactory()
    ClaimFactory(claimant=party, incident=incident, polarity="retracts")
    ClaimFactory(claimant=party, incident=incident, status="rejected")

    credibility_recompute()

    assert not PartyCredibility.objects.exists()
    assert not IncidentEstimate.objects.exists()


def _snapshot():
    return (
        list(PartyCredibility.objects.order_by("pk").values()),
        list(IncidentEstimate.objects.order_by("pk").values()),
    )


def test_a_second_run_over_the_same_data_changes_nothing(disputed):
    _, _, ours_claim, _ = disputed
    VerdictFactory(claim=ours_claim, rating=VerdictRating.MISLEADING)
    first = credibility_recompute()
    snapshot = _snapshot()

    second = credibility_recompute()

    assert _snapshot() == snapshot
    assert first.changed > 0
    assert second.changed == 0
    assert CredibilityRun.objects.count() == 2


def test_stale_rows_are_removed_when_their_claims_are_gone(disputed):
    credibility_recompute()
    IncidentEstimate.objects.update(killed_likely=999)
    from claims.models import Claim

    Claim.objects.all().delete()
    credibility_recompute()

    assert not PartyCredibility.objects.exists()
    assert not IncidentEstimate.objects.exists()


def _world(n_claims: int) -> None:
    parties = [PartyFactory() for _ in range(4)]
    incidents = [IncidentFactory() for _ in range(n_claims // 4)]
    for n in range(n_claims):
        claim = ClaimFactory(
            claimant=parties[n % 4],
            incident=incidents[n // 4],
            killed_min=n % 7,
            killed_max=n % 7,
            relayed_by=parties[(n + 1) % 4] if n % 3 == 0 else None,
        )
        if n % 10 == 0:
            VerdictFactory(claim=claim, rating=VerdictRating.ACCURATE)
    ContradictionFactory(status=ContradictionStatus.RESOLVED, holding_claim=None)


@pytest.mark.parametrize("n_claims", [20, 200])
def test_the_recompute_runs_a_constant_number_of_queries(n_claims):
    _world(n_claims)
    with CaptureQueriesContext(connection) as first:
        credibility_recompute()
    with CaptureQueriesContext(connection) as second:
        credibility_recompute()
    # Reads: claims, verdicts, resolutions, parties, stored scores, stored estimates; writes: two
    # upserts and the run log (plus the lock, savepoint and run-trim queries, all fixed).
    assert (len(first), len(second)) == EXPECTED_QUERIES[connection.vendor]


# PostgreSQL: one more for the claim id range; the packed claims query itself runs on a raw psycopg
# cursor (binary results), which Django's query log does not see: one per 4M claim ids.
EXPECTED_QUERIES = {"sqlite": (12, 10), "postgresql": (13, 11)}


@pytest.mark.skipif(connection.vendor != "postgresql", reason="COPY is PostgreSQL's")
def test_large_writes_stream_through_copy_with_the_same_result(disputed, monkeypatch):
    from credibility import services

    credibility_recompute()
    expected = _snapshot()
    IncidentEstimate.objects.all().delete()
    PartyCredibility.objects.all().delete()
    monkeypatch.setattr(services, "STREAM_THRESHOLD", 0)

    run = credibility_recompute()

    strip = [[{k: v for k, v in row.items() if k != "computed_at"} for row in rows] for rows in _snapshot()]
    assert strip == [
        [{k: v for k, v in row.items() if k != "computed_at"} for row in rows] for rows in expected
    ]
    assert run.changed > 0
    assert credibility_recompute().changed == 0


def test_blame_is_a_fact_too_and_the_lone_dissenter_loses():
    from claims.tests.factories import AccusationClaimFactory

    side_a, side_b = PartyFactory(name="Side A forces"), PartyFactory(name="Side B forces")
    observers = [PartyFactory(name=f"Observer {n}") for n in range(3)]
    dissenter = PartyFactory(name="Dissenter")
    for _ in range(4):
        incident = IncidentFactory()
        for observer in observers:
            AccusationClaimFactory(claimant=observer, incident=incident, accused=side_a)
        AccusationClaimFactory(claimant=dissenter, incident=incident, accused=side_b)

    credibility_recompute()

    scores = _scores()
    assert PartyCredibility.objects.get(party=dissenter).claims_counted == 4
    assert scores[dissenter.pk] < min(scores[o.pk] for o in observers)
    assert not IncidentEstimate.objects.exists()  # no casualty figures, no estimate


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the advisory lock is PostgreSQL's")
@pytest.mark.django_db(transaction=True)
def test_two_recomputes_at_once_take_turns_and_agree():
    import threading

    from django.db import connections

    incident = IncidentFactory()
    for figure in (9, 9, 12):
        ClaimFactory(incident=incident, killed_min=figure, killed_max=figure)
    errors = []

    def run() -> None:
        try:
            credibility_recompute()
        except Exception as exc:
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    assert errors == []
    runs = sorted(CredibilityRun.objects.values_list("changed", flat=True))
    assert runs == [0, 4]  # the second waited for the first, then found nothing to change
    assert IncidentEstimate.objects.get(incident=incident).killed_likely == 9


def test_a_claimants_own_later_figure_is_an_update_not_a_refutation():
    """'The toll rose to 10': the earlier 9 is superseded, neither confirmed nor refuted."""
    prosecutor, steady = PartyFactory(name="Prosecutor"), PartyFactory(name="Steady")
    incident = IncidentFactory()
    early = ClaimFactory(
        claimant=prosecutor, incident=incident, killed_min=9, killed_max=9, stated_at="2020-10-11T10:00Z"
    )
    later = ClaimFactory(
        claimant=prosecutor, incident=incident, killed_min=10, killed_max=10, stated_at="2020-10-12T08:00Z"
    )
    ClaimFactory(claimant=steady, incident=incident, killed_min=10, killed_max=10)
    # What the contradiction engine records for a claimant's own later figure.
    ContradictionFactory(
        claim_a=early,
        claim_b=later,
        kind=ContradictionKind.UPDATE,
        status=ContradictionStatus.RESOLVED,
        holding_claim=later,
    )

    credibility_recompute()

    row = PartyCredibility.objects.get(party=prosecutor)
    assert (row.claims_counted, row.confirmed, row.refuted) == (1, 0, 0)
    assert row.score == pytest.approx(_scores()[steady.pk])
    assert IncidentEstimate.objects.get(incident=incident).killed_likely == 10
