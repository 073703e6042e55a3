"""Blame forms and passive accusations (claims.extraction.kinds.blame).

Short sentences written for these tests (pure functions, no database)."""

import pytest

from claims.tests import extraction_fixtures
from claims.tests.extraction_fixtures import only

lexicon, name, extract = extraction_fixtures.lexicon, extraction_fixtures.name, extraction_fixtures.extract


@pytest.mark.parametrize(
    ("text", "accuser"),
    [
        ("In Armenia, Azerbaijan is blamed for the new escalation near the border.", "Armenia"),
        ("Azerbaijan was accused by Yerevan of shelling Martuni overnight.", "Government of Armenia"),
    ],
)
def test_a_passive_accusation_with_its_accuser_named_is_the_accuser_s(extract, name, text, accuser):
    claim = only(extract(text), "accusation")
    assert (name(claim.claimant), name(claim.accused)) == (accuser, "Azerbaijan")


@pytest.mark.parametrize(
    "text",
    [
        "Azerbaijan was accused of shelling Martuni overnight.",
        "In Armenia, two men were accused of looting shops in Martuni.",
    ],
)
def test_a_passive_accusation_with_no_accuser_or_no_enemy_is_not_a_claim(extract, text):
    assert [c for c in extract(text) if c.kind == "accusation"] == []


def test_a_party_said_to_be_behind_an_attack_is_accused(extract, name):
    claim = only(
        extract("Armenian officials said Azerbaijan was behind the attack on Martuni."), "accusation"
    )
    assert (name(claim.claimant), name(claim.accused)) == ("Government of Armenia", "Azerbaijan")
    assert claim.rule.endswith("/accusation-responsible")


@pytest.mark.parametrize(
    "text",
    [
        "Armenian officials said Azerbaijan was not behind the attack on Martuni.",
        "Armenian officials said Azerbaijan was behind the proposal for new talks.",
    ],
)
def test_not_behind_an_attack_or_behind_something_else_is_no_accusation(extract, text):
    assert [c for c in extract(text) if c.kind == "accusation"] == []


def test_the_sponsor_of_the_attackers_is_blamed(extract, name):
    claim = only(
        extract("Azerbaijan's defence ministry said the attackers were trained by Armenia."), "accusation"
    )
    assert name(claim.accused) == "Armenia"


def test_a_state_backed_by_an_ally_is_no_blame(extract):
    found = extract("Azerbaijan's foreign ministry said the government of Armenia is backed by France.")
    assert [c for c in found if c.kind == "accusation"] == []


def test_an_attack_named_by_the_force_that_made_it_is_blamed_even_inside_a_toll(extract, name):
    claim = only(
        extract(
            "Azerbaijan's defence ministry said civilians were killed as a result of heavy shelling of "
            "the Armenian army."
        ),
        "accusation",
    )
    assert name(claim.accused) == "Armed Forces of Armenia"


def test_the_shelling_of_positions_names_a_target_not_a_doer(extract):
    found = extract(
        "Azerbaijan's defence ministry said the shelling of Armenian positions went on all night."
    )
    assert [c for c in found if c.kind == "accusation"] == []


@pytest.mark.parametrize(
    "text",
    [
        "Armenian officials said two soldiers were killed in unprovoked Azerbaijani firing near Martuni.",
        "Armenian officials said Azerbaijani gunfire wounded a shepherd near Martuni.",
    ],
)
def test_firing_named_by_its_demonym_blames_that_side(extract, name, text):
    claim = only(extract(text), "accusation")
    assert name(claim.accused) in ("Azerbaijan", "Armed Forces of Azerbaijan")


def test_firing_by_the_speakers_own_side_blames_nobody(extract):
    found = extract('"Not one civilian was harmed by Armenian firing," Armenian officials said.')
    assert [claim for claim in found if claim.kind == "accusation"] == []


@pytest.mark.parametrize(
    "text",
    [
        "Armenia's defence ministry said its units answered unprovoked firing by Azerbaijan near Martuni.",
        "Armenia said it remained committed to the ceasefire despite violations by Azerbaijan.",
    ],
)
def test_firing_or_violations_by_the_other_side_accuse_it(extract, name, text):
    assert name(only(extract(text), "accusation").accused) in ("Azerbaijan", "Armed Forces of Azerbaijan")


def test_no_violations_by_the_other_side_accuse_nobody(extract):
    found = extract("Armenia's defence ministry said there were no violations by Azerbaijan overnight.")
    assert [c for c in found if c.kind == "accusation"] == []


def test_keeping_the_truce_despite_the_others_violations_is_both_a_denial_and_an_accusation(extract):
    found = extract("Armenia said it remained committed to the ceasefire despite violations by Azerbaijan.")
    assert sorted(c.kind for c in found) == ["accusation", "denial"]
