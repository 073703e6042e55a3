"""claim_check and the sweep, against the database (SQLite by default, PostgreSQL in CI)."""

from datetime import UTC, datetime, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from bench.corpus import generate_corpus
from claims.models import (
    Claim,
    ClaimKind,
    ClaimStatus,
    Contradiction,
    ContradictionKind,
    ContradictionStatus,
    VictimGroup,
)
from claims.selectors.candidates import candidates_query, claims_facts
from claims.selectors.checks import claim_awaiting_check, claims_awaiting_check
from claims.services import checking
from claims.services.checking import claim_check
from claims.services.checks import claims_await_check
from claims.services.claims import claim_create, claim_update, claims_review
from claims.services.reviews import contradiction_review
from claims.tests import engine_fixtures
from claims.tests.factories import ClaimFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("eager_celery")]
eager_celery = engine_fixtures.eager_celery
sides, ganja, hadrut = engine_fixtures.sides, engine_fixtures.ganja, engine_fixtures.hadrut

OCT_11 = datetime(2020, 10, 11, 8, 0, tzinfo=UTC)


def casualty(claimant, place, killed, stated_at=OCT_11, **extra):
    return claim_create(
        claimant=claimant,
        kind=ClaimKind.CASUALTY,
        stated_at=stated_at,
        place=place,
        killed_min=killed[0],
        killed_max=killed[1],
        victim_group=VictimGroup.CIVILIAN,
        **extra,
    )


def rows():
    return set(Contradiction.objects.values_list("claim_a_id", "claim_b_id", "kind", "status"))


