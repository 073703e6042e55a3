"""Writes for grouping: which incident a claim belongs to, found or started when the claim is checked.

A claim with a place and an event kind is attached to an open incident of the same kind family at the
same place whose window overlaps the claim's (aliases are already resolved to one Place), or starts a
new one; a placeless accusation or denial joins the one incident of its article.  A denial of control
("fighting for the town goes on") belongs with captures, not strikes.
"""

from __future__ import annotations

import zlib
from datetime import datetime, timedelta
from typing import Any

from django.db import connection, transaction
from django.db.models import F, Q
from django.utils import timezone

from claims.contradictions.control import denies_control
from claims.contradictions.facts import UNDATED_EVENT_SPAN, WINDOW_SLACK, event_window
from claims.incident_titles import incident_title
from claims.models import Claim, ClaimKind, Incident, IncidentKind
from claims.services.checks import claims_await_check
from sources.models import Article, Place
from sources.selectors import conflict_timezone

# Which incident kinds a claim kind can belong to; statements are never grouped.
VIOLENCE = (IncidentKind.STRIKE, IncidentKind.ASSAULT, IncidentKind.CEASEFIRE_BREACH, IncidentKind.OTHER)

KIND_FAMILIES = {
    ClaimKind.CASUALTY: VIOLENCE,
    ClaimKind.ACCUSATION: VIOLENCE,
    ClaimKind.DENIAL: VIOLENCE,
    ClaimKind.CONTROL: (IncidentKind.CAPTURE,),
}

_ACT_KINDS = (
    (("ceasefire", "truce"), IncidentKind.CEASEFIRE_BREACH),
    (("assault", "offensive", "attack", "advance"), IncidentKind.ASSAULT),
)


def lock_block(
    namespace: str, key: int, *, relax_commit: bool = False, written_join_order: bool = False
) -> None:
    """Serialise writers of one block (an incident, a place) until the transaction ends (PostgreSQL only).

    Two workers grouping claims of the same new event would otherwise both create an incident.
    ``relax_commit`` also lets the transaction commit without waiting for the WAL flush, in the same
    round trip (for derived data that the sweep would rebuild if a crash lost it).
    ``written_join_order`` has the rest of the transaction planned with its joins in the order written
    (``join_collapse_limit = 1``), also in the same round trip: for short transactions of many-join
    look-ups by key, whose planning costs more than running them.
    """
    if connection.vendor != "postgresql":
        return
    relax = "SET LOCAL synchronous_commit = off; " if relax_commit else ""
    order = "SET LOCAL join_collapse_limit = 1; " if written_join_order else ""
    with connection.cursor() as cursor:
        cursor.execute(
            f"{relax}{order}SELECT pg_advisory_xact_lock(%s, %s)", [lock_namespace(namespace), key]
        )


def lock_namespace(namespace: str) -> int:
    """The first key of ``lock_block``'s advisory lock for a namespace (for statements that take it)."""
    return zlib.crc32(namespace.encode()) & 0x7FFFFFFF


def incident_kind_for(*, claim_kind: str, act: str = "") -> str:
    """The kind of a new incident started by a claim: capture for control and its denial, else guessed
    from the act."""
    if claim_kind == ClaimKind.CONTROL or (claim_kind == ClaimKind.DENIAL and denies_control(act)):
        return IncidentKind.CAPTURE
    lowered = act.lower()
    for words, kind in _ACT_KINDS:
        if any(word in lowered for word in words):
            return kind
    return IncidentKind.STRIKE


# Claim kinds that join the incident of their article's other claims when they name no place ("the
# ministry called it a lie"): they answer what the article is about.
PLACELESS_JOINERS = (ClaimKind.ACCUSATION, ClaimKind.DENIAL)

# Places too wide to tell one event from another: "Armenia", "the Gaza Strip", "Darfur".
WIDE_PLACES = (Place.Kind.COUNTRY, Place.Kind.REGION)


def family_of(*, kind: str, act: str = "") -> tuple[str, ...] | None:
    """The incident kinds a claim can belong to (None: never grouped); a denial of control goes with
    captures, since it answers a capture."""
    if kind == ClaimKind.DENIAL and denies_control(act):
        return (IncidentKind.CAPTURE,)
    return KIND_FAMILIES.get(ClaimKind(kind))


