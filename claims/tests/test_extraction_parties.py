"""Which words stand for a party named elsewhere (claims.extraction.parties.pronoun_kind)."""

import pytest

from claims.extraction.parties import pronoun_kind


@pytest.mark.parametrize(
    ("words", "kind"),
    [("we", "self"), ("us", "self"), ("our forces", "self"), ("they", "any"), ("the ministry", "ministry")],
)
def test_a_pronoun_or_definite_description_needs_an_antecedent_of_its_kind(words, kind):
    assert pronoun_kind(words) == kind


@pytest.mark.parametrize("words", ["US", "US officials", "US intelligence agencies"])
def test_the_abbreviation_of_the_united_states_is_no_pronoun(words):
    assert pronoun_kind(words) is None
