"""Event times in text ("at 12:05 pm", "on Sunday", "on 11 October") resolved against the article date.

Times are read as local time in the conflict's time zone (from its pack, passed in as ``tz``) and
returned as timezone-aware datetimes.  A weekday means the latest such day on or before the article's date,
as wire copy speaks of the past week.
"""

from __future__ import annotations

import re
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from factcheck.textdates import MONTH_PATTERN, MONTHS

UTC = ZoneInfo("UTC")

WEEKDAYS = {"monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5, "sunday": 6}
_WEEKDAY = "|".join(WEEKDAYS)

DAY_RE = re.compile(
    rf"\b(?:(?P<weekday>{_WEEKDAY})"
    rf"|(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<m1>{MONTH_PATTERN})\.?(?:\s+(?P<y1>\d{{4}}))?"
    rf"|(?P<m2>{MONTH_PATTERN})\.?\s+(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?(?:,?\s+(?P<y2>\d{{4}}))?"
    r"|(?P<rel>yesterday|today|last night|this morning|tonight))\b",
    re.IGNORECASE,
)
TIME_RE = re.compile(
    r"\b(?:(?P<h>\d{1,2})[:.](?P<min>\d{2})\s*(?P<ap>[ap]\.?\s?m\.?)?"
    r"|(?P<h2>\d{1,2})\s*(?P<ap2>[ap]\.?\s?m\.?)(?![a-z])"
    r"|(?P<word>noon|midday|midnight))",
    re.IGNORECASE,
)


def _local_date(published: datetime | None, tz: ZoneInfo = UTC) -> date | None:
    return published.astimezone(tz).date() if published else None


# A day needs a weekday, a month or a relative word; most sentences have none, and DAY_RE is slow.
# Both are matched against lower-cased text (IGNORECASE makes a search several times slower).
_DAY_HINT = re.compile(r"day|night|morning|jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec")
_TIME_HINT = re.compile(r"\d|noon|midday|midnight")


def day_find(text: str, published: datetime | None, tz: ZoneInfo = UTC) -> date | None:
    """The first day named in ``text``, resolved against the article date (None if none or unknown)."""
    if not _DAY_HINT.search(text.lower()):
        return None
    ref = _local_date(published, tz)
    for match in DAY_RE.finditer(text):
        if match.group("weekday"):
            if ref is None:
                continue
            delta = (ref.weekday() - WEEKDAYS[match.group("weekday").lower()]) % 7
            return ref - timedelta(days=delta)
        if match.group("rel"):
            if ref is None:
                continue
            word = match.group("rel").lower()
            return ref - timedelta(days=1) if word in ("yesterday", "last night") else ref
        month = MONTHS[(match.group("m1") or match.group("m2")).lower()]
        day = int(match.group("d1") or match.group("d2"))
        year_text = match.group("y1") or match.group("y2")
        year = int(year_text) if year_text else (ref.year if ref else 2020)
        try:
            return date(year, month, day)
        except ValueError:
            continue
    return None


def time_find(text: str) -> time | None:
    """The first clock time in ``text`` ("12:05 pm", "5 a.m.", "noon")."""
    if not _TIME_HINT.search(text.lower()):
        return None
    for match in TIME_RE.finditer(text):
        if match.group("word"):
            return time(0, 0) if match.group("word").lower() == "midnight" else time(12, 0)
        hour = int(match.group("h") or match.group("h2"))
        minute = int(match.group("min") or 0)
        meridiem = (match.group("ap") or match.group("ap2") or "").lower()
        if match.group("h") and not meridiem and len(match.group("h")) == 1 and minute == 0:
            continue
        if meridiem.startswith("p") and hour < 12:
            hour += 12
        elif meridiem.startswith("a") and hour == 12:
            hour = 0
        if hour < 24 and minute < 60:
            return time(hour, minute)
    return None


def event_window(
    text: str,
    *,
    published: datetime | None,
    fallback_day: date | None = None,
    day_only: bool = False,
    tz: ZoneInfo = UTC,
) -> tuple[datetime | None, datetime | None, date | None]:
    """(event_start, event_end, day named in text) for a clause.

    A clock time gives a one-minute window on the day named (or ``fallback_day`` — the last day
    named earlier in the paragraph — or the article date); a day alone gives the whole day.
    """
    day = day_find(text, published, tz)
    if day_only and day is None:
        day = fallback_day
    clock = time_find(text)
    if clock is not None:
        on = day or fallback_day or _local_date(published, tz)
        if on is None:
            return None, None, day
        start = datetime.combine(on, clock, tzinfo=tz)
        return start, start + timedelta(seconds=59), day
    if day is not None:
        start = datetime.combine(day, time(0, 0), tzinfo=tz)
        return start, start + timedelta(days=1) - timedelta(microseconds=1), day
    return None, None, None
