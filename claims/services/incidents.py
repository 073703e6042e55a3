"""Writes for incidents: grouping claims into incidents, reviewers' merge and split, cached figures.

A claim with a place and an event kind is attached to an open incident of the same kind family at the
same place whose window overlaps the claim's (aliases are already resolved to one Place), or starts a
new one.  Merge and split move claims between incidents; the moved claims are marked changed and
re-checked after commit, which also closes contradictions that no longer hold.
"""

from __future__ import annotations

import zlib
from collections.abc import Iterable
from datetime import datetime, timedelta
from typing import Any

from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.db.models import Q
from django.utils import timezone

from claims.contradictions.facts import WINDOW_SLACK, event_window
from claims.incident_titles import incident_title
from claims.models import Claim, ClaimKind, Incident, IncidentKind
from claims.services.checks import enqueue_claim_checks
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


def lock_block(namespace: str, key: int, *, relax_commit: bool = False) -> None:
    """Serialise writers of one block (an incident, a place) until the transaction ends (PostgreSQL only).

    Two workers grouping claims of the same new event would otherwise both create an incident.
    ``relax_commit`` also lets the transaction commit without waiting for the WAL flush, in the same
    round trip (for derived data that the sweep would rebuild if a crash lost it).
    """
    if connection.vendor != "postgresql":
        return
    relax = "SET LOCAL synchronous_commit = off; " if relax_commit else ""
    with connection.cursor() as cursor:
        cursor.execute(
            f"{relax}SELECT pg_advisory_xact_lock(%s, %s)", [zlib.crc32(namespace.encode()) & 0x7FFFFFFF, key]
        )


def incident_kind_for(*, claim_kind: str, act: str = "") -> str:
    """The kind of a new incident started by a claim: capture for control, else guessed from the act."""
    if claim_kind == ClaimKind.CONTROL:
        return IncidentKind.CAPTURE
    lowered = act.lower()
    for words, kind in _ACT_KINDS:
        if any(word in lowered for word in words):
            return kind
    return IncidentKind.STRIKE


# Claim kinds that join the incident of their article's other claims when they name no place ("the
# ministry called it a lie"): they answer what the article is about.
PLACELESS_JOINERS = (ClaimKind.ACCUSATION, ClaimKind.DENIAL)


def _local_days(start: datetime, end: datetime | None, tz) -> set:
    first, last = start.astimezone(tz).date(), (end or start).astimezone(tz).date()
    return {first + timedelta(days=n) for n in range((last - first).days + 1)} if last >= first else {first}


def _dated_elsewhere(incident_ids: list[int], claim: Claim) -> set[int]:
    """Incidents whose dated claims are all dated to other days than the claim's (in the conflict's
    time zone).

    Two strikes on one town on consecutive days are two incidents, however near their windows are.
    """
    claim_start = claim.event_start
    if claim_start is None or not incident_ids:
        return set()
    tz = conflict_timezone(claim.conflict_id)
    days = _local_days(claim_start, claim.event_end, tz)
    dated, meeting = set(), set()
    for incident_id, start, end in Claim.objects.filter(
        incident_id__in=incident_ids, event_start__isnull=False
    ).values_list("incident_id", "event_start", "event_end"):
        dated.add(incident_id)
        if incident_id not in meeting and start is not None and _local_days(start, end, tz) & days:
            meeting.add(incident_id)
    return dated - meeting


def _in_conflict_of(claim: Claim) -> dict[str, Any]:
    """The lookup for rows of the claim's conflict (none: rows with no conflict)."""
    return {"conflict_id": claim.conflict_id}


def _article_incident(claim: Claim, family: tuple[str, ...]) -> Incident | None:
    """The one incident of the family that the other claims of the claim's article are in (at its place
    when it has one); None when they are in none or in several."""
    if claim.article_id is None:
        return None
    incidents = Incident.objects.filter(
        claims__article_id=claim.article_id,
        kind__in=family,
        **_in_conflict_of(claim),
        merged_into__isnull=True,
    )
    if claim.place_id is not None:
        incidents = incidents.filter(place_id=claim.place_id)
    found = list(incidents.exclude(claims__pk=claim.pk).order_by("pk").distinct()[:2])
    return found[0] if len(found) == 1 else None


