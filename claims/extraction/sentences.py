"""Sentence and clause splitting that keeps character offsets into the original text."""

from __future__ import annotations

import re

# Abbreviations after which a full stop does not end a sentence.
_ABBREVIATIONS = frozenset(
    {
        "mr", "mrs", "ms", "dr", "gen", "col", "lt", "maj", "capt", "sgt", "st", "prof", "sen", "rep",
        "gov", "pres", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov",
        "dec", "no", "vs", "etc", "approx", "u.s", "u.n", "a.m", "p.m", "e.g", "i.e", "inc", "ltd", "co",
    }
)  # fmt: skip

# A candidate end: . ! ? (possibly followed by closing quotes/brackets), then white space.  Armenian
# sources also end sentences with the Armenian full stop (U+0589) or a one-dot leader (U+2024) for it.
# Pages that lost the space between sentences ("said on Monday.Ukrainian broadcaster ..."): a full stop
# between a lower-case word and a capitalised one ends a sentence too ("U.S." and "e.g.The" do not fit).
_END = re.compile(r"[.!?\u0589\u2024]+[\"'”’)\]]*(?=\s)|\n\s*\n|(?<=[a-z]{3}\.)(?=[A-Z][a-z]{2})")
_WORD_BEFORE = re.compile(r"([\w.]+)$")


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence, trimmed of surrounding white space; blank lines end sentences."""
    spans: list[tuple[int, int]] = []
    start = 0
    length = len(text)
    for match in _END.finditer(text):
        end = match.end()
        if match.group(0) == ".":
            word = _WORD_BEFORE.search(text, max(0, match.start() - 12), match.start())
            if word:
                before = word.group(1).lower()
                if before in _ABBREVIATIONS or (len(before) == 1 and before.isalpha()):
                    continue
            nxt = text[end : end + 3].lstrip()
            if nxt and (nxt[0].islower() or nxt[0].isdigit()):
                continue
        _append(spans, text, start, end)
        start = end
    if start < length:
        _append(spans, text, start, length)
    return spans


def _append(spans: list[tuple[int, int]], text: str, start: int, end: int) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        spans.append((start, end))


def paragraph_starts(text: str) -> list[int]:
    """Offsets where paragraphs (separated by blank lines) begin."""
    starts = [0]
    for match in re.finditer(r"\n\s*\n", text):
        starts.append(match.end())
    return starts


# Where one sentence holds two attributed statements ("A accused B of X, while B accused A of Y").
# "At least 16 people were killed in what Kyiv said was a missile strike": the figure is the outlet's,
# the strike's description Kyiv's.
_CLAUSE_BREAK = re.compile(
    r";\s+|,\s+(?=(?:while|whereas|but)\s)|\s+(?=whereas\s)"
    r"|\s*[,—–]\s*(?=(?:a|an)\s+(?:claim|charge|accusation|allegation|assertion|version)s?\s+(?:that\s+|which\s+)?"
    r"(?:[\w'’-]+\s+){1,4}?(?:denies|denied|rejects|rejected|disputes|disputed|has\s+denied|have\s+denied)\b)"
    r"|,\s+(?=where\s+(?:[\w'’-]+\s+){1,4}?(?:said|says|reported|claimed|claims)\b)"
    r"|\s+(?=in\s+what\s+(?:[\w'’-]+\s+){1,4}?(?:said|says|called|calls|described|describes)\b)"
)
_LEADING_CONJUNCTION = re.compile(r"(?:while|whereas|but|and|where)\s+", re.IGNORECASE)


def clause_spans(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Split a sentence at clause boundaries; offsets stay absolute.  Leading conjunctions are dropped."""
    spans: list[tuple[int, int]] = []
    cursor = start
    for match in _CLAUSE_BREAK.finditer(text, start, end):
        spans.append((cursor, match.start()))
        cursor = match.end()
    spans.append((cursor, end))
    result = []
    for s, e in spans:
        lead = _LEADING_CONJUNCTION.match(text, s, e)
        if lead:
            s = lead.end()
        while e > s and text[e - 1] in " ,;":
            e -= 1
        if e > s:
            result.append((s, e))
    return result
