"""Disputes: the open contradictions of one incident and kind, taken, locked, and settled once."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from claims.models import Contradiction, ContradictionKind, ContradictionStatus, Note
from claims.services.disputes import (
    dispute_heads,
    dispute_lock,
    dispute_release,
    dispute_settle,
    dispute_take,
    dispute_take_next,
    note_add,
)
from claims.tests.factories import ClaimFactory, ContradictionFactory, ControlClaimFactory, IncidentFactory
from sources.tests.factories import PartyFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def hadrut_dispute():
    """Two claims that one side holds the town, two that the other does: four pairwise contradictions."""
    incident = IncidentFactory(title="Capture of Hadrut")
    az, am = PartyFactory(name="Side A forces"), PartyFactory(name="Side B forces")
    ours = [ControlClaimFactory(claimant=az, incident=incident) for _ in range(2)]
    theirs = [ControlClaimFactory(claimant=am, incident=incident) for _ in range(2)]
    pairs = [
        ContradictionFactory(
            claim_a=min(a, b, key=lambda c: c.pk),
            claim_b=max(a, b, key=lambda c: c.pk),
            incident=incident,
            kind=ContradictionKind.CONFLICTING_CONTROL,
        )
        for a in ours
        for b in theirs
    ]
    return ours, theirs, pairs


def test_the_queue_lists_one_row_per_dispute_and_every_loose_contradiction(hadrut_dispute):
    _, _, pairs = hadrut_dispute
    loose = ContradictionFactory()
    heads = set(dispute_heads(Contradiction.objects.filter(status="open")).values_list("pk", flat=True))
    assert heads == {min(p.pk for p in pairs), loose.pk}


def test_resolving_once_settles_every_pair_with_the_claims_on_the_holding_side(hadrut_dispute, reviewer):
    ours, _, pairs = hadrut_dispute
    settled = dispute_settle(
        contradiction=pairs[0], action="resolve", reviewer=reviewer, holding_claim=ours[0], note="Town map"
    )
    assert sorted(settled.decided) == sorted(p.pk for p in pairs)
    assert settled.left_open == []
    for pair in Contradiction.objects.filter(pk__in=[p.pk for p in pairs]):
        assert pair.status == ContradictionStatus.RESOLVED
        assert pair.holding_claim_id in {c.pk for c in ours}
        assert pair.reviewed_by == reviewer


def test_dismissing_a_dispute_records_the_reason_on_every_pair(hadrut_dispute, reviewer):
    _, _, pairs = hadrut_dispute
    dispute_settle(
        contradiction=pairs[1], action="dismiss", reviewer=reviewer, dismiss_reason="same_statement"
    )
    assert set(Contradiction.objects.values_list("status", "dismiss_reason")) == {
        ("dismissed", "same_statement")
    }


def test_a_bad_dismiss_reason_is_refused():
    with pytest.raises(ValidationError, match="not a reason"):
        dispute_settle(
            contradiction=ContradictionFactory(), action="dismiss", reviewer=None, dismiss_reason="bored"
        )


def test_taking_the_next_dispute_assigns_all_its_pairs_and_skips_what_others_have(
    hadrut_dispute, reviewer, django_user_model
):
    _, _, pairs = hadrut_dispute
    other = django_user_model.objects.create_user("otto", password="x-long-pass-1")
    newest = ContradictionFactory()
    dispute_take(contradiction=newest, reviewer=other)
    head = dispute_take_next(reviewer=reviewer)
    assert head.incident_id == pairs[0].incident_id
    assert set(Contradiction.objects.filter(assigned_to=reviewer).values_list("pk", flat=True)) == {
        p.pk for p in pairs
    }
    latest = Contradiction.objects.get(pk=pairs[0].pk).history.order_by("-history_id").first()
    assert latest.history_user == reviewer
    assert latest.history_change_reason == f"assigned to {reviewer}"
    dispute_release(contradiction=head, reviewer=reviewer)
    assert not Contradiction.objects.filter(assigned_to=reviewer).exists()


def test_a_lock_shows_who_has_the_dispute_open_and_expires(hadrut_dispute, reviewer, django_user_model):
    _, _, pairs = hadrut_dispute
    other = django_user_model.objects.create_user("otto", password="x-long-pass-1")
    mine = dispute_lock(contradiction=pairs[0], reviewer=reviewer)
    assert mine.mine
    theirs = dispute_lock(contradiction=pairs[2], reviewer=other)
    assert (theirs.mine, theirs.user) == (False, reviewer)
    Contradiction.objects.update(locked_until=timezone.now() - timedelta(seconds=1))
    assert dispute_lock(contradiction=pairs[2], reviewer=other).mine


def test_a_note_needs_text_and_exactly_one_object(reviewer):
    claim = ClaimFactory()
    note = note_add(author=reviewer, text="  The toll is from the hospital.  ", claim=claim)
    assert (note.text, note.author, note.claim) == ("The toll is from the hospital.", reviewer, claim)
    assert note.history.get().history_user == reviewer
    with pytest.raises(ValidationError, match="needs some text"):
        note_add(author=reviewer, text=" ", claim=claim)
    with pytest.raises(ValidationError, match="exactly one"):
        note_add(author=reviewer, text="x", claim=claim, incident=IncidentFactory())
    assert Note.objects.count() == 1