def _undated_article(claim: Claim) -> bool:
    if claim.article_id is None:
        return False
    from sources.models import Article

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
    Claim.objects.filter(pk=claim.pk).update(incident=incident)
    claim.incident = incident
    # The grouping is the engine's, not whoever's edit set the check off: its own audit entry.
    _by_the_system(claim)
    Claim.history.bulk_history_create(
        [claim], update=True, default_change_reason=f"grouped into incident #{incident.pk}"
    )
    delattr(claim, "_history_user")
    return incident


def _pull_placeless_siblings(claim: Claim, incident: Incident) -> None:
    """Bring the article's ungrouped placeless accusations and denials into its one incident, and have
    them checked again (so the order the claims are checked in does not matter)."""
    if claim.article_id is None or incident.kind == IncidentKind.CAPTURE:
        return
    others = Incident.objects.filter(claims__article_id=claim.article_id, kind__in=VIOLENCE).exclude(
        pk=incident.pk
    )
    if others.exists():
        return
    siblings = list(
        Claim.objects.filter(
            article_id=claim.article_id,
            incident__isnull=True,
            place__isnull=True,
            kind__in=PLACELESS_JOINERS,
            **_in_conflict_of(claim),
        )
        .exclude(pk=claim.pk)
        .values_list("pk", flat=True)
    )
    if siblings:
        Claim.objects.filter(pk__in=siblings).update(incident=incident, changed_at=timezone.now())
        # Their audit entries: partners' tombstones read the trail to know an incident was ever seen.
        pulled = list(Claim.objects.filter(pk__in=siblings))
        for sibling in pulled:
            _by_the_system(sibling)
        Claim.history.bulk_history_create(
            pulled,
            update=True,
            default_change_reason=f"grouped into incident #{incident.pk} with its article",
        )
        enqueue_claim_checks(siblings)


def claim_group(*, claim: Claim) -> Incident | None:
    """Attach a claim without an incident to the matching incident, or start one; returns the incident.

    - A claim dated only by its article (no event window of its own) joins the incident that its
      article's other claims at the same place are in, if there is one.
    - A placeless accusation or denial joins the one incident its article's other claims are in (else
      it stays ungrouped and is matched as today, by place and time).
    - A claim of an undated article with no event window of its own is never matched by time.
    - Otherwise: an open incident of the same kind family and place whose window overlaps the claim's,
      leaving out incidents holding claims dated to other days, or a new incident.

    Statements and claims already in an incident are left as they are.  The assignment is bookkeeping
    of the check (``changed_at`` is not touched), except for placeless claims of the article pulled into
    the incident, which are checked again.
    """
    if claim.incident_id is not None:
        return claim.incident
    family = KIND_FAMILIES.get(ClaimKind(claim.kind))
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
        if claim.event_start is None:
            incident = _article_incident(claim, family)
            if incident is not None:
                return _attach(claim, incident)
            if _undated_article(claim):
                return None
        start, end = event_window(claim.event_start, claim.event_end, claim.stated_at)
        matches = list(
            Incident.objects.filter(
                kind__in=family,
                place_id=claim.place_id,
                **_in_conflict_of(claim),
                merged_into__isnull=True,
            )
            .filter(window_start__lte=end + WINDOW_SLACK)
            .filter(Q(window_end__gte=start - WINDOW_SLACK) | Q(window_end__isnull=True))
            .order_by("window_start", "id")[:20]
        )
        apart = _dated_elsewhere([i.pk for i in matches], claim)
        incident = min(
            (i for i in matches if i.pk not in apart),
            key=lambda i: abs((i.window_start or start) - start),
            default=None,
        )
        if incident is None:
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
        elif (incident.window_start is not None and incident.window_start > start) or (
            incident.window_end is not None and incident.window_end < end
        ):
            incident.window_start = min(incident.window_start or start, start)
            incident.window_end = max(incident.window_end or end, end)
            _by_the_system(incident, f"window widened for claim #{claim.pk}")
            incident.save(update_fields=["window_start", "window_end", "updated_at"])
        _attach(claim, incident)
        _pull_placeless_siblings(claim, incident)
    return incident


