"""Casualty claims (claims.extraction.kinds.casualty): figures, intervals, victim groups.

Short sentences written for these tests (pure functions, no database)."""

import pytest

from claims.tests import extraction_fixtures
from claims.tests.extraction_fixtures import only

lexicon, name, extract = extraction_fixtures.lexicon, extraction_fixtures.name, extraction_fixtures.extract


def test_unattributed_figures_are_the_outlets_own_claim(extract, name):
    claim = only(
        extract("A missile hit Ganja, killing nine people and wounding 34.", outlet="Anadolu Agency"),
        "casualty",
    )
    assert name(claim.claimant) == "Anadolu Agency"


@pytest.mark.parametrize(
    ("sentence", "measure", "interval", "group"),
    [
        ("killing nine people", "killed", (9, 9), "unspecified"),
        ("34 civilians were wounded", "wounded", (34, 34), "civilian"),
        ("more than 1 million people were displaced", "displaced", (1_000_001, None), "unspecified"),
        ("at least 30,000 soldiers died", "killed", (30_000, None), "military"),
        ("dozens of residents were injured", "wounded", (12, None), "civilian"),
        ("tens of civilians are missing", "missing", (10, None), "civilian"),
        ("hundreds of soldiers were killed", "killed", (100, None), "military"),
        ("about 30,000 people were displaced", "displaced", (27_000, 33_000), "unspecified"),
        ("nearly 5,000 people had been killed", "killed", (0, 5_000), "unspecified"),
        ("between nine and 12 servicemen were killed", "killed", (9, 12), "military"),
        ("twenty-one people were killed", "killed", (21, 21), "unspecified"),
        ("the death toll rose to 10", "killed", (10, 10), "unspecified"),
        ("no one was killed", "killed", (0, 0), "unspecified"),
        ("the army had lost more than 2,000 soldiers", "killed", (2_001, None), "military"),
        ("four civilians were seriously wounded", "wounded", (4, 4), "civilian"),
        ('50 people have been "lightly hurt"', "wounded", (50, 50), "unspecified"),
        ("seven people were reported to be killed", "killed", (7, 7), "unspecified"),
        ("12 villagers are feared to have died", "killed", (12, 12), "civilian"),
        ("there were nine martyrs and many wounded", "killed", (9, 9), "unspecified"),
    ],
)
def test_casualty_figures_become_intervals(extract, sentence, measure, interval, group):
    claim = only(extract(f"Azerbaijani officials said {sentence}."), "casualty")
    assert getattr(claim, measure) == interval
    assert claim.victim_group == group


def test_killed_and_wounded_in_one_sentence_are_one_claim(extract):
    claim = only(
        extract("Officials in Baku said nine civilians were killed and 34 others were wounded."), "casualty"
    )
    assert (claim.killed, claim.wounded, claim.victim_group) == ((9, 9), (34, 34), "civilian")


def test_different_victim_groups_are_separate_claims(extract):
    found = extract("Armenian officials said four civilians and 11 soldiers were killed in Martuni.")
    groups = sorted((c.victim_group, c.killed) for c in found if c.kind == "casualty")
    assert groups == [("civilian", (4, 4)), ("military", (11, 11))]


@pytest.mark.parametrize(
    "text",
    [
        "The conflict has lasted 30 years, Azerbaijani officials said.",
        "Azerbaijan bought $100 million of drones, Armenian officials said.",
        "Azerbaijani officials said seven tanks were destroyed at 12:05 pm.",
        "The 1994 ceasefire left the region under Armenian control, analysts said.",
        "Armenian officials said the region covers 4,400 square kilometres.",
    ],
)
def test_numbers_that_are_not_casualty_counts_are_ignored(extract, text):
    assert [c for c in extract(text) if c.kind == "casualty"] == []


def test_a_single_victim_counts_one(extract):
    claim = only(extract("Rockets hit a village, Iranian officials said, wounding a child."), "casualty")
    assert (claim.wounded, claim.victim_group) == ((1, 1), "civilian")


def test_dead_and_displaced_in_one_phrase_keep_their_own_figures(extract):
    claim = only(
        extract(
            "The war that ended in 1994 left 30,000 dead and more than 1 million displaced, officials in Baku said."
        ),
        "casualty",
    )
    assert (claim.killed, claim.displaced) == ((30_000, 30_000), (1_000_001, None))


# --- tolls by "the number of X killed", wounded by what they suffered, victims by trade (session 29) ---


@pytest.mark.parametrize(
    ("text", "measure", "interval"),
    [
        ("Armenian officials said the number of civilians killed rose to 31.", "killed", (31, 31)),
        ("Armenian officials said the number of people injured has risen to 40.", "wounded", (40, 40)),
        ("Armenian officials said 102 villagers sustained injuries in the shelling.", "wounded", (102, 102)),
        ("Armenian officials said 38 workers were killed at the power station.", "killed", (38, 38)),
    ],
)
def test_tolls_and_counts_in_wire_wording(extract, text, measure, interval):
    assert getattr(only(extract(text), "casualty"), measure) == interval


