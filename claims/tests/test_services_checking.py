"""claim_check, the sweep and the full rescan, against the database (SQLite by default, PostgreSQL in CI)."""

import random
from datetime import UTC, datetime, timedelta

import pytest
from django.db import connection
from django.utils import timezone

from bench.corpus import generate_corpus
from claims.contradictions import check
from claims.models import (
    Claim,
    ClaimKind,
    ClaimStatus,
    Contradiction,
    ContradictionKind,
    ContradictionStatus,
    Polarity,
    VictimGroup,
)
from claims.selectors.candidates import candidates_query, claims_facts
from claims.services import checking
from claims.services.checking import (
    claim_check,
    claims_unchecked,
    contradictions_rescan,
    rescan_plan,
)
from claims.services.claims import claim_create, claim_update, claims_review
from claims.services.reviews import contradiction_review
from claims.tests import engine_fixtures
from claims.tests.factories import AccusationClaimFactory, ClaimFactory, DenialClaimFactory

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


def test_a_checked_claim_records_the_change_it_saw_and_leaves_the_sweep_nothing(sides, ganja):
    claim = ClaimFactory(claimant=sides["am_defence"], place=ganja)
    assert claims_unchecked() == [claim.pk]
    claim_check(claim_id=claim.pk)
    claim.refresh_from_db()
    assert claim.checked_at == claim.changed_at
    assert claims_unchecked() == []


def test_an_edit_during_the_check_leaves_the_claim_for_the_sweep(sides, ganja, monkeypatch):
    claim = ClaimFactory(claimant=sides["am_defence"], place=ganja)
    real = checking.claim_with_candidates

    def edited_meanwhile(*, claim):
        Claim.objects.filter(pk=claim.pk).update(changed_at=timezone.now())
        return real(claim=claim)

    monkeypatch.setattr(checking, "claim_with_candidates", edited_meanwhile)
    claim_check(claim_id=claim.pk)
    assert claims_unchecked() == [claim.pk]


def test_checking_a_deleted_claim_is_a_no_op():
    assert claim_check(claim_id=987654) is None


def test_sweep_leaves_recently_changed_claims_to_their_own_check(sides):
    claim = ClaimFactory(claimant=sides["am_defence"])
    assert claims_unchecked(older_than=timedelta(minutes=2)) == []
    assert claims_unchecked() == [claim.pk]


def test_rescan_plan_covers_every_claim_and_incident_once(sides, ganja):
    claims = [ClaimFactory(claimant=sides["am_defence"], place=ganja) for _ in range(7)]
    for claim in claims[:5]:
        claim_check(claim_id=claim.pk)
    incident_ids = set(Claim.objects.exclude(incident=None).values_list("incident_id", flat=True))
    blocks = rescan_plan(block_size=3)
    assert len(blocks) == 3
    assert sorted(c.pk for c in claims for lo, hi, _, _ in blocks if lo <= c.pk <= hi) == [
        c.pk for c in claims
    ]
    assert sorted(i for i in incident_ids for _, _, ilo, ihi in blocks if ilo <= i <= ihi) == sorted(
        incident_ids
    )


def random_world(parties_by_key, places, n=120, seed=7):
    """A small random corpus touching every rule, written with the factories (no checks enqueued)."""
    rng = random.Random(seed)
    parties = list(parties_by_key.values())
    accused = [parties_by_key["az_forces"], parties_by_key["am_forces"]]
    for _ in range(n):
        kind = rng.choice([ClaimKind.CASUALTY, ClaimKind.ACCUSATION, ClaimKind.DENIAL, ClaimKind.CONTROL])
        common = {
            "claimant": rng.choice(parties),
            "stated_at": OCT_11 + timedelta(hours=rng.randrange(0, 72, 6)),
            "place": rng.choice([*places, None]) if kind != ClaimKind.CONTROL else rng.choice(places),
            "polarity": rng.choice([Polarity.ASSERTS] * 5 + [Polarity.RETRACTS]),
            "status": rng.choice([ClaimStatus.PENDING] * 6 + [ClaimStatus.REJECTED]),
        }
        if kind == ClaimKind.CASUALTY:
            low = rng.randrange(5, 15)
            ClaimFactory(killed_min=low, killed_max=rng.choice([low, None, low + 2]), **common)
        elif kind == ClaimKind.ACCUSATION:
            AccusationClaimFactory(accused=rng.choice(accused), act="shelling homes", **common)
        elif kind == ClaimKind.DENIAL:
            DenialClaimFactory(
                act=rng.choice(["shelling homes", "keeps the ceasefire", "drone use"]), **common
            )
        else:
            ClaimFactory(
                kind=kind, killed_min=None, killed_max=None, controller=rng.choice(accused), **common
            )


def stored_findings():
    return set(
        Contradiction.objects.exclude(status=ContradictionStatus.CLOSED).values_list(
            "claim_a_id", "claim_b_id", "kind"
        )
    )


def test_full_rescan_incremental_checks_and_naive_all_pairs_agree(sides, ganja, hadrut):
    random_world(sides, [ganja, hadrut])
    contradictions_rescan(block_size=25)
    by_rescan = stored_findings()
    assert any(kind == ContradictionKind.CASUALTY_MISMATCH for _, _, kind in by_rescan)

    facts = list(claims_facts(claim_ids=Claim.objects.values_list("pk", flat=True)).values())
    naive = {
        (min(a.id, b.id), max(a.id, b.id), finding.kind)
        for i, a in enumerate(facts)
        for b in facts[i + 1 :]
        for finding in check(a, b)
    }
    assert by_rescan == naive

    Contradiction.objects.all().delete()
    for claim_id in Claim.objects.order_by("?").values_list("pk", flat=True):
        claim_check(claim_id=claim_id)
    assert stored_findings() == naive
    assert {kind for _, _, kind in naive} >= {
        ContradictionKind.CASUALTY_MISMATCH,
        ContradictionKind.CONFLICTING_BLAME,
        ContradictionKind.ACCUSATION_DENIAL,
        ContradictionKind.CONFLICTING_CONTROL,
        ContradictionKind.SELF_REVERSAL,
    }


def test_a_second_rescan_is_a_no_op(sides, ganja):
    random_world(sides, [ganja], n=60, seed=3)
    first = contradictions_rescan(block_size=20)
    before = rows()
    second = contradictions_rescan(block_size=20)
    assert rows() == before
    assert (second.created, second.updated, second.closed) == (0, 0, 0)
    assert first.created > 0


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


def test_a_full_rescan_of_the_synthetic_corpus_finds_every_planted_contradiction_and_no_other():
    # The corpus plants placeless accusation/denial pairs (each from an article of its own, so no
    # incident takes them in) and tolls of opposite numbers whose names are one letter apart.
    corpus = generate_corpus(600, seed=3, planted=40)
    contradictions_rescan(block_size=250)
    live = Contradiction.objects.exclude(status=ContradictionStatus.CLOSED)
    found = set(live.exclude(kind=ContradictionKind.UPDATE).values_list("claim_a_id", "claim_b_id", "kind"))
    updates = set(live.filter(kind=ContradictionKind.UPDATE).values_list("claim_a_id", "claim_b_id"))
    assert found == set(corpus["planted"])
    assert updates == set(corpus["updates"])
