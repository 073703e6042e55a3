"""Provenance: who published (Outlet), what (Article), who speaks or is accused (Party), where (Place).

One module per concern: ``conflicts`` (conflicts, sides, party sides), ``parties``, ``places``,
``articles`` (outlets and articles) and ``feeds`` (feeds, entries, URL submissions).
"""

from sources.models.articles import Article, Outlet
from sources.models.conflicts import CONFLICT_PACK_DETAILS, Conflict, ConflictSide, PartySide
from sources.models.feeds import Feed, FeedEntry, UrlSubmission
from sources.models.parties import Party, PartyAlias
from sources.models.places import Place, PlaceAlias

__all__ = [
    "CONFLICT_PACK_DETAILS",
    "Article",
    "Conflict",
    "ConflictSide",
    "Feed",
    "FeedEntry",
    "Outlet",
    "Party",
    "PartyAlias",
    "PartySide",
    "Place",
    "PlaceAlias",
    "UrlSubmission",
]
