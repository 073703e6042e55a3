"""Incident titles and the local day they name, read in the incident's conflict's time zone.

"Strike at Ganja, 11 Oct 2020" names the day the strike happened where it happened, not the UTC day:
a strike at 02:00 in Baku is 10 October in UTC.  The grouping writes the titles, so claims owns this;
the zone comes from the one function the desk and the public pages use as well.
"""

from __future__ import annotations

from datetime import datetime

from claims.models import Incident, IncidentKind
from sources.selectors import row_time_zone


def incident_title(*, kind: str, place_name: str, start: datetime, incident: Incident) -> str:
    """ "Strike at Ganja, 11 Oct 2020": the day is the incident's local day (in its conflict's zone,
    ``sources.selectors.row_time_zone``), not the UTC one."""
    local_day = start.astimezone(row_time_zone(incident)).date()
    return f"{IncidentKind(kind).label} at {place_name}, {local_day:%d %b %Y}"
