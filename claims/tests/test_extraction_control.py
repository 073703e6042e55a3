"""Control claims (claims.extraction.kinds.control).

Short sentences written for these tests (pure functions, no database)."""

import pytest

from claims.tests import extraction_fixtures
from claims.tests.extraction_fixtures import only

lexicon, name, extract = extraction_fixtures.lexicon, extraction_fixtures.name, extraction_fixtures.extract


def test_captured_places_are_each_a_control_claim(extract, lexicon, name):
    text = "Aliyev said Azeri forces had seized Hadrut, Chayli and Sur communities in Karabakh."
    found = [c for c in extract(text) if c.kind == "control"]
    assert sorted(lexicon.places[c.place_id] for c in found) == ["Chayli", "Hadrut", "Sur"]
    assert {name(c.controller) for c in found} == {"Armed Forces of Azerbaijan"}


@pytest.mark.parametrize(
    ("text", "controller"),
    [
        (
            "Armenian officials said Hadrut remained under the control of Karabakh forces.",
            "Artsakh Defence Army",
        ),
        ('"Our army has liberated Jabrayil," Aliyev said.', "Armed Forces of Azerbaijan"),
        ("Armenian officials said Hadrut was still under Armenian control.", "Armenia"),
        (
            "Azerbaijan's defence ministry said Sugovushan had fallen to Azerbaijani troops.",
            "Armed Forces of Azerbaijan",
        ),
    ],
)
def test_control_claim_forms(extract, lexicon, name, text, controller):
    claim = only(extract(text), "control")
    assert name(claim.controller) == controller


def test_transliterated_place_names_resolve_through_the_gazetteer(extract, lexicon):
    claim = only(extract("Aliyev said Azerbaijani forces had captured Khankendi."), "control")
    assert lexicon.places[claim.place_id] == "Stepanakert"


def test_an_adjective_is_not_a_control_claim(extract):
    assert extract("Aliyev said the Armenian-controlled province of Fuzuli had been surrounded.") == []


def test_a_nominal_capture_followed_by_its_verb_names_the_place_only(extract, name):
    text = (
        '"The capture of Talish was made possible by the constant shelling of enemy positions," '
        "the Azerbaijani Defence Ministry said."
    )
    [claim] = [c for c in extract(text) if c.kind == "control"]
    assert (name(claim.claimant), name(claim.controller)) == (
        "Ministry of Defence of Azerbaijan",
        "Armed Forces of Azerbaijan",
    )


def test_a_capture_that_would_happen_is_no_control_claim(extract):
    text = "The capture of Talish would be a disaster for the region, the Azerbaijani Defence Ministry said."
    assert [c for c in extract(text) if c.kind == "control"] == []


def test_a_belligerent_acting_after_liberating_a_town_claims_it_for_its_own_forces(extract, name, lexicon):
    text = (
        "The Azerbaijani Defence Ministry said its units cleared mines after successfully liberating Talish."
    )
    claim = only(extract(text), "control")
    assert name(claim.controller) == "Armed Forces of Azerbaijan"
    assert lexicon.places[claim.place_id] == "Talish"


def test_a_third_party_speaking_of_a_town_after_its_capture_names_no_controller(extract):
    text = "The United Nations said aid stopped after capturing Talish became the aim of both armies."
    assert [c for c in extract(text) if c.kind == "control"] == []


# --- the outlet's own voice, "where X remains in control" (session 29) ---------------------------


def test_a_capture_reported_in_the_outlet_s_own_voice_is_the_outlet_s_claim(extract, name, lexicon):
    claim = only(extract("Azerbaijani forces took Talish on Thursday."), "control")
    assert (name(claim.claimant), name(claim.controller)) == ("Reuters", "Armed Forces of Azerbaijan")
    assert lexicon.places[claim.place_id] == "Talish"
    assert claim.rule == "outlet/control-active"


@pytest.mark.parametrize(
    "text",
    [
        "Armenian forces occupied Kalbajar in 1993.",
        "Azerbaijani forces fired across the Line of Control near Fuzuli.",
    ],
)
def test_an_earlier_war_s_occupation_or_a_border_s_name_is_no_control_claim(extract, text):
    assert [c for c in extract(text) if c.kind == "control"] == []


def test_the_place_before_where_x_remains_in_control_is_held_by_x(extract, name, lexicon):
    text = (
        "Armenian officials said the shelling came from Fuzuli, where Azerbaijani forces remain in control."
    )
    claim = only(extract(text), "control")
    assert (name(claim.controller), lexicon.places[claim.place_id]) == (
        "Armed Forces of Azerbaijan",
        "Fuzuli",
    )
    assert claim.rule.endswith("/control-where-in-control")


def test_trying_to_gain_control_where_the_shelling_came_from_is_no_claim(extract):
    text = "Armenian officials said the shelling came from Fuzuli, where Azerbaijani forces are trying to gain control."
    assert [c for c in extract(text) if c.kind == "control"] == []
