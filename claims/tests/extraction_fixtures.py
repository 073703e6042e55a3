"""Fixtures shared by the pure extractor's tests (imported by the test modules that use them)."""

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest

from claims.extraction import NewParty, extract_candidates
from claims.extraction.lexicon import shipped_lexicon

BAKU = ZoneInfo("Asia/Baku")
SUNDAY_11_OCT = datetime(2020, 10, 12, 9, 0, tzinfo=UTC)  # published Monday morning


@pytest.fixture(scope="module")
def lexicon():
    return shipped_lexicon("nagorno-karabakh-2020")


@pytest.fixture(scope="module")
def name(lexicon):
    def _name(ref):
        if ref is None:
            return None
        return ref.name if isinstance(ref, NewParty) else lexicon.parties[ref].name

    return _name


@pytest.fixture(scope="module")
def extract(lexicon):
    def _extract(text, *, published=SUNDAY_11_OCT, outlet="Reuters"):
        outlet_party = lexicon.party_by_name(outlet) if outlet else None
        found = extract_candidates(text, lexicon=lexicon, published=published, outlet_party=outlet_party)
        for claim in found:
            assert text[claim.quote_start : claim.quote_end] == claim.quote
        return found

    return _extract


def only(found, kind):
    """The one candidate of ``kind`` (fails, listing what was found, when there are none or several)."""
    matching = [c for c in found if c.kind == kind]
    assert len(matching) == 1, [(c.kind, c.rule, c.quote) for c in found]
    return matching[0]
