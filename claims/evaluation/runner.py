"""The one way every evaluation set runs the extractor over a text file: read it as ingestion would,
pick the text's lexicon, name the outlet's party, and keep the candidates of the scored kinds.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

from claims.extraction import Candidate, Lexicon, NewParty, PartyRef, extract_candidates
from sources.ingestion import file_read_articles, published_parse

KINDS = ("casualty", "accusation", "denial", "control")
MEASURES = ("killed", "wounded", "displaced", "missing")

LexiconSource = Lexicon | Callable[[str, datetime | None], Lexicon]


def read_text_file(path: Path) -> tuple[str, dict[str, Any]]:
    """The body (newlines normalised, stripped) and the header fields of one evaluation text file."""
    [(_, fields)] = file_read_articles(path)
    return fields["body"].replace("\r\n", "\n").strip(), fields


def lexicon_for(source: LexiconSource, body: str, fields: dict[str, Any]) -> Lexicon:
    """One lexicon for every text, or the one a function gives for this text and its date (its conflict's)."""
    return source(body, published_from_fields(fields)) if callable(source) else source


def published_from_fields(fields: dict[str, Any]) -> datetime | None:
    """The article date from parsed file fields (None when the file has none)."""
    return published_parse(fields.get("published_at"))


def extract_scored(body: str, fields: dict[str, Any], lexicon: Lexicon) -> list[Candidate]:
    """The extractor's candidates of the scored kinds, with the file's date and outlet."""
    outlet = fields.get("outlet_name")
    outlet_ref: PartyRef | None = (
        (lexicon.party_by_name(outlet) or NewParty(outlet, None, "media")) if outlet else None
    )
    candidates = extract_candidates(
        body, lexicon=lexicon, published=published_from_fields(fields), outlet_party=outlet_ref
    )
    return [c for c in candidates if c.kind in KINDS]


def interval(value: tuple[int, int | None] | None) -> list[int | None] | None:
    """A casualty interval as the answer files write it (a list), or None."""
    return list(value) if value is not None else None


def candidate_describe(
    found: Candidate, party: Callable[[PartyRef], str], place: str | None = None, quote_chars: int = 90
) -> str:
    """One line saying what the extractor found — kind, claimant, relay, accused, controller, place,
    figures, rule and the start of the quote — for the evaluation listings; ``party`` names a party the
    way the listing wants it (with or without its side)."""
    parts = [found.kind, f"by {party(found.claimant)}"]
    for label, ref in (
        ("via ", found.relayed_by),
        ("accused=", found.accused),
        ("controller=", found.controller),
    ):
        if ref is not None:
            parts.append(f"{label}{party(ref)}")
    if place is not None:
        parts.append(f"place={place}")
    for measure in MEASURES:
        if getattr(found, measure) is not None:
            parts.append(f"{measure}={list(getattr(found, measure))}")
    parts.append(f"[{found.rule}] “{found.quote[:quote_chars]}”")
    return " ".join(parts)
