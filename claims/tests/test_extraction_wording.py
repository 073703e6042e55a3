"""Wording families real agency and newspaper reports use (issue 14), each with its near-misses.

Every sentence here is written for this test in the style of such reports; none is copied.
"""

from datetime import UTC, datetime

import pytest

from claims.extraction import NewParty, extract_candidates
from claims.extraction.lexicon import shipped_lexicon
from claims.extraction.numbers import COUNT_RE, count_interval

PUBLISHED = datetime(2020, 10, 5, 9, 0, tzinfo=UTC)


@pytest.fixture(scope="module")
def lexicon():
    return shipped_lexicon("nagorno-karabakh-2020")


@pytest.fixture(scope="module")
def name(lexicon):
    def _name(ref):
        if ref is None:
            return None
        return ref.name if isinstance(ref, NewParty) else lexicon.parties[ref].name

    return _name


@pytest.fixture(scope="module")
def extract(lexicon):
    def _extract(text, *, published=PUBLISHED):
        outlet_party = lexicon.party_by_name("Reuters")
        return extract_candidates(text, lexicon=lexicon, published=published, outlet_party=outlet_party)

    return _extract


def kinds(found, kind):
    return [c for c in found if c.kind == kind]


# --- figures -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "interval"),
    [
        ("more than 40", (41, None)),
        ("over 200", (201, None)),
        ("fewer than 471", (0, 470)),
        ("under 100", (0, 99)),
        ("up to 100", (0, 100)),
        ("50 or less", (0, 50)),
        ("60 or more", (60, None)),
        ("100 to 300", (100, 300)),
        ("from 32 to 100", (32, 100)),
        ("between 61 and 270", (61, 270)),
        ("two or three", (2, 3)),
        ("at least 18", (18, None)),
    ],
)
def test_bounds_and_ranges_are_coded_as_acled_does(text, interval):
    assert count_interval(COUNT_RE.search(text)) == interval


def test_a_toll_that_has_risen_is_the_new_figure(extract):
    [claim] = kinds(
        extract(
            "The death toll from the rocket strike on a market in Tartar has risen to 12, Azerbaijan's defence ministry said."
        ),
        "casualty",
    )
    assert claim.killed == (12, 12)


def test_a_toll_that_grew_from_one_figure_to_another_is_the_second(extract):
    [claim] = kinds(
        extract("Azerbaijan's defence ministry said the toll grew from 9 to 13 overnight."), "casualty"
    )
    assert claim.killed == (13, 13)


def test_the_number_of_wounded_rising_is_a_wounded_figure(extract):
    [claim] = kinds(
        extract("The number of wounded in Tartar has increased to 23 people, Hikmet Hajiyev said."),
        "casualty",
    )
    assert (claim.wounded, claim.killed) == ((23, 23), None)


def test_children_and_women_inside_a_toll_are_not_separate_tolls(extract):
    found = kinds(
        extract("Hikmet Hajiyev said 14 civilians were killed, including three children and two women."),
        "casualty",
    )
    assert [c.killed for c in found] == [(14, 14)]


def test_a_breakdown_by_age_and_sex_is_not_three_tolls(extract):
    found = kinds(
        extract("A boy, three women and two men were killed in the yard of one house, the ombudsman said."),
        "casualty",
    )
    assert found == []


def test_a_count_of_the_dead_by_group_is_not_a_toll(extract):
    found = kinds(extract("Hikmet Hajiyev said 30 of the dead were children."), "casualty")
    assert found == []


def test_a_figure_of_an_earlier_war_in_the_outlet_s_voice_is_not_a_claim(extract):
    assert (
        kinds(extract("The 1988-1994 war left 30,000 dead and displaced a million people."), "casualty") == []
    )


def test_an_attributed_figure_of_an_earlier_war_is_kept_apart_in_its_own_years(extract):
    [claim] = kinds(
        extract("Hikmet Hajiyev said the war of the early 1990s killed 20,000 Azerbaijanis."), "casualty"
    )
    assert claim.killed == (20_000, 20_000)
    assert (claim.event_start.year, claim.event_end.year) == (1990, 1999)


def test_a_crowd_size_is_not_a_toll(extract):
    assert (
        kinds(extract("At least 60 people had gathered in the cafe, Hikmet Hajiyev said."), "casualty") == []
    )


# --- attribution ---------------------------------------------------------------------------------


def test_a_speaker_named_in_the_next_sentence_claims_the_toll(extract, name):
    found = kinds(
        extract(
            "The death toll from the shelling of Tartar has risen to 7 people. "
            "District head Mustafa Shabanov reported about it."
        ),
        "casualty",
    )
    assert [(name(c.claimant), c.killed) for c in found] == [("Mustafa Shabanov", (7, 7))]


def test_a_toll_nobody_claims_stays_with_the_outlet(extract, name):
    [claim] = kinds(extract("The death toll from the shelling of Tartar has risen to 7 people."), "casualty")
    assert name(claim.claimant) == "Reuters"


def test_a_dateline_does_not_hide_the_attacker(extract, name):
    [claim] = kinds(
        extract("BAKU — Armenian forces fired rockets at the city of Mingachevir, Hikmet Hajiyev said."),
        "accusation",
    )
    assert name(claim.accused) == "Armed Forces of Armenia"


# --- accusations ---------------------------------------------------------------------------------


def test_carrying_out_a_provocation_is_an_accusation(extract, name):
    [claim] = kinds(
        extract("Azerbaijan's defence ministry said Armenian forces carried out a provocation near Lachin."),
        "accusation",
    )
    assert name(claim.accused) == "Armed Forces of Armenia"


def test_the_side_that_reports_its_own_forces_is_not_accusing_anyone(extract):
    assert (
        kinds(
            extract("Azerbaijan's defence ministry said Azerbaijani forces carried out strikes."),
            "accusation",
        )
        == []
    )


# --- denials -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "rebuttal",
    [
        "is absurd",
        "is falsification",
        "does not reflect reality",
        "did not correspond to reality",
        "is a total lie",
        "is groundless and false",
    ],
)
def test_rebuttal_wording_is_a_denial(extract, name, rebuttal):
    [claim] = kinds(
        extract(f"The Azerbaijani side's report of an attack on Fuzuli {rebuttal}, Shushan Stepanyan said."),
        "denial",
    )
    assert name(claim.claimant) == "Shushan Stepanyan"


def test_reporting_a_claim_without_rejecting_it_is_not_a_denial(extract):
    assert (
        kinds(extract("Shushan Stepanyan said the Azerbaijani side had reported an attack."), "denial") == []
    )


# --- control -------------------------------------------------------------------------------------


def test_managing_to_occupy_a_town_is_a_control_claim(extract, name, lexicon):
    [claim] = kinds(extract("Azerbaijan managed to occupy Qubadli, Artsrun Hovhannisyan said."), "control")
    assert lexicon.places[claim.place_id] == "Qubadli"
    assert name(claim.claimant) == "Artsrun Hovhannisyan"


def test_a_town_that_was_not_occupied_is_not_a_control_claim(extract):
    found = extract("Artsrun Hovhannisyan said Qubadli was not occupied.")
    assert kinds(found, "control") == []
