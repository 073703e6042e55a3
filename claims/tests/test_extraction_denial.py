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
