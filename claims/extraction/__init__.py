"""Rule-based, explainable claim extraction: article text -> candidate claims (no models, no ORM).

``extract_candidates(text, lexicon=..., published=..., outlet_party=...)`` returns ``Candidate``
objects, each naming the rule that produced it; ``claims.services.extraction`` saves them.

Layout: ``dispatch`` (the per-sentence loop), ``attribution`` and ``quotes`` (who says what),
``kinds.casualty|accusation|denial|control|mutual`` (one module per claim kind), ``patterns``
(shared vocabularies), ``context`` (the per-article state and shared helpers), and the readers
they use: ``casualties`` (figures), ``numbers``, ``timeexpr``, ``sentences``, ``parties``, ``lexicon``.
"""

from claims.extraction.attribution import Attribution
from claims.extraction.context import Candidate
from claims.extraction.dispatch import extract_candidates
from claims.extraction.lexicon import Lexicon
from claims.extraction.parties import NewParty, PartyRef

__all__ = ["Attribution", "Candidate", "Lexicon", "NewParty", "PartyRef", "extract_candidates"]