@pytest.mark.parametrize(
    "text",
    [
        "Armenian officials said the number of soldiers deployed has risen to 4,000.",
        "Armenian officials said 38 workers were repairing the power station.",
    ],
)
def test_a_count_of_people_who_were_not_harmed_is_no_toll(extract, text):
    assert [c for c in extract(text) if c.kind == "casualty"] == []


@pytest.mark.parametrize(
    "text",
    [
        "The shelling follows a deadly attack on Martuni last month that killed 12 people.",
        "Azerbaijan said its strikes were a response to the October 4 attack, which left 12 people dead.",
    ],
)
def test_the_toll_of_an_earlier_event_given_as_the_cause_is_background(extract, text):
    assert [c for c in extract(text) if c.kind == "casualty"] == []


@pytest.mark.parametrize(
    "text",
    [
        "Following the shelling, 12 people died in hospital in Martuni, Armenian officials said.",
        "Armenian officials said the shelling that followed killed 12 civilians on Sunday.",
    ],
)
def test_a_toll_after_following_with_no_earlier_date_is_this_event_s(extract, text):
    assert only(extract(text), "casualty").killed == (12, 12)


@pytest.mark.parametrize(
    "victims",
    ["prisoners", "detainees", "migrants", "hostages", "pilgrims", "police officers", "crew members"],
)
def test_victims_named_by_their_situation_or_trade_are_counted(extract, victims):
    claim = only(
        extract(f"Azerbaijani officials said 53 {victims} were killed and 75 wounded in the strike."),
        "casualty",
    )
    assert (claim.killed, claim.wounded) == ((53, 53), (75, 75))


def test_a_count_of_prisoners_taken_is_no_toll(extract):
    found = extract("Azerbaijani officials said 53 prisoners were exchanged on Monday.")
    assert [claim for claim in found if claim.kind == "casualty"] == []


def test_two_victim_nouns_and_where_they_were_still_carry_the_figure(extract):
    claim = only(
        extract(
            "Armenia's health ministry said 14 workers and guards at the depot were killed while 30 "
            "others sustained injuries."
        ),
        "casualty",
    )
    assert (claim.killed, claim.wounded) == ((14, 14), (30, 30))


def test_injuries_counted_as_a_noun_are_the_wounded(extract):
    claim = only(
        extract(
            "Azerbaijani officials confirmed at least three deaths and more than a dozen injuries in Tartar."
        ),
        "casualty",
    )
    assert (claim.killed, claim.wounded) == ((3, None), (13, None))


def test_an_attack_that_claimed_the_lives_of_people_killed_them(extract):
    claim = only(
        extract(
            "Azerbaijani officials said the shelling, which claimed the lives of 26 civilians, came at night."
        ),
        "casualty",
    )
    assert claim.killed == (26, 26)


@pytest.mark.parametrize(
    ("sentence", "killed", "wounded"),
    [
        ("the shelling claimed four lives", (4, 4), None),
        ("the night's strikes cost 12 more lives", (12, 12), None),
        (
            "the raids resulted in the martyrdom of at least 26 civilians and injuries to 46 others",
            (26, None),
            (46, 46),
        ),
        ("the shelling caused injuries to nine people", None, (9, 9)),
    ],
)
def test_lives_taken_martyrdom_and_injuries_to_people_are_figures(extract, sentence, killed, wounded):
    claim = only(extract(f"Azerbaijani officials said {sentence}."), "casualty")
    assert (claim.killed, claim.wounded) == (killed, wounded)


def test_a_count_of_these_is_part_of_the_toll_before_not_a_toll(extract):
    found = extract(
        "Armenian officials said about 80 people were injured. Of these, 60 were seriously injured."
    )
    assert [c.wounded for c in found if c.kind == "casualty"] == [(72, 88)]


@pytest.mark.parametrize(
    ("sentence", "killed"),
    [
        ("rescuers pulled 17 bodies from the rubble", (17, 17)),
        ("rescuers recovered the bodies of at least 40 people", (40, None)),
    ],
)
def test_bodies_pulled_out_by_rescuers_are_the_dead(extract, sentence, killed):
    assert only(extract(f"Azerbaijani officials said {sentence} in Tartar."), "casualty").killed == killed


def test_people_found_alive_are_no_toll(extract):
    found = extract("Azerbaijani officials said rescuers found three people alive in the rubble in Tartar.")
    assert [claim for claim in found if claim.kind == "casualty"] == []


def test_a_life_that_goes_on_is_no_toll(extract):
    found = extract("Azerbaijani officials said four families still live in Tartar and their lives go on.")
    assert [claim for claim in found if claim.kind == "casualty"] == []


def test_saving_lives_is_no_toll(extract):
    found = extract("Azerbaijani officials said doctors saved the lives of 26 civilians in Tartar.")
    assert [claim for claim in found if claim.kind == "casualty"] == []
