"""The report's tables by party: which top-level parties contradict each other, and claims per day."""

from __future__ import annotations

from collections import defaultdict
from datetime import date

from django.db.models import Count, F, Q
from django.db.models.functions import TruncDate

from claims.models import ContradictionKind
from reports.selectors.scope import PARTY_PAIRS_LIMIT, ReportScope, claims_counted, contradictions_reported
from sources.models import Party
from sources.selectors import UNKNOWN_SIDE_COLOUR, party_sides_display


def party_pair_counts(scope: ReportScope) -> list[dict]:
    """Contradictions about the period's events counted per kind and pair of claimants."""
    return [
        dict(row)
        for row in contradictions_reported(scope)
        .filter(scope.contradiction_events_in_period())
        .values("kind", a=F("claim_a__claimant_id"), b=F("claim_b__claimant_id"))
        .annotate(n=Count("id"))
        .order_by()
    ]


def claims_per_claimant_day(scope: ReportScope) -> list[dict]:
    """Claims stated in the period counted per day and claimant."""
    return [
        dict(row)
        for row in claims_counted(scope)
        .filter(stated_at__gte=scope.start, stated_at__lt=scope.end)
        .annotate(day=TruncDate("stated_at"))
        .values("day", "claimant_id")
        .annotate(n=Count("id"))
        .order_by()
    ]


class PartyIndex:
    """Names and top-level parties for the claimants a report mentions, loaded in one query."""

    def __init__(self, party_ids: set[int]):
        parties = Party.objects.filter(Q(id__in=party_ids) | Q(parent__isnull=True)).only(
            "id", "name", "tree_path", "parent_id"
        )
        self.by_id = {party.id: party for party in parties}
        display = party_sides_display(party_ids=self.by_id)
        self.sides = {pid: slug for pid, (slug, _) in display.items()}
        self.colours = {pid: colour for pid, (_, colour) in display.items()}

    def root(self, party_id: int) -> Party | None:
        party = self.by_id.get(party_id)
        if party is None:
            return None
        head = party.tree_path.strip("/").split("/")[0] if party.tree_path else ""
        return self.by_id.get(int(head)) if head.isdigit() and int(head) in self.by_id else party

    def name(self, party_id: int) -> str:
        party = self.by_id.get(party_id)
        return party.name if party else f"Party #{party_id}"


def party_pairs(*, pair_counts: list[dict], parties: PartyIndex) -> dict:
    """Which parties contradict each other most, claimants mapped to their top-level party.

    A ministry and its spokesperson both count as their state, so the table reads state against state
    rather than scattering one dispute over every spokesperson; each side in its pack's colour.
    """
    pairs: dict[tuple[str, str], dict] = {}
    for row in pair_counts:
        names = []
        for party_id in (row["a"], row["b"]):
            root = parties.root(party_id)
            if root is None:
                names.append((parties.name(party_id), "unknown", UNKNOWN_SIDE_COLOUR))
            else:
                colour = parties.colours.get(root.id, UNKNOWN_SIDE_COLOUR)
                names.append((root.name, parties.sides.get(root.id, "unknown"), colour))
        (name_a, side_a, colour_a), (name_b, side_b, colour_b) = sorted(names)
        entry = pairs.setdefault(
            (name_a, name_b),
            {
                "party_a": name_a,
                "side_a": side_a,
                "colour_a": colour_a,
                "party_b": name_b,
                "side_b": side_b,
                "colour_b": colour_b,
                "count": 0,
                "by_kind": {},
            },
        )
        entry["count"] += row["n"]
        entry["by_kind"][row["kind"]] = entry["by_kind"].get(row["kind"], 0) + row["n"]
    rows = sorted(pairs.values(), key=lambda e: (-e["count"], e["party_a"], e["party_b"]))
    for entry in rows:
        entry["kinds"] = [
            {"kind": kind, "label": ContradictionKind(kind).label, "count": n}
            for kind, n in sorted(entry["by_kind"].items())
        ]
    return {
        "grouping": "top-level party (claimants mapped to the root of the party tree)",
        "rows": rows[:PARTY_PAIRS_LIMIT],
    }


def claims_per_party_per_day(*, scope: ReportScope, day_counts: list[dict], parties: PartyIndex) -> dict:
    """Published claims stated per day by each top-level party."""
    counts: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for row in day_counts:
        root = parties.root(row["claimant_id"])
        name = root.name if root else parties.name(row["claimant_id"])
        day = row["day"] if isinstance(row["day"], date) else date.fromisoformat(str(row["day"]))
        counts[name][day.isoformat()] += row["n"]
    names = sorted(counts, key=lambda n: (-sum(counts[n].values()), n))
    days = [d.isoformat() for d in scope.days]
    return {
        "grouping": "top-level party",
        "days": days,
        "parties": names,
        "rows": [
            {"party": n, "day": d, "count": counts[n][d]} for n in names for d in days if counts[n].get(d)
        ],
        "totals": {n: sum(counts[n].values()) for n in names},
    }
