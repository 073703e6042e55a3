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


def test_a_quote_that_reads_the_statement_from_a_body_is_that_body_s(extract, name, lexicon):
    text = (
        "“The shelling of Tartar went on all night. The leadership of Armenia bears responsibility "
        "for this,” reads the statement from the Azerbaijani Defence Ministry."
    )
    claim = only(extract(text), "accusation")
    assert name(claim.claimant) == "Ministry of Defence of Azerbaijan"
    assert lexicon.parties[claim.accused].side == "armenia"


def test_a_quote_that_reads_the_statement_is_the_speaker_named_before(extract, name):
    text = (
        "The Azerbaijani Defence Ministry said it had recorded new shelling on Monday. "
        "“Armenia bears full responsibility for the escalation near the border,” reads the statement."
    )
    claim = only(extract(text), "accusation")
    assert name(claim.claimant) == "Ministry of Defence of Azerbaijan"
