"""Incident titles and the local day they name, read in the incident's conflict's time zone.

"Strike at Ganja, 11 Oct 2020" names the day the strike happened where it happened, not the UTC day:
a strike at 02:00 in Baku is 10 October in UTC.  Claims owns these helpers (the grouping writes the
titles); review's display code shows the same local days.
"""

from __future__ import annotations

from datetime import date, datetime, tzinfo

from claims.models import Claim, Incident, IncidentKind
from sources.selectors import conflict_timezone


def incident_tz(incident: Incident | Claim | None = None) -> tzinfo:
    """The time zone an incident's (or a claim's) times are read in: its conflict's, from the conflict
    pack; UTC for rows with no conflict."""
    if incident is not None and "conflict" in incident._state.fields_cache and incident.conflict is not None:
        return incident.conflict.tzinfo  # loaded with the row (select_related): no query
    return conflict_timezone(getattr(incident, "conflict_id", None))


def local_date(moment: datetime, tz: tzinfo | None = None) -> date:
    """The calendar day of ``moment`` in the zone (an 11 October strike at 02:00 Baku is 10 October UTC)."""
    return moment.astimezone(tz or incident_tz()).date()


def incident_title(*, kind: str, place_name: str, start: datetime, incident: Incident) -> str:
    """ "Strike at Ganja, 11 Oct 2020": the day is the incident's local day, not the UTC one."""
    return f"{IncidentKind(kind).label} at {place_name}, {local_date(start, incident_tz(incident)):%d %b %Y}"