def _pins_day(claim: Claim) -> bool:
    """The claim's date is the day of the event: a toll of killed or wounded, or an accusation.

    A denial is dated by the day it was made ("on June 28 denied it targeted the mall"), and a count of
    the missing or displaced by the day it was counted: neither tells one day's strike from the next.
    Nor does a control claim: a town said taken on the 12th and again on the 13th is one capture.
    """
    if claim.kind == ClaimKind.CASUALTY:
        return claim.killed_min is not None or claim.wounded_min is not None
    return claim.kind == ClaimKind.ACCUSATION


def _misdated(claim: Claim) -> bool:
    """The claim's event is dated after the claim was made: a date read from another sentence ("the
    hostages abducted on October 7" resolved to the wrong year), not the event's."""
    return claim.event_start is not None and claim.event_start > claim.stated_at + UNDATED_EVENT_SPAN


def _own_window(claim: Claim) -> tuple[datetime | None, datetime | None]:
    """The event window grouping reads: the claim's, or none when it is misdated."""
    if _misdated(claim):
        return None, None
    return claim.event_start, claim.event_end


def _wide_place(claim: Claim) -> bool:
    """The claim's place is a country or a region."""
    return claim.place_id is not None and claim.place is not None and claim.place.kind in WIDE_PLACES


def _local_days(start: datetime, end: datetime | None, tz) -> set:
    """The local days (in ``tz``) a window touches."""
    first, last = start.astimezone(tz).date(), (end or start).astimezone(tz).date()
    return {first + timedelta(days=n) for n in range((last - first).days + 1)} if last >= first else {first}


# The claims whose date is the day of their event (see ``_pins_day``), at their incident's own place
# (a claim placed in the whole country, or nowhere, that joined its article's incident dates nothing).
PINS_DAY = Q(place_id=F("incident__place_id")) & (
    Q(kind=ClaimKind.ACCUSATION)
    | Q(Q(killed_min__isnull=False) | Q(wounded_min__isnull=False), kind=ClaimKind.CASUALTY)
)


def _dated_elsewhere(incident_ids: list[int], claim: Claim) -> set[int]:
    """Incidents whose dated claims are all dated to other days than the claim's (in the conflict's
    time zone).

    Two strikes on one town on consecutive days are two incidents, however near their windows are.
    Only claims whose date is their event's day (``_pins_day``) keep incidents apart, on both sides.
    """
    claim_start, claim_end = _own_window(claim)
    if claim_start is None or not incident_ids or not _pins_day(claim):
        return set()
    tz = conflict_timezone(claim.conflict_id)
    days = _local_days(claim_start, claim_end, tz)
    dated, meeting = set(), set()
    for incident_id, start, end, stated_at in Claim.objects.filter(
        PINS_DAY, incident_id__in=incident_ids, event_start__isnull=False
    ).values_list("incident_id", "event_start", "event_end", "stated_at"):
        if start is None or start > stated_at + UNDATED_EVENT_SPAN:
            continue  # misdated: no day of its own
        dated.add(incident_id)
        if incident_id not in meeting and _local_days(start, end, tz) & days:
            meeting.add(incident_id)
    return dated - meeting


def _in_conflict_of(claim: Claim) -> dict[str, Any]:
    """The lookup for rows of the claim's conflict (none: rows with no conflict)."""
    return {"conflict_id": claim.conflict_id}


def _article_incident(claim: Claim, family: tuple[str, ...], *, anywhere: bool = False) -> Incident | None:
    """The one incident of the family that the other claims of the claim's article are in (at its place
    when it has one, unless ``anywhere``); None when they are in none or in several."""
    if claim.article_id is None:
        return None
    incidents = Incident.objects.filter(
        claims__article_id=claim.article_id,
        kind__in=family,
        **_in_conflict_of(claim),
        merged_into__isnull=True,
    )
    if claim.place_id is not None and not anywhere:
        incidents = incidents.filter(place_id=claim.place_id)
    found = list(incidents.exclude(claims__pk=claim.pk).order_by("pk").distinct()[:2])
    return found[0] if len(found) == 1 else None


def _undated_article(claim: Claim) -> bool:
    """The claim's article has no known publication date."""
    if claim.article_id is None:
        return False
    return (
        not Article.objects.filter(pk=claim.article_id)
        .exclude(published_at_source=Article.DateSource.UNKNOWN)
        .filter(published_at__isnull=False)
        .exists()
    )


