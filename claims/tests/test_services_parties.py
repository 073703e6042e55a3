"""claims.services.parties.party_merge folds duplicate parties into one: every claim, alias, outlet and sub-party moves, in one go."""

import pytest

from claims.models import Claim
from claims.services.parties import party_merge
from claims.tests.factories import AccusationClaimFactory, ClaimFactory, ControlClaimFactory
from sources.models import Party, PartyAlias
from sources.services import party_create
from sources.tests.factories import OutletFactory, PartyFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def duplicates():
    state = PartyFactory(name="Testland", kind=Party.Kind.STATE, side="armenia")
    target = party_create(name="Testland Ministry of Defence", parent=state, aliases=["TMoD"])
    other = party_create(
        name="Defence Ministry of Testland", parent=state, aliases=["Testland defence officials"]
    )
    return state, target, other


def test_merge_moves_claims_in_every_party_role(duplicates):
    _, target, other = duplicates
    said = ClaimFactory(claimant=other)
    relayed = ClaimFactory(relayed_by=other)
    accused = AccusationClaimFactory(accused=other)
    held = ControlClaimFactory(controller=other)
    party_merge(target=target, others=[other])
    said, relayed, accused, held = (Claim.objects.get(pk=c.pk) for c in (said, relayed, accused, held))
    assert said.claimant == target
    assert relayed.relayed_by == target
    assert accused.accused == target
    assert held.controller == target
    assert not Party.objects.filter(pk=other.pk).exists()


def test_merge_keeps_the_merged_partys_names_as_aliases(duplicates):
    _, target, other = duplicates
    party_merge(target=target, others=[other])
    aliases = set(PartyAlias.objects.filter(party=target).values_list("alias", flat=True))
    assert {"Defence Ministry of Testland", "Testland defence officials", "TMoD"} <= aliases


def test_merge_moves_sub_parties_and_outlets_under_the_target(duplicates):
    _, target, other = duplicates
    spokesman = party_create(name="Testland MoD spokesman", parent=other)
    outlet = OutletFactory(party=other)
    party_merge(target=target, others=[other])
    spokesman.refresh_from_db()
    outlet.refresh_from_db()
    assert spokesman.parent == target
    assert spokesman.tree_path == f"{target.tree_path}{spokesman.pk}/"
    assert outlet.party == target


def test_merging_a_parent_into_its_own_child_lifts_the_child_out_first(duplicates):
    state, target, other = duplicates
    party_merge(target=target, others=[state])
    target.refresh_from_db()
    other.refresh_from_db()
    assert target.parent is None
    assert target.tree_path == f"/{target.pk}/"
    assert other.parent == target
    assert other.tree_path == f"/{target.pk}/{other.pk}/"


def test_moved_claims_are_rechecked_and_the_audit_trail_records_the_merge(
    duplicates, django_capture_on_commit_callbacks
):
    _, target, other = duplicates
    claim = ClaimFactory(claimant=other)
    before = claim.changed_at
    with django_capture_on_commit_callbacks() as callbacks:
        party_merge(target=target, others=[other])
    claim.refresh_from_db()
    assert claim.changed_at > before
    assert len(callbacks) == 1
    assert claim.history.first().history_change_reason == f"party merge into {target.pk}"


def test_a_failed_merge_changes_nothing(duplicates, monkeypatch):
    _, target, other = duplicates
    claim = ClaimFactory(claimant=other)

    def boom(**kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr("sources.services.party_add_alias", boom)
    with pytest.raises(RuntimeError):
        party_merge(target=target, others=[other])
    claim.refresh_from_db()
    assert claim.claimant == other
    assert Party.objects.filter(pk=other.pk).exists()