def incidents_refresh(*, incident_ids: Iterable[int]) -> int:
    """Recompute the cached casualty range and the grade of the given incidents; returns how many changed.

    Range (Airwars): lowest and highest figure any source gave, over asserting claims not rejected; the
    low end is the conservative figure (ACLED).  Grade, strongest first: discounted (every claim
    rejected), confirmed (the accused side itself accuses its own), contested (accusations against
    both sides, or control claimed for parties under different roots), fair (claimants under two or
    more root parties: independent sources), weak (one).  The ``published_`` figures, which partners
    read, are the same over the published claims only.  One set-based UPDATE per 500 incidents,
    writing only the rows whose figures changed.
    """
    ids = sorted(set(incident_ids))
    changed = 0
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        changed += _refresh(", ".join(["%s"] * len(chunk)), chunk)
    return changed


def incidents_refresh_of_claims(*, lo: int, hi: int, claims_sql: str, params: list) -> int:
    """Refresh, in one statement, the incidents of the claims with ids in ``[lo, hi]`` that meet
    ``claims_sql`` (a condition on ``claims_claim``); the rescan's per-block refresh (see
    ``incidents_refresh`` for the figures); returns how many changed."""
    ids_sql = (
        "SELECT DISTINCT incident_id FROM claims_claim "  # noqa: S608 (fixed fragments; values are parameters)
        f"WHERE id BETWEEN %s AND %s AND incident_id IS NOT NULL AND ({claims_sql})"
    )
    return _refresh(ids_sql, [lo, hi, *params])


_FIGURES_SQL = """
        MIN(c.killed_min) FILTER (WHERE {figure}) AS {p}k_low,
        MAX(COALESCE(c.killed_max, c.killed_min)) FILTER (WHERE {figure}) AS {p}k_high,
        MIN(c.wounded_min) FILTER (WHERE {figure}) AS {p}w_low,
        MAX(COALESCE(c.wounded_max, c.wounded_min)) FILTER (WHERE {figure}) AS {p}w_high,
        CASE
            WHEN COUNT(c.id) FILTER (WHERE {seen}) > 0 AND COUNT(c.id) FILTER (WHERE {live}) = 0 THEN 'discounted'
            WHEN COUNT(c.id) FILTER (WHERE {blame} AND sc.side_id = sa.side_id AND bs.kind = 'belligerent') > 0
                THEN 'confirmed'
            WHEN EXISTS (
                SELECT 1 FROM claims_claim c1
                JOIN claims_claim c2 ON c2.incident_id = i.id
                JOIN sources_partyside s1 ON s1.party_id = c1.accused_id AND s1.conflict_id = c1.conflict_id
                JOIN sources_partyside s2 ON s2.party_id = c2.accused_id AND s2.conflict_id = c2.conflict_id
                JOIN sources_conflictside_opposes o
                     ON o.from_conflictside_id = s1.side_id AND o.to_conflictside_id = s2.side_id
                WHERE c1.incident_id = i.id AND c1.kind = 'accusation' AND c2.kind = 'accusation'
                  AND {live_c1} AND {live_c2}
                  AND c1.polarity = 'asserts' AND c2.polarity = 'asserts') THEN 'contested'
            WHEN COUNT(DISTINCT sk.side_id) FILTER (WHERE {held} AND ks.kind = 'belligerent') >= 2 THEN 'contested'
            WHEN COUNT(DISTINCT {claimant_root}) FILTER (WHERE {live}) >= 2 THEN 'fair'
            ELSE 'weak'
        END AS {p}grade"""