def _by_the_system(row: Claim | Incident, reason: str | None = None) -> None:
    """Mark the next audit entry of a row as the engine's (no user), with its reason."""
    setattr(row, "_history_user", None)  # noqa: B010 (simple-history's hooks)
    if reason is not None:
        setattr(row, "_change_reason", reason)  # noqa: B010


def _attach(claim: Claim, incident: Incident) -> Incident:
    """Put the claim in the incident, with an audit entry of the engine's."""
    Claim.objects.filter(pk=claim.pk).update(incident=incident)
    claim.incident = incident
    # The grouping is the engine's, not whoever's edit set the check off: its own audit entry.
    _by_the_system(claim)
    Claim.history.bulk_history_create(
        [claim], update=True, default_change_reason=f"grouped into incident #{incident.pk}"
    )
    delattr(claim, "_history_user")
    return incident


def _placed_siblings_await_check(claim: Claim, family: tuple[str, ...]) -> bool:
    """Some claim of the claim's article in the same family, at a place narrower than a country or a
    region, is still to be checked and in no incident: the incident it finds or starts is the one a
    country-wide claim of that article belongs to, so the wide claim waits for it."""
    if claim.article_id is None:
        return False
    return any(
        family_of(kind=kind, act=act) == family
        for kind, act in Claim.objects.filter(
            article_id=claim.article_id,
            incident__isnull=True,
            place__isnull=False,
            check_pending__isnull=False,
            **_in_conflict_of(claim),
        )
        .exclude(place__kind__in=WIDE_PLACES)
        .exclude(pk=claim.pk)
        .values_list("kind", "act")
    )


def _pull_article_siblings(claim: Claim, incident: Incident) -> None:
    """Bring the article's ungrouped claims that belong with the incident's kind (denials of control
    with a capture, the others with violence) into its one incident of that family: its placeless
    accusations and denials, and its claims placed only in a country or region whose own dates do not
    keep them out.  Those claims are checked again (so the order the claims are checked in does not
    matter); a wide claim kept out is checked again too, and then starts its own incident."""
    if claim.article_id is None:
        return
    family = (IncidentKind.CAPTURE,) if incident.kind == IncidentKind.CAPTURE else VIOLENCE
    others = Incident.objects.filter(claims__article_id=claim.article_id, kind__in=family).exclude(
        pk=incident.pk
    )
    if others.exists():
        return
    ungrouped = (
        Claim.objects.filter(article_id=claim.article_id, incident__isnull=True, **_in_conflict_of(claim))
        .filter(Q(place__isnull=True, kind__in=PLACELESS_JOINERS) | Q(place__kind__in=WIDE_PLACES))
        .exclude(pk=claim.pk)
        .select_related("place")
    )
    joining: list[Claim] = []
    kept_out: list[int] = []
    for sibling in ungrouped:
        if family_of(kind=sibling.kind, act=sibling.act) != family:
            continue
        own_start, own_end = _own_window(sibling)
        # A placeless or undated sibling joins; a wide one joins unless its own dates keep it out.
        if (
            sibling.place_id is None
            or own_start is None
            or _fits(incident, sibling, *event_window(own_start, own_end, sibling.stated_at))
        ):
            joining.append(sibling)
        else:
            kept_out.append(sibling.pk)
    if not joining and not kept_out:
        return
    now = timezone.now()
    Claim.objects.filter(pk__in=[c.pk for c in joining]).update(incident=incident, changed_at=now)
    Claim.objects.filter(pk__in=kept_out).update(changed_at=now)
    # Their audit entries: partners' tombstones read the trail to know an incident was ever seen.
    for sibling in joining:
        sibling.incident, sibling.changed_at = incident, now
        _by_the_system(sibling)
    Claim.history.bulk_history_create(
        joining, update=True, default_change_reason=f"grouped into incident #{incident.pk} with its article"
    )
    claims_await_check(claim_ids=[c.pk for c in joining] + kept_out, changed_at=now)


