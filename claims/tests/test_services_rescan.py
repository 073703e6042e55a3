"""The full rescan, in blocks: against naive all pairs, idempotent, on the synthetic corpus."""

import random
from datetime import timedelta

import pytest

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
)
from claims.selectors.candidates import claims_facts
from claims.services.checking import claim_check
from claims.services.rescan import contradictions_rescan, rescan_plan
from claims.tests import engine_fixtures
from claims.tests.factories import AccusationClaimFactory, ClaimFactory, DenialClaimFactory
from claims.tests.test_services_checking import OCT_11, rows

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("eager_celery")]
eager_celery = engine_fixtures.eager_celery
sides, ganja, hadrut = engine_fixtures.sides, engine_fixtures.ganja, engine_fixtures.hadrut


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
