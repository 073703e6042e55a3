"""Denial claims (claims.extraction.kinds.denial).

Short sentences written for these tests (pure functions, no database)."""

import pytest

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


@pytest.mark.parametrize(
    ("text", "how"),
    [
        ("Armenia's defence ministry said it ruled out any attacks on civilian areas of Ganja.", "ruled-out"),
        ("Armenia's defence ministry said it was Azerbaijani air defence fire, not Armenia, that hit the school.", "not-us"),
        ("Armenia's defence ministry said the strike on the bus was a tragic mistake.", "unintended"),
        ("Armenia's defence ministry said the shelling was not meant to harm civilians.", "unintended"),
        ("Armenia's defence ministry said an artillery unit had fired at the village by mistake.", "unintended"),
        ("Armenia's defence ministry said none of its aircraft had been shot down.", "none-lost"),
        ("Armenian officials said the battle for Talish was not over yet.", "still-fighting"),
    ],
)  # fmt: skip
def test_a_belligerent_denies_an_act_of_its_side_without_a_denying_verb(extract, text, how):
    claim = only(extract(text), "denial")
    assert claim.rule.endswith(f"denial-{how}")


@pytest.mark.parametrize(
    "text",
    [
        "Armenia's defence ministry said it would be a mistake to stop the offensive now.",
        "Armenia's defence ministry said it ruled out talks with Baku.",
        "Armenia's defence ministry said it was Armenian artillery, not Azerbaijan, that hit the depot.",
        "Armenia's defence ministry said this is not only an attack on Stepanakert but on all Armenians.",
        "A Red Cross official said the strike on the bus was a tragic mistake.",
    ],
)
def test_near_misses_deny_nothing(extract, text):
    assert [claim for claim in extract(text) if claim.kind == "denial"] == []


def test_a_strike_called_a_mistake_still_carries_its_toll(extract):
    found = extract(
        "Armenia's defence ministry said it had mistakenly carried out a strike that killed four civilians."
    )
    assert only(found, "denial").rule.endswith("denial-unintended")
    assert only(found, "casualty").killed == (4, 4)
