"""Claims API: read and sync claims, incidents, contradictions and verdicts; submit claims; staff review.

``viewsets`` holds the endpoints, ``claimreview`` the schema.org feed and its documents, ``withdrawn``
the tombstone action every synced list carries.
"""

from claims.api.claimreview import ClaimReviewFeedViewSet
from claims.api.viewsets import ClaimViewSet, ContradictionViewSet, IncidentViewSet, VerdictViewSet

__all__ = [
    "ClaimReviewFeedViewSet",
    "ClaimViewSet",
    "ContradictionViewSet",
    "IncidentViewSet",
    "VerdictViewSet",
]
