"""Accusation claims (claims.extraction.kinds.accusation).

Short sentences written for these tests (pure functions, no database)."""

from datetime import UTC, datetime

import pytest

from claims.extraction import extract_candidates
from claims.extraction.lexicon import shipped_lexicon
from claims.tests import extraction_fixtures
from claims.tests.extraction_fixtures import only

lexicon, name, extract = extraction_fixtures.lexicon, extraction_fixtures.name, extraction_fixtures.extract
MAY_2025 = datetime(2025, 5, 11, 6, 0, tzinfo=UTC)


def test_accusation_inside_a_statement(extract, name):
    claim = only(
        extract("Azerbaijan's defence ministry said Armenian forces had shelled Goranboy."), "accusation"
    )
    assert name(claim.accused) == "Armed Forces of Armenia"
    assert claim.act == "shelled Goranboy"


def test_a_side_reporting_its_own_strikes_is_not_an_accusation(extract):
    found = extract("Azerbaijan's defence ministry said Azerbaijani forces had destroyed Armenian positions.")
    assert [c for c in found if c.kind == "accusation"] == []


def test_breaking_the_truce_is_an_accusation(extract, name):
    claim = only(
        extract("Azerbaijan's defence ministry said the Armenian side had broken the truce."), "accusation"
    )
    assert name(claim.accused) == "Armenia"


@pytest.mark.parametrize(
    "text",
    [
        "Armenian officials blamed the shelling of Martuni on Azerbaijan.",
        "The shelling, which Yerevan blames on Azerbaijan, damaged a school in Martuni.",
    ],
)
def test_an_act_blamed_on_the_other_side_is_an_accusation(extract, name, text):
    claim = only(extract(text), "accusation")
    assert name(claim.accused) == "Azerbaijan"
    assert claim.rule.endswith("/accusation-blamed-on")


def test_a_mishap_blamed_on_something_that_is_no_party_is_no_accusation(extract):
    assert [
        c for c in extract("Armenian officials blamed the delays on the weather.") if c.kind == "accusation"
    ] == []


def test_blaming_the_other_side_by_name_alone_is_an_accusation(extract, name):
    claim = only(extract("Armenian officials blamed Azerbaijan, vowing a response."), "accusation")
    assert name(claim.accused) == "Azerbaijan"


def test_blaming_something_that_is_no_party_by_name_alone_is_no_accusation(extract):
    found = extract("Armenian officials blamed the weather, saying the convoy was late.")
    assert [c for c in found if c.kind == "accusation"] == []


def test_an_adverb_between_the_accuser_and_its_verb_is_not_part_of_the_accuser(extract, name):
    text = "Azerbaijan's defence ministry said it had struck a depot. The ministry then accused Armenia of shelling Tartar."
    claim = only(extract(text), "accusation")
    assert (name(claim.claimant), name(claim.accused)) == ("Ministry of Defence of Azerbaijan", "Armenia")


def test_saying_the_other_side_is_using_civilians_as_living_shields_is_an_accusation(extract, name):
    text = "Azerbaijan's defence ministry said Armenian forces were using civilians as living shields in Martuni."
    assert name(only(extract(text), "accusation").accused) == "Armed Forces of Armenia"


def test_saying_one_s_own_forces_use_a_school_as_a_shelter_is_no_accusation(extract):
    text = "Azerbaijan's defence ministry said Azerbaijani forces were using the school as a shelter for residents."
    assert [c for c in extract(text) if c.kind == "accusation"] == []


@pytest.mark.parametrize(
    "text",
    [
        "An Armenian missile hit a residential area of Ganja overnight, killing nine people.",
        "On Sunday, an Armenian rocket strike on Ganja killed nine civilians.",
        "An Armenian missile also hit Ganja, killing nine people.",
    ],
)
def test_the_outlet_naming_the_weapon_s_demonym_blames_that_side(extract, name, text):
    accusation = only(extract(text, outlet="Anadolu Agency"), "accusation")
    assert (name(accusation.claimant), name(accusation.accused)) == (
        "Anadolu Agency",
        "Armed Forces of Armenia",
    )
    assert accusation.rule == "outlet/accusation-outlet-weapon"


def test_a_delegation_named_by_its_demonym_attacks_nothing(extract):
    found = extract("An Armenian delegation arrived in Moscow on Friday for talks.", outlet="Anadolu Agency")
    assert [claim for claim in found if claim.kind == "accusation"] == []


# --- breaches reported without naming who broke the truce --------------------------------------------


@pytest.fixture(scope="module")
def south_asia():
    lexicon = shipped_lexicon("india-pakistan-2025")

    def _extract(text):
        return extract_candidates(
            text, lexicon=lexicon, published=MAY_2025, outlet_party=lexicon.party_by_name("Reuters")
        )

    return lexicon, _extract


@pytest.mark.parametrize(
    "text",
    [
        "India's foreign secretary said there had been repeated violations of the understanding.",
        "The Indian army said the ceasefire had been violated several times overnight.",
        "An Indian military spokesman reported gross violations of the truce along the Line of Control.",
    ],
)
def test_a_side_reporting_breaches_accuses_the_other_party_to_the_truce(south_asia, text):
    lexicon, extract = south_asia
    claim = only(extract(text), "accusation")
    assert lexicon.parties[claim.accused].side == "pakistan"
    assert claim.act == "violating the ceasefire"


@pytest.mark.parametrize(
    "text",
    [
        "The Indian army said any violations of the ceasefire would be met with force.",
        "India's foreign secretary said there had been no violations of the understanding.",
        "The United Nations said there had been repeated violations of the truce.",
    ],
)
def test_a_warning_a_negation_or_an_onlooker_is_no_accusation_of_breach(south_asia, text):
    _, extract = south_asia
    assert [c for c in extract(text) if c.kind == "accusation"] == []


def test_the_party_blamed_may_carry_its_abbreviation_in_brackets(extract, name):
    found = extract(
        "Shelling damaged a school in Martuni. Armenian officials have blamed the Azerbaijani (AZ) army."
    )
    assert name(only(found, "accusation").accused) == "Armed Forces of Azerbaijan"


def test_using_a_school_as_a_command_centre_is_an_accusation(extract, name):
    claim = only(
        extract(
            "Azerbaijan's defence ministry said Armenian forces used a school in Martuni as a command centre."
        ),
        "accusation",
    )
    assert name(claim.accused) in ("Armenia", "Armed Forces of Armenia")


def test_the_other_sides_targets_struck_by_the_speakers_jets_accuse_nobody(extract):
    found = extract("Azerbaijan's defence ministry said its jets had struck Armenian targets near Martuni.")
    assert [c for c in found if c.kind == "accusation"] == []


@pytest.mark.parametrize(
    ("text", "enemy"),
    [
        (
            '"The enemy is shelling Martakert," Armenia\'s defence ministry said.',
            "Armed Forces of Azerbaijan",
        ),
        ("Hikmet Hajiyev tweeted that the enemy keeps shelling Tartar.", "Armed Forces of Armenia"),
    ],
)
def test_the_enemy_shelling_now_is_an_accusation_of_the_other_side(extract, name, text, enemy):
    assert name(only(extract(text), "accusation").accused) == enemy
