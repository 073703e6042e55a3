"""Full dates in running text ("12 October 2020", "Oct. 12, 2020"), and the month names every date
reader shares.

Pure text, no Django: the ingestion dates an article that came without a date by its first full date,
and the extractor (``claims.extraction.timeexpr``) reads days and months with the same names.
"""

from __future__ import annotations

import re
from datetime import date

#: Month names and abbreviations (lower case) to month numbers.
MONTHS = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4,
    "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8, "september": 9,
    "sep": 9, "sept": 9, "october": 10, "oct": 10, "november": 11, "nov": 11, "december": 12, "dec": 12,
}  # fmt: skip
#: Month names and abbreviations, longest first (so "sept" is tried before "sep").
MONTH_PATTERN = "|".join(sorted(MONTHS, key=len, reverse=True))


_FULL_DATE_RE = re.compile(
    rf"\b(?:(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<m1>{MONTH_PATTERN})\.?,?\s+(?P<y1>(?:19|20)\d{{2}})"
    rf"|(?P<m2>{MONTH_PATTERN})\.?\s+(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<y2>(?:19|20)\d{{2}}))\b",
    re.IGNORECASE,
)


def dated_text_find(text: str, *, limit: int = 2000) -> date | None:
    """The first full date (day, month and year) in the opening ``limit`` characters of a text.

    Used to date an article that came without a date; a day without a year is not enough.
    """
    for match in _FULL_DATE_RE.finditer(text[:limit]):
        month = MONTHS[(match.group("m1") or match.group("m2")).lower()]
        day = int(match.group("d1") or match.group("d2"))
        year = int(match.group("y1") or match.group("y2"))
        try:
            return date(year, month, day)
        except ValueError:
            continue
    return None
