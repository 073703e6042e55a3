"""Claims, the incidents they are about, the contradictions between them and reviewers' verdicts.

One module per concern (``incidents``, ``claims``, ``checks``, ``contradictions``, ``reviews``, ``rescan``); every
model and choice is importable from here, as callers do.
"""

# The models register in the order they had in one module.
# isort: off
from claims.models.incidents import Incident, IncidentKind
from claims.models.claims import (
    CHECKED_FIELDS,
    COUNT_FIELDS,
    COUNT_PAIRS,
    Claim,
    ClaimKind,
    ClaimOrigin,
    ClaimStatus,
    Polarity,
    VictimGroup,
)
from claims.models.contradictions import Contradiction, ContradictionKind, ContradictionStatus, DismissReason
from claims.models.reviews import VERDICT_RATING_VALUES, Note, Verdict, VerdictRating
from claims.models.rescan import RescanBlock
from claims.models.checks import ClaimCheckPending
# isort: on

__all__ = [
    "CHECKED_FIELDS",
    "COUNT_FIELDS",
    "COUNT_PAIRS",
    "VERDICT_RATING_VALUES",
    "Claim",
    "ClaimCheckPending",
    "ClaimKind",
    "ClaimOrigin",
    "ClaimStatus",
    "Contradiction",
    "ContradictionKind",
    "ContradictionStatus",
    "DismissReason",
    "Incident",
    "IncidentKind",
    "Note",
    "Polarity",
    "RescanBlock",
    "Verdict",
    "VerdictRating",
    "VictimGroup",
]
