"""Denial claims (claims.extraction.kinds.denial).

Short sentences written for these tests (pure functions, no database)."""

from datetime import UTC, datetime

import pytest

from claims.extraction import NewParty, extract_candidates
from claims.extraction.lexicon import shipped_lexicon
from claims.tests import extraction_fixtures
from claims.tests.extraction_fixtures import only

lexicon, name, extract = extraction_fixtures.lexicon, extraction_fixtures.name, extraction_fixtures.extract


@pytest.mark.parametrize(
    "text",
    [
        "Armenia's defence ministry denied that its forces had fired at Ganja.",
        "The Armenian Defence Ministry rejected the allegation.",
        "Azerbaijan's defence ministry said it was observing the truce.",
        "The Armenian side insists it respects the ceasefire.",
        "Armenian officials said they had not fired on Azerbaijani towns.",
        "Baku said the reports were false.",
        "Armenia's defence ministry called the accusation baseless.",
    ],
)
def test_denials_and_keeping_the_ceasefire(extract, text):
    only(extract(text), "denial")


def test_a_call_to_respect_the_ceasefire_is_not_a_denial(extract):
    assert extract("Iranian officials said both sides should respect the ceasefire.") == []
    assert extract("Pashinyan said Armenia was ready to respect the ceasefire if Baku did the same.") == []


def test_a_denied_capture_is_a_denial_with_the_place(extract, lexicon):
    claim = only(extract("Vahram Poghosyan denied that Hadrut had fallen."), "denial")
    assert lexicon.places[claim.place_id] == "Hadrut"


def test_a_denial_shared_with_as_has_is_made_by_both(extract, name):
    text = "Azerbaijan has denied shelling civilians in Stepanakert, as has its close ally Turkey."
    found = [c for c in extract(text) if c.kind == "denial"]
    assert [name(c.claimant) for c in found] == ["Azerbaijan", "Turkey"]
    assert all(c.act == "shelling civilians in Stepanakert" for c in found)


def test_as_has_been_reported_adds_no_second_denier(extract, name):
    found = extract("Armenia has denied shelling civilians in Tartar, as has been reported.")
    assert [name(c.claimant) for c in found if c.kind == "denial"] == ["Armenia"]


def test_a_quote_before_he_told_a_broadcaster_is_what_he_says(extract, name):
    text = (
        "Ilham Aliyev gave an interview on Tuesday. "
        "“I regret that such baseless accusations are repeated by some capitals,” he told an Italian "
        "broadcaster in the interview."
    )
    claim = only(extract(text), "denial")
    assert name(claim.claimant) == "Ilham Aliyev"


def test_a_denial_after_but_shares_the_subject_that_opens_the_sentence(extract, name):
    text = "Azerbaijan did not comment on Monday, but has denied shelling civilians in Stepanakert."
    claim = only(extract(text), "denial")
    assert name(claim.claimant) == "Azerbaijan"


def test_denying_and_saying_more_are_a_denial_and_a_second_statement(extract, name):
    text = (
        "Armenia's defence ministry denied shelling Tartar and said the town was being used as a "
        "military base by Azerbaijani forces."
    )
    found = extract(text)
    denial = only(found, "denial")
    accusation = only(found, "accusation")
    assert name(denial.claimant) == name(accusation.claimant) == "Ministry of Defence of Armenia"
    assert "military base" not in denial.act
    assert name(accusation.accused) == "Armed Forces of Azerbaijan"


def test_a_subjectless_clause_after_a_sentence_naming_two_parties_has_no_speaker(extract):
    text = "Armenia and Azerbaijan did not comment, but have denied shelling civilians."
    assert [c for c in extract(text) if c.kind == "denial" and c.rule.endswith("/denied")] == []


# --- naming a military object as what was struck (session 29) ------------------------------------