def test_two_sources_giving_nine_and_twelve_dead_in_ganja_are_flagged_after_commit(
    sides, ganja, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        nine = casualty(sides["az_prosecutor"], ganja, (9, 9))
        twelve = casualty(sides["am_defence"], ganja, (12, 12))
    contradiction = Contradiction.objects.get()
    assert (contradiction.claim_a_id, contradiction.claim_b_id) == (nine.pk, twelve.pk)
    assert contradiction.kind == ContradictionKind.CASUALTY_MISMATCH
    assert contradiction.status == ContradictionStatus.OPEN
    assert contradiction.explanation == (
        "killed: 9 (Prosecutor General of Azerbaijan, 11 Oct) vs 12 (Ministry of Defence of Armenia, 11 Oct)."
    )
    nine.refresh_from_db()
    twelve.refresh_from_db()
    assert nine.incident_id == twelve.incident_id == contradiction.incident_id is not None


def test_checking_again_changes_nothing(sides, ganja, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        nine = casualty(sides["az_prosecutor"], ganja, (9, 9))
        casualty(sides["am_defence"], ganja, (12, 12))
    before = list(Contradiction.objects.values("id", "status", "explanation", "updated_at"))
    outcome = claim_check(claim_id=nine.pk)
    assert (outcome.created, outcome.updated, outcome.closed) == (0, 0, 0)
    assert list(Contradiction.objects.values("id", "status", "explanation", "updated_at")) == before


def test_an_edit_that_removes_the_conflict_closes_the_contradiction_and_keeps_it(
    sides, ganja, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        nine = casualty(sides["az_prosecutor"], ganja, (9, 9))
        casualty(sides["am_defence"], ganja, (12, 12))
    with django_capture_on_commit_callbacks(execute=True):
        claim_update(claim=nine, killed_min=9, killed_max=None)  # "at least 9" fits 12
    assert Contradiction.objects.get().status == ContradictionStatus.CLOSED
    with django_capture_on_commit_callbacks(execute=True):
        claim_update(claim=nine, killed_max=9)
    assert Contradiction.objects.get().status == ContradictionStatus.OPEN


def test_rejecting_a_claim_closes_its_contradictions(
    sides, ganja, reviewer, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        nine = casualty(sides["az_prosecutor"], ganja, (9, 9))
        casualty(sides["am_defence"], ganja, (12, 12))
    with django_capture_on_commit_callbacks(execute=True):
        claims_review(claim_ids=[nine.pk], status=ClaimStatus.REJECTED, reviewer=reviewer)
    assert Contradiction.objects.get().status == ContradictionStatus.CLOSED


def test_a_reviewers_dismissal_survives_re_checks(sides, ganja, reviewer, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        nine = casualty(sides["az_prosecutor"], ganja, (9, 9))
        casualty(sides["am_defence"], ganja, (12, 12))
    contradiction_review(contradiction=Contradiction.objects.get(), action="dismiss", reviewer=reviewer)
    with django_capture_on_commit_callbacks(execute=True):
        claim_update(claim=nine, killed_max=None)
    assert Contradiction.objects.get().status == ContradictionStatus.DISMISSED


def test_a_later_higher_toll_from_the_same_ministry_is_recorded_as_a_resolved_update(
    sides, ganja, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        casualty(sides["az_prosecutor"], ganja, (9, 9))
        later = casualty(sides["az_prosecutor"], ganja, (10, 10), stated_at=OCT_11 + timedelta(hours=6))
    update = Contradiction.objects.get()
    assert update.kind == ContradictionKind.UPDATE
    assert update.status == ContradictionStatus.RESOLVED
    assert update.holding_claim_id == later.pk
    assert not Contradiction.objects.filter(status=ContradictionStatus.OPEN).exists()


def test_accusation_without_a_place_meets_the_accused_sides_denial(sides, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        claim_create(
            claimant=sides["am_defence"],
            kind=ClaimKind.ACCUSATION,
            stated_at=OCT_11,
            accused=sides["az_forces"],
            act="breaking the humanitarian ceasefire",
        )
        claim_create(
            claimant=sides["az_defence"],
            kind=ClaimKind.DENIAL,
            stated_at=OCT_11 + timedelta(hours=3),
            act="Azerbaijan keeps the ceasefire",
        )
    contradiction = Contradiction.objects.get()
    assert contradiction.kind == ContradictionKind.ACCUSATION_DENIAL
    assert contradiction.incident_id is None


def test_a_checked_claim_no_longer_awaits_its_check_and_leaves_the_sweep_nothing(sides, ganja):
    claim = ClaimFactory(claimant=sides["am_defence"], place=ganja)
    assert claims_awaiting_check() == [claim.pk]
    claim_check(claim_id=claim.pk)
    assert claim_awaiting_check(claim_id=claim.pk) is None
    assert claims_awaiting_check() == []


def test_a_checked_claim_is_not_rewritten_by_its_check(sides, ganja):
    claim = ClaimFactory(claimant=sides["am_defence"], place=ganja)
    Claim.objects.filter(pk=claim.pk).update(updated_at=OCT_11)
    claim_check(claim_id=claim.pk)
    # The check's bookkeeping lives in its own table: the claim row keeps its last write.
    assert Claim.objects.get(pk=claim.pk).updated_at == OCT_11


def test_an_edit_during_the_check_leaves_the_claim_for_the_sweep(sides, ganja, monkeypatch):
    claim = ClaimFactory(claimant=sides["am_defence"], place=ganja)
    real = checking.claim_with_candidates
    edited_at = timezone.now()

    def edited_meanwhile(*, claim, relations):
        Claim.objects.filter(pk=claim.pk).update(changed_at=edited_at)
        claims_await_check(claim_ids=[claim.pk], changed_at=edited_at)
        return real(claim=claim, relations=relations)

    monkeypatch.setattr(checking, "claim_with_candidates", edited_meanwhile)
    claim_check(claim_id=claim.pk)
    assert claims_awaiting_check() == [claim.pk]
    assert claim_awaiting_check(claim_id=claim.pk) == edited_at
    monkeypatch.undo()
    claim_check(claim_id=claim.pk)
    assert claims_awaiting_check() == []


def test_a_claim_changed_twice_before_its_check_waits_once_for_the_later_change(sides, ganja):
    claim = ClaimFactory(claimant=sides["am_defence"], place=ganja, changed_at=OCT_11)
    later = OCT_11 + timedelta(hours=1)
    claims_await_check(claim_ids=[claim.pk, claim.pk], changed_at=later)
    assert claims_awaiting_check() == [claim.pk]
    assert claim_awaiting_check(claim_id=claim.pk) == later


def test_a_second_check_of_an_unchanged_claim_leaves_its_incident_figures_alone(sides, ganja, monkeypatch):
    claim = ClaimFactory(claimant=sides["am_defence"], place=ganja)
    claim_check(claim_id=claim.pk)
    refreshed = []
    monkeypatch.setattr(checking, "incidents_refresh", lambda **kwargs: refreshed.append(kwargs))
    monkeypatch.setattr(checking, "incident_refresh_from_facts", lambda **kwargs: refreshed.append(kwargs))
    claim_check(claim_id=claim.pk)
    assert refreshed == []


def test_checking_a_deleted_claim_is_a_no_op():
    assert claim_check(claim_id=987654) is None


def test_sweep_leaves_recently_changed_claims_to_their_own_check(sides):
    claim = ClaimFactory(claimant=sides["am_defence"])
    assert claims_awaiting_check(older_than=timedelta(minutes=2)) == []
    assert claims_awaiting_check() == [claim.pk]


def test_a_deleted_claim_no_longer_awaits_its_check(sides):
    claim = ClaimFactory(claimant=sides["am_defence"])
    Claim.objects.filter(pk=claim.pk).delete()
    assert claims_awaiting_check() == []


@pytest.mark.skipif(connection.vendor != "postgresql", reason="EXPLAIN plans are PostgreSQL's")
@pytest.mark.parametrize("kind", [ClaimKind.CASUALTY, ClaimKind.DENIAL])
def test_the_candidate_query_is_served_by_indexes_on_postgresql(kind):
    corpus = generate_corpus(3000, seed=11, planted=10)
    grouped = Claim.objects.filter(kind=kind, pk__gte=corpus["claim_ids"][0])
    claim_id = (
        grouped.filter(incident__isnull=False)
        if kind == ClaimKind.CASUALTY
        else grouped.filter(incident__isnull=True)
    ).values_list("pk", flat=True)[0]
    facts = claims_facts(claim_ids=[claim_id])[claim_id]
    plan = candidates_query(facts=facts).explain()
    assert "Seq Scan on claims_claim" not in plan, plan
    block_index = "claim_loose_block_idx" if kind == ClaimKind.DENIAL else "incident"
    assert block_index in plan, plan
    assert "claim_retraction_idx" in plan, plan


_TRANSACTION = ("BEGIN", "COMMIT", "SAVEPOINT", "RELEASE")


def test_checking_a_changed_claim_of_an_incident_costs_four_round_trips_on_postgresql(sides, ganja):
    claim = casualty(sides["am_defence"], ganja, (9, 9))
    other = casualty(sides["az_prosecutor"], ganja, (12, 12))
    for first in (claim, other):
        claim_check(claim_id=first.pk)  # grouped into one incident, the contradiction stored
    changed_at = timezone.now()
    Claim.objects.filter(pk=claim.pk).update(changed_at=changed_at)
    claims_await_check(claim_ids=[claim.pk], changed_at=changed_at)

    with CaptureQueriesContext(connection) as queries:
        claim_check(claim_id=claim.pk)

    statements = [q["sql"] for q in queries.captured_queries if q["sql"].split()[0] not in _TRANSACTION]
    # Read and lock, facts of the claim and its candidates, stored rows, figures with the pending row's
    # delete (SQLite: the delete is a statement of its own).
    assert len(statements) == (4 if connection.vendor == "postgresql" else 5), statements
    assert claim_awaiting_check(claim_id=claim.pk) is None
