"""Rule-based, explainable claim extraction: article text -> candidate claims (no models, no ORM).

``extract_candidates(text, lexicon=..., published=..., outlet_party=...)`` returns ``Candidate``
objects, each naming the rule that produced it; ``claims.services.extraction`` saves them.
"""

from claims.extraction.lexicon import Lexicon
from claims.extraction.parties import NewParty, PartyRef
from claims.extraction.rules import Candidate, extract_candidates

__all__ = ["Candidate", "Lexicon", "NewParty", "PartyRef", "extract_candidates"]
