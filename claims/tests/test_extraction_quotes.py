"""Speakers named outside the clause (claims.extraction.quotes): quotes over several sentences.

Short sentences written for these tests (pure functions, no database)."""

from claims.tests import extraction_fixtures
from claims.tests.extraction_fixtures import only

lexicon, name, extract = extraction_fixtures.lexicon, extraction_fixtures.name, extraction_fixtures.extract


def test_a_quote_over_several_sentences_keeps_its_speaker(extract, name):
    text = (
        'Aliyev said: "We will not stop. Our army has liberated Jabrayil. '
        'Twelve Armenian soldiers were captured and four were killed."'
    )
    found = extract(text)
    control = only(found, "control")
    casualty = only(found, "casualty")
    assert name(control.claimant) == name(casualty.claimant) == "Ilham Aliyev"
    assert name(control.controller) == "Armed Forces of Azerbaijan"
    assert casualty.killed == (4, 4)
