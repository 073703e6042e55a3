"""Speakers named by their role (claims.extraction.official_roles): a place's governor or mayor.

Short sentences written for these tests (pure functions, no database)."""

from datetime import UTC, datetime

import pytest

from claims.extraction import extract_candidates
from claims.extraction.lexicon import shipped_lexicon


@pytest.fixture(scope="module")
def ukraine():
    return shipped_lexicon("russia-ukraine-2022")


def _claims(lexicon, text):
    found = extract_candidates(text, lexicon=lexicon, published=datetime(2023, 5, 20, 9, 0, tzinfo=UTC))
    return sorted((c.kind, lexicon.parties[c.claimant].name) for c in found)


@pytest.mark.parametrize(
    "role",
    ["the head of the region", "the head of the regional military administration", "the acting governor"],
)
def test_the_head_of_the_region_just_named_is_its_governor(ukraine, role):
    text = f"Russian troops pressed on in the Mykolaiv region. {role.capitalize()} said Russian forces shelled the port."
    assert _claims(ukraine, text) == [("accusation", "Vitaliy Kim")]


def test_the_head_of_a_department_is_no_governor(ukraine):
    text = "Russian troops pressed on in the Mykolaiv region. The head of the department said Russian forces shelled the port."
    assert _claims(ukraine, text) == []