_COLUMNS = ("killed_low", "killed_high", "wounded_low", "wounded_high", "grade")
_ALIASES = ("k_low", "k_high", "w_low", "w_high", "grade")
_REFRESH_SQL = """
UPDATE claims_incident SET {assignments}, updated_at = %s
FROM (
    SELECT i.id,{figures}
    FROM claims_incident i
    LEFT JOIN claims_claim c ON c.incident_id = i.id
    LEFT JOIN sources_party pc ON pc.id = c.claimant_id
    LEFT JOIN sources_partyside sc ON sc.party_id = c.claimant_id AND sc.conflict_id = c.conflict_id
    LEFT JOIN sources_partyside sa ON sa.party_id = c.accused_id AND sa.conflict_id = c.conflict_id
    LEFT JOIN sources_conflictside bs ON bs.id = sa.side_id
    LEFT JOIN sources_partyside sk ON sk.party_id = c.controller_id AND sk.conflict_id = c.conflict_id
    LEFT JOIN sources_conflictside ks ON ks.id = sk.side_id
    WHERE i.id IN ({ids})
    GROUP BY i.id
) s
WHERE claims_incident.id = s.id AND ({changed})
RETURNING claims_incident.id
"""
# (column prefix, the claims that count as seen, the claims that count as live): the cached figures
# over every claim not rejected; the ``published_`` ones, which partners read, over published claims
# only (claims.selectors.claims: shared artefacts are built over published data).
_VARIANTS = (
    ("", "TRUE", "{c}.status <> 'rejected'"),
    ("published_", "c.status = 'verified'", "{c}.status = 'verified'"),
)


def _root_sql(alias: str) -> str:
    """SQL for the root of a party's tree (its first ``tree_path`` id): "independent" sources are told
    apart by root party, so two ministries of one state are one source, and a relay (the claimant is
    the original speaker) never counts as a second source."""
    if connection.vendor == "postgresql":
        first = f"split_part({alias}.tree_path, '/', 2)"
    else:
        first = f"substr({alias}.tree_path, 2, instr(substr({alias}.tree_path, 2), '/') - 1)"
    return f"COALESCE(NULLIF({first}, ''), CAST({alias}.id AS TEXT))"


def _refresh_sql(ids_sql: str) -> str:
    figures, assignments, changed = [], [], []
    for prefix, seen, live_of in _VARIANTS:
        live = live_of.format(c="c")
        figures.append(
            _FIGURES_SQL.format(
                p=prefix,
                seen=f"c.id IS NOT NULL AND {seen}",
                live=live,
                live_c1=live_of.format(c="c1"),
                live_c2=live_of.format(c="c2"),
                claimant_root=_root_sql("pc"),
                held=f"{live} AND c.kind = 'control' AND c.polarity = 'asserts' AND c.controller_id IS NOT NULL",
                figure=f"{live} AND c.kind = 'casualty' AND c.polarity = 'asserts'",
                blame=f"{live} AND c.kind = 'accusation' AND c.polarity = 'asserts'",
            )
        )
        for column, alias in zip(_COLUMNS, _ALIASES, strict=True):
            assignments.append(f"{prefix}{column} = s.{prefix}{alias}")
            changed.append(f"claims_incident.{prefix}{column} IS DISTINCT FROM s.{prefix}{alias}")
    return _REFRESH_SQL.format(
        assignments=", ".join(assignments),
        figures=",".join(figures),
        changed=" OR ".join(changed),
        ids=ids_sql,
    )


def _refresh(ids_sql: str, params: list) -> int:
    """Run the refresh over the incidents ``ids_sql`` yields, and write the audit entries of those
    whose figures changed, set-based (one INSERT ... SELECT per 5,000)."""
    with connection.cursor() as cursor:
        cursor.execute(_refresh_sql(ids_sql), [timezone.now(), *params])
        changed = [row[0] for row in cursor.fetchall()]
    for start in range(0, len(changed), 5000):
        _history_of_recomputed(changed[start : start + 5000])
    return len(changed)


_RECOMPUTED = "figures and grade recomputed from its claims"


def _history_of_recomputed(ids: list[int]) -> None:
    """One audit entry per incident whose cached figures or grade the refresh changed (by the system,
    no user), copied from the rows in one statement."""
    history = Incident.history.model
    columns = [str(field.column) for field in Incident._meta.concrete_fields]
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {history._meta.db_table} ({', '.join(columns)}, history_date, "  # noqa: S608
            f"history_change_reason, history_type, history_user_id) "
            f"SELECT {', '.join(columns)}, %s, %s, '~', NULL FROM {Incident._meta.db_table} "
            f"WHERE id IN ({', '.join(['%s'] * len(ids))})",
            [timezone.now(), _RECOMPUTED, *ids],
        )


