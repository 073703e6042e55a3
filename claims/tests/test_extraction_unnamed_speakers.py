"""Unnamed speakers (claims.extraction.unnamed_speakers): generic sources and sources inside a party.

Short sentences written for these tests (pure functions, no database)."""

import pytest

from claims.extraction import NewParty
from claims.tests import extraction_fixtures
from claims.tests.extraction_fixtures import only

lexicon, name, extract = extraction_fixtures.lexicon, extraction_fixtures.name, extraction_fixtures.extract


@pytest.mark.parametrize(
    ("text", "claimant"),
    [
        ("Nine civilians were killed in Martuni, according to local activists.", "local activists"),
        ("Three eyewitnesses told Reuters that 12 people were killed in Martuni.", "three eyewitnesses"),
        ("According to several sources, 40 soldiers were killed near Fuzuli.", "several sources"),
        ("Local rights groups said 30 villagers were wounded in Martuni.", "local rights groups"),
        ("A hospital source said 12 people were killed in Martuni.", "hospital source"),
        ("The shelling killed four elderly residents of Martuni, local officials said.", "local officials"),
        ("Local authorities have said 12 people were wounded in Martuni.", "local authorities"),
        ("Seven civilians were killed in Martuni, according to health officials.", "health officials"),
        ("Shelling killed five people in Martuni, a medical worker told AFP.", "medical worker"),
        (
            "A local journalist told Reuters that at least 10 people were killed in Martuni.",
            "local journalist",
        ),
    ],
)
def test_an_unnamed_source_becomes_a_new_party_filed_under_the_unnamed_sources(
    extract, lexicon, text, claimant
):
    [claim] = [c for c in extract(text) if c.kind == "casualty"]
    assert isinstance(claim.claimant, NewParty)
    assert (claim.claimant.name, claim.claimant.parent_id) == (
        claimant,
        lexicon.party_by_name("Unnamed sources"),
    )
    # ... which every pack puts among the onlookers: a third party, not a belligerent's voice.
    assert lexicon.parties[claim.claimant.parent_id].side == "third_party"


@pytest.mark.parametrize(
    "text",
    [
        "Military sources said nine soldiers were killed near Fuzuli.",
        "Military officials said nine soldiers were killed near Fuzuli.",
        "Karabakh activists said nine soldiers were killed near Fuzuli.",
    ],
)
def test_a_source_of_a_state_or_named_place_is_not_a_generic_one(extract, lexicon, text):
    found = [c for c in extract(text) if c.kind == "casualty"]
    unnamed = lexicon.party_by_name("Unnamed sources")
    assert not any(isinstance(c.claimant, NewParty) and c.claimant.parent_id == unnamed for c in found)


def test_a_source_from_a_party_speaks_for_it_and_is_referred_back_to(extract, name):
    text = (
        "Residents and a source from the Armenian army said that shelling hit Martuni overnight. "
        "The source said that two soldiers were killed. "
        "Four more were wounded near Martuni, he said."
    )
    claims = [c for c in extract(text) if c.kind == "casualty"]
    assert [(c.claimant.name, name(c.claimant.parent_id)) for c in claims] == [
        ("Armed Forces of Armenia source", "Armed Forces of Armenia"),
        ("Armed Forces of Armenia source", "Armed Forces of Armenia"),
    ]
    assert [(c.killed, c.wounded) for c in claims] == [((2, 2), None), (None, (4, 4))]


def test_a_source_from_somewhere_that_is_no_party_speaks_for_no_party(extract):
    found = extract("A source from the village said two civilians were killed in the shelling.")
    assert not any(isinstance(c.claimant, NewParty) and c.claimant.name.endswith(" source") for c in found)


def test_two_unnamed_sources_joined_by_and_each_claim_the_toll(extract):
    found = extract("Eleven people were killed in Martuni, a volunteer group and a medical source said.")
    assert sorted(c.claimant.name for c in found if c.kind == "casualty") == [
        "medical source",
        "volunteer group",
    ]


@pytest.mark.parametrize(
    "text",
    [
        "Four people were killed when an Armenian missile hit a block of flats in Tartar, officials said.",
        "Authorities said three civilians were wounded by Armenian shelling in Tartar.",
    ],
)
def test_bare_officials_speak_for_the_country_whose_town_the_other_side_struck(extract, name, text):
    claim = only(extract(text), "casualty")
    assert name(claim.claimant) == "Government of Azerbaijan"


@pytest.mark.parametrize(
    "text",
    [
        # Martuni lies in Azerbaijan on the map, but an Azerbaijani strike there is reported by Armenians.
        "Two civilians were killed when an Azerbaijani missile hit Martuni, officials said.",
        "Officials said two civilians were killed in Tartar and one in Martuni.",
        "Officials said two civilians were killed in Tartar.",
    ],
)
def test_bare_officials_whose_side_the_sentence_does_not_tell_speak_for_nobody(extract, text):
    assert [claim for claim in extract(text) if claim.kind == "casualty"] == []
