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
        ("Azerbaijan said its forces took control on Saturday of Sugovushan.", "Armed Forces of Azerbaijan"),
        ("Hikmet Hajiyev described the capture of Talish as a turning point.", "Armed Forces of Azerbaijan"),
        ("Ilham Aliyev hailed the fall of Sugovushan as a great victory.", "Armed Forces of Azerbaijan"),
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


# --- issue 14: withdrawals conceded, expulsions, recaptures, sites, qualifiers --------------------

from datetime import UTC, datetime  # noqa: E402

from claims.extraction import NewParty, extract_candidates  # noqa: E402
from claims.extraction.lexicon import shipped_lexicon  # noqa: E402

OCT_2024 = datetime(2024, 10, 3, 9, 0, tzinfo=UTC)
MARCH_2025 = datetime(2025, 3, 22, 9, 0, tzinfo=UTC)


@pytest.fixture(scope="module")
def ukraine():
    return shipped_lexicon("russia-ukraine-2022")


@pytest.fixture(scope="module")
def sudan():
    return shipped_lexicon("sudan-2023")


def _controls(lexicon, text, published=OCT_2024):
    outlet = NewParty("Wire Service", None, "media")
    found = extract_candidates(text, lexicon=lexicon, published=published, outlet_party=outlet)

    def party(ref):
        return ref.name if isinstance(ref, NewParty) else lexicon.parties[ref].name

    return [
        (party(c.claimant), party(c.controller), lexicon.places[c.place_id], c.rule.rsplit("-", 1)[-1])
        for c in found
        if c.kind == "control"
    ]


@pytest.mark.parametrize(
    "text",
    [
        "Ukraine's army said on Tuesday it was pulling out of the town of Avdiivka.",
        "Ukraine's army said it had withdrawn from the eastern town of Avdiivka, facing heavy attacks.",
        "Kyiv said it ordered the withdrawal of its troops from the city of Avdiivka.",
        '"Command allowed a manoeuvre to withdraw units from Avdiivka to save lives," Ukraine\'s army said.',
    ],
)
def test_a_side_conceding_its_withdrawal_says_the_other_side_holds_the_place(ukraine, text):
    [(_claimant, controller, place, rule)] = _controls(ukraine, text)
    assert (controller, place, rule) == ("Armed Forces of Russia", "Avdiivka", "withdrawal")


def test_the_city_withdrawn_from_is_the_one_named_before(ukraine):
    text = (
        "Russian units pressed on Avdiivka from three sides. "
        "Ukraine's army said it had confirmed the withdrawal of its brigades from the city."
    )
    assert _controls(ukraine, text) == [
        ("Armed Forces of Ukraine", "Armed Forces of Russia", "Avdiivka", "withdrawal")
    ]


def test_the_other_side_withdrawing_leaves_the_place_to_the_speaker(ukraine):
    text = "Ukraine's army said Russian troops had withdrawn from Kherson."
    assert [c[1:3] for c in _controls(ukraine, text)] == [("Armed Forces of Ukraine", "Kherson")]


@pytest.mark.parametrize(
    "text",
    [
        "Zelensky demanded the withdrawal of Russian troops from Kherson.",
        "Ukraine's army said it would not withdraw from Avdiivka.",
        "Ukraine's army said it was ready to pull out of Avdiivka if civilians were evacuated first.",
        "Ukraine said it withdrew its ambassador from Minsk.",
        "Ukraine's foreign ministry said it had withdrawn from the talks in Istanbul.",
    ],
)
def test_a_withdrawal_demanded_refused_or_not_of_troops_is_no_control_claim(ukraine, text):
    assert _controls(ukraine, text) == []


def test_driving_the_other_side_out_of_a_place_is_holding_it(ukraine):
    text = "Ukraine's army said its forces drove Russian troops out of Kupiansk."
    assert _controls(ukraine, text) == [
        ("Armed Forces of Ukraine", "Armed Forces of Ukraine", "Kupiansk", "expelled")
    ]


def test_an_aim_to_drive_the_other_side_out_is_no_control_claim(ukraine):
    assert (
        _controls(ukraine, "Ukraine's army said it was trying to drive Russian troops out of Kupiansk.") == []
    )


@pytest.mark.parametrize(
    "text",
    [
        "The Sudanese army has regained control of the presidential palace in Khartoum.",
        "The Sudanese army has reclaimed control of the presidential palace.",
        "The Sudanese army recaptured the palace on Friday.",
    ],
)
def test_a_recaptured_site_named_by_its_kind_is_the_gazetteer_s_one_site(sudan, text):
    [(claimant, controller, place, _rule)] = _controls(sudan, text, MARCH_2025)
    assert (claimant, controller, place) == ("Wire Service", "Sudanese Armed Forces", "Republican Palace")


def test_a_site_whose_kind_the_gazetteer_has_several_of_is_no_place(ukraine):
    assert _controls(ukraine, "Russian forces recaptured the bridge on Friday.") == []


def test_buildings_taken_in_a_named_place_are_a_claim_on_that_place(sudan):
    text = "The Sudanese army seized control of ministries and other buildings in central Khartoum."
    assert [c[1:3] for c in _controls(sudan, text, MARCH_2025)] == [("Sudanese Armed Forces", "Khartoum")]


def test_people_captured_in_a_place_are_no_control_claim(sudan):
    text = "The Sudanese army captured 40 RSF fighters in Omdurman on Friday."
    assert _controls(sudan, text, MARCH_2025) == []


def test_people_held_in_a_place_are_no_control_claim(sudan):
    text = "An army raid freed four hostages held by RSF fighters in Omdurman, the army said."
    assert [c for c in _controls(sudan, text, MARCH_2025) if c[2] == "Omdurman" and c[3] == "active"] == []


def test_a_year_in_a_relative_clause_does_not_make_the_capture_background(sudan):
    text = (
        "The Sudanese army recaptured the presidential palace from the RSF, who had held it since the "
        "war began in 2023."
    )
    assert [c[2] for c in _controls(sudan, text, MARCH_2025)] == ["Republican Palace"]


def test_a_year_in_a_relative_clause_still_dates_what_that_clause_says(ukraine):
    text = "The two armies fought over Donbas, which has been under the control of Russian forces since 2014."
    assert _controls(ukraine, text) == []


def test_a_nominal_recapture_in_a_third_party_s_voice_takes_the_controller_named_before(sudan):
    text = (
        "The Sudanese army recaptured the Republican Palace on Friday. "
        "The recapture of the Republican Palace marked a turning point."
    )
    assert [c[1:] for c in _controls(sudan, text, MARCH_2025)] == [
        ("Sudanese Armed Forces", "Republican Palace", "active"),
        ("Sudanese Armed Forces", "Republican Palace", "earlier"),
    ]


def test_a_nominal_capture_that_would_happen_takes_no_controller_from_before(ukraine):
    text = (
        "Russian forces captured Avdiivka on Friday, the Russian defence ministry said. "
        "The capture of Avdiivka, long a fortress town, would mark a major success."
    )
    assert [c[3] for c in _controls(ukraine, text)] == ["active"]


def test_a_place_that_only_locates_the_one_taken_is_not_taken_too(ukraine):
    text = (
        '"The settlement of Avdiivka of the Donetsk People\'s Republic has been liberated," the Russian '
        "defence ministry said."
    )
    assert [c[2] for c in _controls(ukraine, text)] == ["Avdiivka"]


def test_a_fall_mourned_rather_than_hailed_is_no_capture_by_the_speakers_side(extract):
    found = extract("Armenian officials regretted the fall of Sugovushan.")
    assert [c for c in found if c.kind == "control"] == []
