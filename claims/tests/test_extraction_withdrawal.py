"""A side's withdrawal from a place is a claim that its enemy holds it (claims.extraction.kinds.withdrawal).

Short sentences written for these tests (pure functions, no database)."""

import pytest

from claims.tests import extraction_fixtures
from claims.tests.extraction_fixtures import only

lexicon, name, extract = extraction_fixtures.lexicon, extraction_fixtures.name, extraction_fixtures.extract


@pytest.mark.parametrize(
    ("text", "claimant"),
    [
        ("The Armenian defence ministry said on Monday it was withdrawing from Talish.", "Ministry of Defence of Armenia"),
        ("Armenian units withdrew from Talish overnight, the Armenian defence ministry said.", "Ministry of Defence of Armenia"),
        ("The Armenian defence ministry said it had ordered the withdrawal of its troops from Talish.", "Ministry of Defence of Armenia"),
        ("The Armenian defence ministry said commanders were given permission to withdraw units from Talish.", "Ministry of Defence of Armenia"),
        ("Armenian forces pulled out of Talish after days of shelling.", "Reuters"),
    ],
)  # fmt: skip
def test_a_withdrawal_concedes_the_place_to_the_enemy(extract, lexicon, name, text, claimant):
    claim = only(extract(text), "control")
    assert (lexicon.places[claim.place_id], name(claim.controller)) == (
        "Talish",
        "Armed Forces of Azerbaijan",
    )
    assert name(claim.claimant) == claimant
    assert claim.rule.endswith("control-withdrawal")


def test_the_town_withdrawn_from_may_be_named_in_the_sentence_before(extract, lexicon):
    text = "Fighting went on around Talish for a week. The Armenian defence ministry said it had withdrawn from the town."
    claim = only(extract(text), "control")
    assert lexicon.places[claim.place_id] == "Talish"


def test_the_place_withdrawn_to_is_not_conceded(extract, lexicon):
    claim = only(
        extract("The Armenian defence ministry said its troops withdrew from Talish to Martakert."), "control"
    )
    assert lexicon.places[claim.place_id] == "Talish"


@pytest.mark.parametrize(
    "text",
    [
        "Azerbaijan demanded that Armenia withdraw its troops from Talish.",
        "The Armenian defence ministry said it would not withdraw from Talish.",
        "The Armenian defence ministry said it had no plans to withdraw from Talish.",
        "The Armenian defence ministry said its forces were ready to pull out of Talish if the shelling stopped.",
        "The Armenian defence ministry said it refused to withdraw from Talish.",
    ],
)
def test_demands_plans_refusals_and_negations_concede_nothing(extract, text):
    assert [claim for claim in extract(text) if claim.kind == "control"] == []
