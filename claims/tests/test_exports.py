"""The claim JSON form other tools read: stable keys, party paths from the root down, cheap to build."""

import pytest

from claims.exports import CLAIM_JSON_KEYS, CLAIM_JSON_RELATED, claims_as_json
from claims.models import Claim
from claims.tests.factories import AccusationClaimFactory, ControlClaimFactory
from sources.models import Party, Place

pytestmark = pytest.mark.django_db

ORIGINAL_KEYS = (
    "id", "article_url", "kind", "claimant", "claimant_path", "relayed_by", "accused", "accused_path",
    "killed_min", "killed_max", "wounded_min", "wounded_max", "victim_group", "place", "event_start",
    "event_end", "quote", "start", "end",
)  # fmt: skip


def test_documented_keys_come_first_and_new_keys_are_only_appended():
    assert CLAIM_JSON_KEYS[: len(ORIGINAL_KEYS)] == ORIGINAL_KEYS


def test_accusation_carries_both_party_paths(gazetteer):
    claim = AccusationClaimFactory(
        claimant=Party.objects.get(name="Ilham Aliyev"),
        accused=Party.objects.get(name="Armed Forces of Armenia"),
    )
    (row,) = claims_as_json(Claim.objects.filter(pk=claim.pk).select_related(*CLAIM_JSON_RELATED))
    assert row["claimant_path"] == ["Azerbaijan", "Government of Azerbaijan", "Ilham Aliyev"]
    assert row["accused_path"] == ["Armenia", "Armed Forces of Armenia"]
    assert row["victim_group"] is None
    assert tuple(row) == CLAIM_JSON_KEYS


def test_control_claim_names_who_holds_the_place(gazetteer):
    forces = Party.objects.get(name="Armed Forces of Azerbaijan")
    claim = ControlClaimFactory(claimant=forces, controller=forces, place=Place.objects.get(name="Hadrut"))
    (row,) = claims_as_json(Claim.objects.filter(pk=claim.pk).select_related(*CLAIM_JSON_RELATED))
    assert (row["place"], row["controller"]) == ("Hadrut", "Armed Forces of Azerbaijan")
    assert row["controller_path"] == ["Azerbaijan", "Armed Forces of Azerbaijan"]


def test_paths_for_many_claims_cost_one_query(gazetteer, django_assert_num_queries):
    for _ in range(20):
        AccusationClaimFactory(claimant=Party.objects.get(name="Nikol Pashinyan"))
    claims = list(Claim.objects.select_related(*CLAIM_JSON_RELATED))
    with django_assert_num_queries(1):
        rows = claims_as_json(claims)
    assert len(rows) == 20
