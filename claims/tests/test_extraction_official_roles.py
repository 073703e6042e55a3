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


@pytest.fixture(scope="module")
def karabakh():
    return shipped_lexicon("nagorno-karabakh-2020")


@pytest.mark.parametrize(
    ("subject", "body"),
    [
        ("The country’s Ministry of Health", "Ministry of Health of Azerbaijan"),
        ("The countryʼs health ministry", "Ministry of Health of Azerbaijan"),
        ("Its emergency service", "Emergency Service of Azerbaijan"),
    ],
)
def test_a_body_of_the_state_just_named_that_the_gazetteer_lacks_is_proposed_under_its_government(
    karabakh, subject, body
):
    text = f"Azerbaijan gave its losses on Friday. {subject} reported 90 dead soldiers and 200 wounded."
    [toll] = extract_candidates(text, lexicon=karabakh, published=datetime(2023, 9, 22, 9, tzinfo=UTC))
    assert toll.claimant.name == body
    assert karabakh.parties[toll.claimant.parent_id].name == "Government of Azerbaijan"
    assert karabakh.parties[toll.claimant.parent_id].side == "azerbaijan"
    assert (toll.killed, toll.wounded) == ((90, 90), (200, 200))


def test_a_body_the_gazetteer_knows_is_that_party_not_a_new_one(karabakh):
    text = "Armenia gave its losses on Friday. Its health ministry said 12 soldiers were killed."
    assert _claims(karabakh, text) == [("casualty", "Ministry of Health of Armenia")]
