"""Casualty claims: counts of killed, wounded, displaced or missing people, one claim per speaker,
clause and victim group ("nine killed and 34 wounded" is one claim).  The outlet's own voice counts
here, except for background about an earlier war; the toll of an earlier event given as a cause ("the
strikes follow an attack last month that killed 26") counts for nobody.
"""

from __future__ import annotations

import re
from datetime import datetime
from typing import Any

from claims.extraction.casualties import casualty_figures
from claims.extraction.context import ArticleContext, Span, Speech

CASUALTY_STEMS = frozenset(
    {
        "kill", "mart", "dead", "died", "die", "deat", "woun", "inju", "hurt", "disp", "miss", "lost", "peri",
        "fled", "home", "fata", "refu", "toll", "no", "nobo", "bodi", "flee", "vict", "trea", "hosp", "appl", "soug", "live",
    }
)  # fmt: skip
# A year named in a sentence; one before the article's marks figures of an earlier war.
_YEAR = re.compile(r"\b(?P<year>1[89]\d\d|20\d\d)(?P<decade>s)?\b")


def historical_window(ctx: ArticleContext, sentence: Span) -> tuple[datetime, datetime] | None:
    """The years an earlier war's figures belong to ("the 1988–1994 war left 30,000 dead")."""
    if ctx.published is None:
        return None
    years: list[int] = []
    for match in _YEAR.finditer(ctx.text, sentence[0], sentence[1]):
        year = int(match.group("year"))
        if year < ctx.published.year:
            years += [year, year + 9] if match.group("decade") else [year]
    if not years:
        return None
    return (
        datetime(min(years), 1, 1, tzinfo=ctx.lexicon.timezone),
        datetime(max(years), 12, 31, 23, 59, 59, tzinfo=ctx.lexicon.timezone),
    )


# "The strikes follow a deadly attack last month that killed 26 people", "a response to last month's
# attack, which left 26 dead": the toll of an earlier event given as the cause is background.
_CAUSE = re.compile(
    r"\b(?:in\s+the\s+wake\s+of|in\s+response\s+to|a\s+response\s+to|in\s+retaliation\s+for|retaliation\s+for"
    r"|follows?|followed|following|comes?\s+after|came\s+after)\b",
    re.IGNORECASE,
)
_EARLIER = re.compile(
    r"\b(?:last\s+(?:month|week|year)|earlier\s+this\s+(?:month|year)|(?-i:January|February|March|April|May|June"
    r"|July|August|September|October|November|December)\s+\d{1,2}(?:st|nd|rd|th)?\b)",
    re.IGNORECASE,
)


def _earlier_cause(ctx: ArticleContext, speech: Speech, start: int) -> bool:
    """Whether the figure at ``start`` is the toll of an earlier event the speech gives as a cause."""
    cause = next(reversed(list(_CAUSE.finditer(ctx.text, speech.sentence[0], start))), None)
    if cause is None or start - cause.end() > 120:
        return False
    return _EARLIER.search(ctx.text, cause.end(), min(speech.sentence[1], start + 60)) is not None


def casualties(ctx: ArticleContext, speech: Speech) -> None:
    """Casualty figures in what is said, grouped into one claim per victim group."""
    if CASUALTY_STEMS.isdisjoint(ctx.stems):
        return
    figures = [
        f
        for f in casualty_figures(ctx.text, speech.cs, speech.ce)
        if not _earlier_cause(ctx, speech, f.start) and not ctx.in_dateline(f.start)
    ]
    if not figures:
        return
    window = historical_window(ctx, speech.sentence)
    if window is not None and speech.rule == "outlet":
        # Background the outlet gives about an earlier war is not a claim about this event.
        return
    place = ctx.event_place(speech.cs, speech.ce, speech.sentence)
    claims: list[dict[str, Any]] = []
    group = None
    for figure in figures:
        group = figure.group or group
        target = next(
            (c for c in claims if c["victim_group"] == (group or "unspecified") and figure.measure not in c),
            None,
        )
        if target is None:
            target = {"victim_group": group or "unspecified"}
            claims.append(target)
        target[figure.measure] = figure.interval
    for values in claims:
        ctx.add(
            "casualty",
            speech.claimant,
            speech.qs,
            speech.qe,
            speech.sentence,
            f"{speech.rule}/casualty",
            relayed_by=speech.relay,
            place_id=place,
            **({"window": window} if window is not None else {}),
            **values,
        )
