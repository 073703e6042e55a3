"""Mutual claims (claims.extraction.kinds.mutual): exchanges of accusations, both sides respecting.

Short sentences written for these tests (pure functions, no database)."""

from claims.tests import extraction_fixtures

lexicon, name, extract = extraction_fixtures.lexicon, extraction_fixtures.name, extraction_fixtures.extract


def test_a_mutual_accusation_in_one_sentence_is_two_claims(extract, name):
    text = (
        "Armenian officials accused Azeri troops of launching an assault at 12:05 pm, "
        "while Azeri officials accused Armenia of bombing civilian targets."
    )
    pairs = sorted((name(c.claimant), name(c.accused)) for c in extract(text) if c.kind == "accusation")
    assert pairs == [
        ("Government of Armenia", "Armed Forces of Azerbaijan"),
        ("Government of Azerbaijan", "Armenia"),
    ]


def test_exchanged_allegations_and_both_respecting_the_ceasefire(extract, name):
    text = (
        "On Monday, Azeri and Armenian forces exchanged allegations of violations of the ceasefire, "
        "while both claimed to respect it."
    )
    found = extract(text)
    accusations = sorted((name(c.claimant), name(c.accused)) for c in found if c.kind == "accusation")
    assert accusations == [
        ("Armed Forces of Armenia", "Armed Forces of Azerbaijan"),
        ("Armed Forces of Azerbaijan", "Armed Forces of Armenia"),
    ]
    denials = sorted(name(c.claimant) for c in found if c.kind == "denial")
    assert denials == ["Armed Forces of Armenia", "Armed Forces of Azerbaijan"]


def test_each_side_accusing_the_other_is_two_accusations(extract, name):
    text = (
        "Armenia and Azerbaijan each said on Sunday that they were observing the truce, "
        "while accusing the other of violating it."
    )
    found = extract(text)
    pairs = sorted((name(c.claimant), name(c.accused)) for c in found if c.kind == "accusation")
    assert pairs == [("Armenia", "Azerbaijan"), ("Azerbaijan", "Armenia")]
    assert sorted(name(c.claimant) for c in found if c.kind == "denial") == ["Armenia", "Azerbaijan"]


def test_both_sides_accusing_one_another_are_the_pair_named_before(extract, name):
    text = (
        "Fighting between Armenia and Azerbaijan resumed near the border on Tuesday, "
        "with both sides accusing one another of opening fire first."
    )
    pairs = sorted((name(c.claimant), name(c.accused)) for c in extract(text) if c.kind == "accusation")
    assert pairs == [("Armenia", "Azerbaijan"), ("Azerbaijan", "Armenia")]


def test_both_sides_accusing_one_another_need_two_opposing_parties_named(extract):
    text = "Shelling went on overnight, and both sides accused one another of starting it."
    assert [c for c in extract(text) if c.kind == "accusation"] == []