@pytest.mark.parametrize(
    "said",
    [
        "Azerbaijan's defence ministry said its army had struck only military targets.",
        "Azerbaijan's defence ministry said the missiles were aimed at a meeting of Armenian officers.",
        "Azerbaijan's defence ministry said the main target of the strike was an Armenian command post.",
        "Azerbaijan's defence ministry said its forces hit an ammunition depot near the town.",
    ],
)
def test_a_side_naming_a_military_object_it_struck_after_civilian_deaths_denies_striking_civilians(
    extract, name, said
):
    text = f"Armenian officials said two civilians were killed in Martuni. {said}"
    denial = only(extract(text), "denial")
    assert name(denial.claimant) == "Ministry of Defence of Azerbaijan"
    assert denial.rule.endswith("/denial-military-target")
    assert denial.act == "striking civilians"


def test_the_other_side_naming_the_military_object_struck_is_no_denial(extract):
    text = (
        "Armenian officials said Azerbaijani forces struck a military base near Goris, killing two civilians."
    )
    assert [c for c in extract(text) if c.kind == "denial"] == []


def test_a_military_object_struck_is_no_denial_where_no_civilian_harm_is_reported(extract):
    text = "Azerbaijan's defence ministry said its forces struck Armenian military positions near Fuzuli."
    assert [c for c in extract(text) if c.kind == "denial"] == []


@pytest.mark.parametrize(
    "text",
    [
        "Azerbaijan's defence ministry said no civilian facilities had been targeted.",
        "Azerbaijan's defence ministry said not a single civilian was harmed by its fire.",
    ],
)
def test_saying_nothing_of_the_kind_was_hit_is_a_denial(extract, text):
    assert only(extract(text), "denial").rule.endswith("/denial-nothing-hit")


def test_saying_nobody_was_evacuated_is_no_denial(extract):
    text = "Azerbaijan's defence ministry said no civilians had been evacuated from the village."
    assert [c for c in extract(text) if c.kind == "denial"] == []


def test_denying_carrying_out_an_attack_inside_a_statement_is_a_denial(extract, name):
    text = (
        "An Armenian defence ministry spokeswoman said Armenia categorically denies carrying out the attack."
    )
    assert only(extract(text), "denial").rule.endswith("/denial-denies")


def test_a_report_that_someone_else_carried_out_an_attack_is_no_denial(extract):
    text = "Armenian officials said Azerbaijani forces were carrying out attacks near Martuni."
    assert [c for c in extract(text) if c.kind == "denial"] == []


def test_the_doer_of_the_strike_is_the_statement_s_subject_not_a_place_named_after_it(extract, name):
    text = (
        "Armenian officials said two civilians were killed in Martuni. Azerbaijan's defence ministry said the "
        "missiles it fired at the Armenian town of Martuni were aimed at a gathering of Armenian officers."
    )
    denial = only(extract(text), "denial")
    assert name(denial.claimant) == "Ministry of Defence of Azerbaijan"


def test_figures_in_the_words_that_name_the_military_object_are_still_counted(extract):
    text = (
        "Armenian officials said two civilians were killed in Martuni. Azerbaijan's defence ministry said its "
        "forces struck a meeting of Armenian commanders, killing 30 soldiers."
    )
    found = extract(text)
    assert only(found, "denial").rule.endswith("/denial-military-target")
    assert [c.killed for c in found if c.kind == "casualty"] == [(2, 2), (30, 30)]


def test_a_military_object_named_beside_a_struck_clinic_denies_striking_it(extract, name):
    text = (
        "Armenian officials said a missile hit a clinic in Martuni. Azerbaijan's defence ministry said the "
        "missile targeted a nearby army base, not the clinic itself."
    )
    denial = only(extract(text), "denial")
    assert name(denial.claimant) == "Ministry of Defence of Azerbaijan"
    assert denial.rule.endswith("/denial-military-target")


