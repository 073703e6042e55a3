"""Counts in text -> intervals: "nine" [9, 9], "at least 30,000" [30000, open], "dozens" [12, open].

Vague words are coded as ACLED does, as lower bounds: tens = 10, dozens = 12, hundreds = 100
(and thousands = 1,000; "a dozen" is 12 exactly).  "About n" becomes a band of +-10 %.  Bounds
are strict where the words are: "more than 40" is [41, open] (as ACLED codes it), "fewer than
471" is [0, 470], "up to 100" and "100 or less" are [0, 100]; "100 to 300", "from 32 to 100" and
"between 61 and 270" are ranges.
"""

from __future__ import annotations

import re
from typing import Any, Protocol

UNITS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
}  # fmt: skip
TENS = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80,
    "ninety": 90,
}  # fmt: skip
SCALES = {"hundred": 100, "thousand": 1_000, "million": 1_000_000}
VAGUE = {
    "tens of thousands": 10_000,
    "hundreds of thousands": 100_000,
    "tens": 10,
    "dozens": 12,
    "scores": 20,
    "hundreds": 100,
    "thousands": 1_000,
    "millions": 1_000_000,
}

_WORD = "|".join(sorted([*UNITS, *TENS], key=len, reverse=True))
_NUMBER_WORDS = rf"(?:{_WORD})(?:[\s-]+(?:{_WORD}|hundred|thousand|million|and))*"
_DIGITS = r"\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?"
_VAGUE = "|".join(sorted(VAGUE, key=len, reverse=True))
QUALIFIERS = {
    "at least": "min",
    "no fewer than": "min",
    "no less than": "min",
    "more than": "above",
    "over": "above",
    "upwards of": "above",
    "in excess of": "above",
    "nearly": "max",
    "almost": "max",
    "up to": "max",
    "as many as": "max",
    "fewer than": "below",
    "less than": "below",
    "under": "below",
    "about": "band",
    "around": "band",
    "approximately": "band",
    "roughly": "band",
    "some": "band",
    "an estimated": "band",
    "estimated": "band",
}
_QUAL = "|".join(sorted(QUALIFIERS, key=len, reverse=True))
# "a child was killed", "wounding a soldier": the article counts one person.
_SINGULAR = "child|woman|man|boy|girl|soldier|serviceman|civilian|person|resident|villager|journalist"

COUNT = (
    # "at least, 49", 'more than "one hundred': a comma or an opening quote after the qualifier.
    rf"(?:(?P<qual>{_QUAL}),?\s+[\"“]?)?"
    rf"(?:(?:between\s+(?P<lo>{_DIGITS}|{_NUMBER_WORDS})\s+and|(?:from\s+)?(?P<lo_to>{_DIGITS}|{_NUMBER_WORDS})"
    rf"\s+(?:to|or))\s+(?P<hi>{_DIGITS}|{_NUMBER_WORDS})"
    rf"|(?P<vague>{_VAGUE})(?:\s+of)?"
    rf"|(?P<num>(?:{_DIGITS})(?:\s+(?:million|thousand|hundred))?|{_NUMBER_WORDS}|a\s+dozen|a\s+hundred"
    rf"|an?(?=\s+(?:{_SINGULAR})\b))"
    r")"
    r"(?:\s+or\s+(?P<orbound>less|fewer|more))?"
    # '"under 100" Palestinians': the closing quote of a quoted figure.
    r"(?:[\"”](?=\s))?"
)
COUNT_RE = re.compile(COUNT, re.IGNORECASE)


def words_to_int(text: str) -> int | None:
    """ "nine" -> 9, "thirty-four" -> 34, "two hundred and five" -> 205, "1.5 million" -> 1500000."""
    text = text.lower().replace(",", "").strip()
    if text in ("a dozen",):
        return 12
    if text == "a hundred":
        return 100
    if text in ("a", "an"):
        return 1
    parts = text.replace("-", " ").split()
    if parts and re.fullmatch(r"\d+(?:\.\d+)?", parts[0]):
        value = float(parts[0])
        for scale in parts[1:]:
            value *= SCALES.get(scale, 1)
        return round(value)
    total = current = 0
    seen = False
    for part in parts:
        if part == "and":
            continue
        if part in UNITS:
            current += UNITS[part]
        elif part in TENS:
            current += TENS[part]
        elif part == "hundred":
            current = max(current, 1) * 100
        elif part in SCALES:
            total += max(current, 1) * SCALES[part]
            current = 0
        else:
            return None
        seen = True
    return total + current if seen else None


class Groups(Protocol):
    """What ``count_interval`` reads: a match's named groups (a ``re.Match`` or an adapter)."""

    def group(self, name: str, /) -> Any: ...


def count_interval(match: Groups) -> tuple[int, int | None] | None:
    """The (min, max) interval of a ``COUNT_RE`` match; max None means open-ended."""
    if match.group("vague"):
        return VAGUE[match.group("vague").lower()], None
    if match.group("hi"):
        lo, hi = words_to_int(match.group("lo") or match.group("lo_to")), words_to_int(match.group("hi"))
        if lo is None or hi is None:
            return None
        return min(lo, hi), max(lo, hi)
    value = words_to_int(match.group("num"))
    if value is None:
        return None
    qualifier = QUALIFIERS.get((match.group("qual") or "").lower())
    bound = (match.group("orbound") or "").lower()
    if qualifier is None and bound:
        qualifier = "min" if bound == "more" else "max"
    if qualifier == "min":
        return value, None
    if qualifier == "above":
        return value + 1, None
    if qualifier == "max":
        return 0, value
    if qualifier == "below":
        return 0, max(value - 1, 0)
    if qualifier == "band":
        spread = max(1, round(value * 0.1)) if value >= 10 else 0
        return value - spread, value + spread
    return value, value
