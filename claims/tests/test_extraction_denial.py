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