@pytest.mark.parametrize(
    ("text", "denier"),
    [
        (
            "Baku, which denies targeting civilians, did not comment on the report.",
            "Government of Azerbaijan",
        ),
        ("Azerbaijan, which has repeatedly denied shelling Stepanakert, made no comment.", "Azerbaijan"),
    ],
)
def test_a_denial_in_a_relative_clause_is_its_heads(extract, name, text, denier):
    assert name(only(extract(text), "denial").claimant) == denier


@pytest.mark.parametrize(
    "text",
    [
        "Armenia said its units still held positions in Talish.",
        "Armenia's defence ministry said its troops were still holding the village of Talish.",
    ],
)
def test_troops_still_holding_a_place_deny_its_capture(extract, lexicon, text):
    denial = only(extract(text), "denial")
    assert denial.rule.endswith("/denial-still-fighting")
    assert lexicon.places[denial.place_id] == "Talish"


def test_fighters_named_as_what_was_struck_in_a_struck_school_deny_striking_civilians(extract, name):
    text = (
        "Armenian officials said a missile hit a school in Martuni. Azerbaijan's defence ministry said the "
        "strike targeted Armenian fighters operating inside a command post in the school."
    )
    denial = only(extract(text), "denial")
    assert name(denial.claimant) == "Ministry of Defence of Azerbaijan"
    assert denial.rule.endswith("/denial-military-target")


def test_the_speakers_own_weapon_ruled_out_after_the_others_is_a_denial_and_the_other_still_accused(
    extract, name
):
    text = "Azerbaijan's defence ministry said the school in Tartar was hit by an Armenian rocket, not an Azerbaijani strike."
    found = extract(text)
    assert only(found, "denial").rule.endswith("/denial-not-us")
    assert name(only(found, "accusation").accused) in ("Armenia", "Armed Forces of Armenia")


def test_ruling_out_the_other_sides_weapon_is_no_denial_of_ones_own(extract):
    text = (
        "Azerbaijan's defence ministry said the school in Tartar was hit by a shell, not an Armenian rocket."
    )
    assert [c for c in extract(text) if c.kind == "denial"] == []


# --- issue 14: intent denied, the doer denied, nothing of ours hit, the fight not over ----------

APRIL_2024 = datetime(2024, 4, 3, 9, 0, tzinfo=UTC)


def _denials(conflict, text):
    lexicon = shipped_lexicon(conflict)
    outlet = NewParty("Wire Service", None, "media")
    found = extract_candidates(text, lexicon=lexicon, published=APRIL_2024, outlet_party=outlet)
    return [
        (lexicon.parties[c.claimant].name if isinstance(c.claimant, int) else c.claimant.name, c.rule)
        for c in found
        if c.kind == "denial"
    ]


@pytest.mark.parametrize(
    "text",
    [
        "Netanyahu said it was an unintended strike on the convoy.",
        "Herzi Halevi said the strikes were not meant to harm the aid workers.",
        "Herzi Halevi said the strike on the convoy was a grave mistake.",
        "Herzi Halevi said the convoy was hit after a misidentification at night.",
        "Herzi Halevi said the strike was not carried out with the intention of harming aid workers.",
    ],
)
def test_a_belligerent_calling_its_strike_a_mistake_denies_targeting_on_purpose(text):
    [(_claimant, rule)] = _denials("israel-hamas-2023", text)
    assert rule.endswith(("denial-unintended", "denial-negated-act"))


@pytest.mark.parametrize(
    "text",
    [
        "Hamas said the strike on the convoy was no mistake.",
        "Netanyahu said it would be a mistake to halt the operation after the strikes.",
        "The aid group's director said the strike on the convoy was a mistake.",
    ],
)
def test_no_mistake_a_hypothetical_mistake_or_a_third_party_s_word_is_no_such_denial(text):
    assert [r for _c, r in _denials("israel-hamas-2023", text) if r.endswith("unintended")] == []


def test_naming_another_doer_not_one_s_own_side_is_a_denial_that_keeps_the_accusation():
    text = "The Kremlin said Ukrainian air-defence fire, not Russia, had hit the clinic in Kyiv."
    assert _denials("russia-ukraine-2022", text) == [("Government of Russia", "subject-verb/denial-not-us")]


