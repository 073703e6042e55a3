"""Denials named after the charge they answer (claims.extraction.kinds.answered).

Short sentences written for these tests (pure functions, no database)."""

import pytest

from claims.tests import extraction_fixtures
from claims.tests.extraction_fixtures import only

lexicon, name, extract = extraction_fixtures.lexicon, extraction_fixtures.name, extraction_fixtures.extract


@pytest.mark.parametrize(
    ("text", "denier"),
    [
        ("Azerbaijan accuses Armenia of shelling Tartar, a charge denied by Armenia.", "Armenia"),
        (
            "Baku says Armenian forces shelled Tartar, an accusation rejected by Yerevan.",
            "Government of Armenia",
        ),
        (
            "Azerbaijan accuses Armenian forces of shelling Tartar, which Yerevan denies.",
            "Government of Armenia",
        ),
    ],
)
def test_the_party_named_after_the_charge_denies_it_and_the_charge_still_stands(extract, name, text, denier):
    found = extract(text)
    denial = only(found, "denial")
    assert name(denial.claimant) == denier
    assert name(only(found, "accusation").accused) in ("Armenia", "Armed Forces of Armenia")


@pytest.mark.parametrize(
    "text",
    [
        "Azerbaijan accuses Armenia of shelling Tartar, a charge confirmed by observers.",
        "Azerbaijan accuses Armenia of shelling Tartar, a charge first made on Sunday.",
    ],
)
def test_a_charge_confirmed_or_repeated_is_no_denial(extract, text):
    assert [c for c in extract(text) if c.kind == "denial"] == []


def test_a_denial_already_read_from_the_sentence_is_not_proposed_twice(extract, name):
    found = extract("Armenia, which denies shelling Tartar, made no comment, a charge denied by Armenia.")
    assert [name(c.claimant) for c in found if c.kind == "denial"] == ["Armenia"]
