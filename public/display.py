"""How the public pages write times, figures and grades: pure functions, no ORM."""

from __future__ import annotations

from datetime import datetime

from claims.models import Incident
from sources.selectors import row_time_zone

#: The time zone an incident's times (and its sources' dates) are shown in (``sources.selectors``).
incident_time_zone = row_time_zone


def local_time(value: datetime | None, incident: Incident | None = None) -> datetime | None:
    """``value`` in the incident's local time (see ``incident_time_zone``)."""
    if value is None:
        return None
    return value.astimezone(incident_time_zone(incident))


def zone_label(value: datetime | None) -> str:
    """The abbreviation or offset a reader sees after a local time ("+04", "EEST")."""
    return value.strftime("%Z") if value is not None else ""


def interval_text(low: int | None, high: int | None, *, is_open: bool = False) -> str:
    """A figure or a range as a reader writes it: 9, 9–12, at least 9, "—" for none."""
    if low is None:
        return "—"
    if is_open and (high is None or high == low):
        return f"at least {low}"
    if is_open:
        return f"{low}–{high} or more"
    if high is None or high == low:
        return str(low)
    return f"{low}–{high}"


_GRADE_WHY: dict[str, str] = {
    Incident.Grade.CONFIRMED: "the accused side accepted responsibility",
    Incident.Grade.FAIR: "two or more independent sources report it",
    Incident.Grade.WEAK: "a single source reports it",
    Incident.Grade.CONTESTED: "the sides make competing claims of responsibility",
    Incident.Grade.DISCOUNTED: "review showed the reports false",
}


def grade_reason(*, grade: str, claimants: list[str], blames: list[tuple[str, str]]) -> str:
    """Why the incident has its grade (Airwars' terms), naming the published sources behind it."""
    why = _GRADE_WHY.get(grade, "")
    if grade == Incident.Grade.CONTESTED and blames:
        detail = "; ".join(f"{who} blames {whom}" for who, whom in blames)
        return f"{why.capitalize()}: {detail}."
    if grade == Incident.Grade.CONFIRMED and blames:
        detail = "; ".join(f"{who} names {whom}" for who, whom in blames)
        return f"{why.capitalize()}: {detail}."
    if grade in (Incident.Grade.FAIR, Incident.Grade.WEAK) and claimants:
        noun = "source" if len(claimants) == 1 else "sources"
        return f"{why.capitalize()}: {len(claimants)} published {noun} ({', '.join(claimants)})."
    return f"{why.capitalize()}." if why else ""