def claim_group(*, claim: Claim) -> Incident | None:
    """Attach a claim without an incident to the matching incident, or start one; returns the incident.

    - A claim dated only by its article (no event window of its own, or one after the claim was made),
      and a claim whose date is not its event's day (a denial, a count of the missing), join the
      incident that its article's other claims at the same place are in, if there is one; a claim
      placed only in a country or region joins its article's one incident wherever it is.
    - A placeless accusation or denial joins the one incident its article's other claims are in (else
      it stays ungrouped and is matched as today, by place and time).
    - A claim of an undated article with no event window of its own is never matched by time.
    - Otherwise: an open incident of the same kind family and place whose window overlaps the claim's,
      leaving out incidents holding claims dated to other days, or a new incident.
    - A denial of control goes with captures, the other accusations and denials with strikes and
      assaults.

    Statements and claims already in an incident are left as they are.  The assignment is bookkeeping
    of the check (``changed_at`` is not touched), except for placeless claims of the article pulled into
    the incident, which are checked again.
    """
    if claim.incident_id is not None:
        return claim.incident
    family = family_of(kind=claim.kind, act=claim.act)
    if family is None:
        return None
    if claim.place_id is None:
        if claim.kind not in PLACELESS_JOINERS:
            return None
        with transaction.atomic():
            lock_block("incident-article", claim.article_id or 0)
            incident = _article_incident(claim, family)
            return _attach(claim, incident) if incident is not None else None
    with transaction.atomic():
        lock_block("incident-place", claim.place_id)
        event_start, event_end = _own_window(claim)
        start, end = event_window(event_start, event_end, claim.stated_at)
        wide = _wide_place(claim)
        if event_start is None or wide or not _pins_day(claim):
            incident = _article_incident(claim, family, anywhere=wide)
            if incident is not None and (event_start is None or _fits(incident, claim, start, end)):
                return _attach(claim, incident)
            if incident is None and wide and _placed_siblings_await_check(claim, family):
                return None  # the sibling's incident pulls it in (``_pull_article_siblings``)
            if event_start is None and _undated_article(claim):
                return None
        incident = _matching_incident(claim, family, start, end, place_id=claim.place_id)
        if incident is None:
            incident = _incident_start(claim, start, end)
        else:
            _window_widen(incident, claim, start, end)
        _attach(claim, incident)
        _pull_article_siblings(claim, incident)
    return incident


def _fits(incident: Incident, claim: Claim, start: datetime, end: datetime) -> bool:
    """A dated claim fits an incident when their windows meet and the incident is not dated to other
    days: a background date ("the offensive launched on 27 September") keeps it out."""
    if incident.window_start is not None and incident.window_start > end + WINDOW_SLACK:
        return False
    if incident.window_end is not None and incident.window_end < start - WINDOW_SLACK:
        return False
    return incident.pk not in _dated_elsewhere([incident.pk], claim)


def _matching_incident(
    claim: Claim, family: tuple[str, ...], start: datetime, end: datetime, *, place_id: int
) -> Incident | None:
    """The open incident of the family at the claim's place whose window meets ``[start, end]`` and
    nearest in start, leaving out incidents whose dated claims are all of other days."""
    matches = list(
        Incident.objects.filter(
            kind__in=family,
            place_id=place_id,
            **_in_conflict_of(claim),
            merged_into__isnull=True,
        )
        .filter(window_start__lte=end + WINDOW_SLACK)
        .filter(Q(window_end__gte=start - WINDOW_SLACK) | Q(window_end__isnull=True))
        .order_by("window_start", "id")[:20]
    )
    apart = _dated_elsewhere([i.pk for i in matches], claim)
    return min(
        (i for i in matches if i.pk not in apart),
        key=lambda i: abs((i.window_start or start) - start),
        default=None,
    )


def _incident_start(claim: Claim, start: datetime, end: datetime) -> Incident:
    """A new incident started by the claim, over its window, titled by kind, place and local day."""
    kind = incident_kind_for(claim_kind=claim.kind, act=claim.act)
    incident = Incident(
        conflict_id=claim.conflict_id,
        kind=kind,
        place_id=claim.place_id,
        window_start=start,
        window_end=end,
    )
    incident.title = incident_title(
        kind=kind, place_name=claim.place.name if claim.place else "", start=start, incident=incident
    )
    _by_the_system(incident, f"started by claim #{claim.pk}")
    incident.save()
    return incident


def _window_widen(incident: Incident, claim: Claim, start: datetime, end: datetime) -> None:
    """Widen the incident's window to take in ``[start, end]`` when it does not already."""
    if (incident.window_start is not None and incident.window_start > start) or (
        incident.window_end is not None and incident.window_end < end
    ):
        incident.window_start = min(incident.window_start or start, start)
        incident.window_end = max(incident.window_end or end, end)
        _by_the_system(incident, f"window widened for claim #{claim.pk}")
        incident.save(update_fields=["window_start", "window_end", "updated_at"])
