"""Sentence and clause splitting (claims.extraction.sentences): offsets into the original text."""

import pytest

from claims.extraction.sentences import clause_spans, sentence_spans


def _sentences(text):
    return [text[start:end] for start, end in sentence_spans(text)]


def test_a_page_that_lost_the_space_after_a_full_stop_still_has_two_sentences():
    text = "The Kremlin denied it on Monday.Local broadcasters reported two blasts."
    assert _sentences(text) == ["The Kremlin denied it on Monday.", "Local broadcasters reported two blasts."]


@pytest.mark.parametrize(
    "text",
    ["The U.S.Army said so.", "Details are at example.com for readers.", "Gen. Smith said so."],
)
def test_abbreviations_and_addresses_do_not_end_a_sentence(text):
    assert _sentences(text) == [text]


def test_a_clause_with_its_own_speaker_after_where_is_split_off():
    text = "Russia said it hit a meeting in Sumy, where Ukraine said 34 people were killed."
    assert [text[s:e] for s, e in clause_spans(text, 0, len(text))] == [
        "Russia said it hit a meeting in Sumy",
        "Ukraine said 34 people were killed.",
    ]


def test_where_without_a_speaker_stays_in_its_clause():
    text = "The missile hit Sumy, where 34 people were killed."
    assert [text[s:e] for s, e in clause_spans(text, 0, len(text))] == [text]