def _window_of(claims: Iterable[Claim]) -> tuple[datetime | None, datetime | None]:
    windows = [event_window(c.event_start, c.event_end, c.stated_at) for c in claims]
    if not windows:
        return None, None
    return min(w[0] for w in windows), max(w[1] for w in windows)


def _move_claims(claim_ids: list[int], incident: Incident) -> None:
    """Move claims to an incident, marking them changed so their check runs again (and the sweep knows)."""
    now = timezone.now()
    for claim in Claim.objects.filter(pk__in=claim_ids):
        claim.incident = incident
        claim.changed_at = now
        setattr(claim, "_change_reason", f"incident: moved to #{incident.pk}")  # noqa: B010 (simple-history's hook)
        claim.save(update_fields=["incident", "changed_at", "updated_at"])
    enqueue_claim_checks(claim_ids)


@transaction.atomic
def incident_merge(*, target: Incident, others: Iterable[Incident]) -> Incident:
    """Merge incidents a reviewer says are one event into ``target``; their claims move and are re-checked.

    The merged incidents are kept, pointing at the target (``merged_into``), so links to them still resolve.
    """
    others = [other for other in others if other.pk != target.pk]
    if not others:
        return target
    if any(other.merged_into_id is not None for other in others) or target.merged_into_id is not None:
        raise ValidationError({"others": "An incident that was already merged cannot be merged again."})
    other_ids = [other.pk for other in others]
    # Saved below: the stored figures, not the ones the caller loaded, go into the audit trail.
    target.refresh_from_db()
    moved = list(Claim.objects.filter(incident_id__in=other_ids).values_list("pk", flat=True))
    _move_claims(moved, target)
    Incident.objects.filter(pk__in=other_ids).update(merged_into=target, updated_at=timezone.now())
    Incident.history.bulk_history_create(
        list(Incident.objects.filter(pk__in=other_ids)),
        update=True,
        default_change_reason=f"merged into #{target.pk}",
    )
    start, end = _window_of(Claim.objects.filter(incident=target))
    incidents = [target, *others]
    starts = [i.window_start for i in incidents if i.window_start] + ([start] if start else [])
    ends = [i.window_end for i in incidents if i.window_end] + ([end] if end else [])
    target.window_start = min(starts) if starts else None
    target.window_end = max(ends) if ends else None
    target.full_clean()
    _by_the_system_reason = f"merged #{', #'.join(map(str, other_ids))} into it"
    setattr(target, "_change_reason", _by_the_system_reason)  # noqa: B010 (simple-history's hook)
    target.save()
    incidents_refresh(incident_ids=[target.pk, *other_ids])
    target.refresh_from_db()
    return target


@transaction.atomic
def incident_split(*, incident: Incident, claim_ids: Iterable[int], title: str = "") -> Incident:
    """Move the given claims of an incident to a new incident of the same kind and place; returns it.

    Both incidents' windows and figures are recomputed; the moved claims are re-checked, which closes
    the contradictions that paired them with claims left behind.
    """
    ids = set(claim_ids)
    members = set(Claim.objects.filter(incident=incident).values_list("pk", flat=True))
    if not ids:
        raise ValidationError({"claim_ids": "Choose at least one claim to split off."})
    if not ids <= members:
        raise ValidationError({"claim_ids": "Only claims of this incident can be split off."})
    if ids == members:
        raise ValidationError({"claim_ids": "Leave at least one claim in the incident."})
    incident.refresh_from_db()
    moving = list(Claim.objects.filter(pk__in=ids))
    start, end = _window_of(moving)
    new = Incident(
        kind=incident.kind,
        place_id=incident.place_id,
        window_start=start,
        window_end=end,
        title=title or f"{incident} (split)",
    )
    new.full_clean()
    new.save()
    _move_claims(sorted(ids), new)
    start, end = _window_of(Claim.objects.filter(incident=incident))
    incident.window_start, incident.window_end = start, end
    incident.save(update_fields=["window_start", "window_end", "updated_at"])
    incidents_refresh(incident_ids=[incident.pk, new.pk])
    new.refresh_from_db()
    return new
