"""Denials told in the outlet's words after the charge they answer: "..., a charge denied by Hamas",
"..., which the group denies".  The denier is named after the charge, so the charge's own speaker (who
makes it) is not the one denying it.
"""

from __future__ import annotations

import re

from claims.extraction.attribution import resolve
from claims.extraction.context import ArticleContext, Span
from claims.extraction.patterns import ANSWERING_VERBS

_DENIED_BY = re.compile(
    r",\s*(?:a|an|the)\s+(?:charge|claim|accusation|allegation|assertion|account)s?\s+(?:that\s+)?(?:\w+\s+)?"
    r"(?:denied|rejected|dismissed|disputed)\s+by\s+(?P<np>[^,;.()“”\"]{2,60})"
    r"|,\s*(?:something|claims?|allegations?|charges?|accusations?)?\s*which\s+(?P<np2>[^,;.()“”\"]{2,60}?)\s+"
    r"(?:has\s+|have\s+|had\s+)?(?:repeatedly\s+|strongly\s+|consistently\s+|always\s+)?"
    rf"(?:{'|'.join(sorted(ANSWERING_VERBS))})\b",
    re.IGNORECASE,
)
_STEMS = frozenset({"deni", "deny", "reje", "disp"})


def answered_denials(ctx: ArticleContext, sentence: Span, index: int) -> None:
    """ "The army accuses Hamas of hiding in schools, a charge denied by Hamas": the party named after
    the charge denies it (what the sentence says before the comma is the act denied)."""
    if _STEMS.isdisjoint(ctx.stems):
        return
    ss, se = sentence
    already = {c.claimant for c in ctx.candidates if c.kind == "denial" and ss <= c.quote_start < se}
    for match in _DENIED_BY.finditer(ctx.text, ss, se):
        group = "np" if match.group("np") else "np2"
        deniers = resolve(ctx, match.start(group), match.end(group), index)
        for denier in deniers[:1]:
            if denier in already:
                continue
            already.add(denier)
            ctx.add(
                "denial", denier, ss, se, sentence, "answered/denial-charge-denied",
                act=ctx.act(ss, match.start()), place_id=ctx.place(ss, match.start()),
            )  # fmt: skip