def test_not_the_other_side_that_hit_it_is_no_denial_of_one_s_own():
    text = "The aid group said it was the army, not Hamas, that hit the convoy."
    assert _denials("israel-hamas-2023", text) == []


@pytest.mark.parametrize(
    "text",
    [
        "Peskov said the defence ministry absolutely excludes that there were strikes on civilian targets.",
        "Peskov said Russian strikes are carried out only against military targets, not hospitals.",
    ],
)
def test_excluding_attacks_or_striking_only_military_targets_is_a_denial(text):
    assert len(_denials("russia-ukraine-2022", text)) == 1


def test_a_rule_for_other_strikes_that_excludes_nothing_is_no_denial():
    text = "Peskov said the new rules exclude journalists from the briefing."
    assert _denials("russia-ukraine-2022", text) == []


def test_none_of_our_aircraft_hit_is_a_denial():
    text = '"None of our jets was damaged in the clash," a Pakistani military spokesperson said.'
    assert [r for _c, r in _denials("india-pakistan-2025", text)] == ["inverted/denial-nothing-hit"]


def test_none_of_the_aircraft_returning_is_no_denial():
    text = '"None of our jets flew over the border on Tuesday," a Pakistani military spokesperson said.'
    assert _denials("india-pakistan-2025", text) == []


def test_not_only_an_attack_is_no_denial():
    text = 'Erin Gore said: "This is not only an attack against our staff, it is an attack on aid work."'
    assert _denials("israel-hamas-2023", text) == []


@pytest.mark.parametrize(
    "text",
    [
        '"The battle for the Republican Palace is not over yet," the RSF said.',
        "The RSF said it is fighting back and has launched an attack on the Republican Palace.",
    ],
)
def test_a_defender_saying_the_fight_for_a_place_goes_on_denies_its_capture(text):
    assert [r.rsplit("/", 1)[-1] for _c, r in _denials("sudan-2023", text)] == ["denial-still-fighting"]


def test_a_fight_for_a_place_that_is_over_is_no_denial():
    assert _denials("sudan-2023", '"The battle for the Republican Palace is over," the army said.') == []


def test_a_strike_called_a_mistake_still_carries_its_toll(extract):
    found = extract(
        "Armenia's defence ministry said it had mistakenly carried out a strike that killed four civilians."
    )
    assert only(found, "denial").rule.endswith("denial-unintended")
    assert only(found, "casualty").killed == (4, 4)


@pytest.mark.parametrize(
    "text",
    [
        'Pakistan\'s information minister told a broadcaster: "So far there have not been any ceasefire violations."',
        "Islamabad said no violations of the truce had taken place on its side.",
    ],
)
def test_saying_there_were_no_breaches_is_a_denial(text):
    lexicon = shipped_lexicon("india-pakistan-2025")
    found = extract_candidates(
        text, lexicon=lexicon, published=datetime(2025, 5, 11, tzinfo=UTC), outlet_party=None
    )
    denial = only(found, "denial")
    assert lexicon.parties[denial.claimant].side == "pakistan"
    assert [c for c in found if c.kind == "accusation"] == []


@pytest.mark.parametrize(
    "text",
    [
        "Armenia's defence ministry said Yerevan had no role in the attack on the convoy.",
        "Shushan Stepanyan insisted that Armenia had no connection to the explosion in Tartar.",
        "The Armenian Defence Ministry said it had nothing to do with the shelling.",
        "Armenian officials said they were not involved in the strike.",
    ],
)
def test_disowning_any_part_in_the_event_is_a_denial(extract, text):
    assert only(extract(text), "denial").rule.endswith("denial-no-part")


def test_saying_the_other_side_had_no_part_is_no_denial_of_ones_own(extract):
    found = extract("Azerbaijani officials said Armenia had no role in the peace talks.")
    assert [claim for claim in found if claim.kind == "denial"] == []
