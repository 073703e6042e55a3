"""The world a corpus is generated into: the rows written so far, fresh ids, and the war's calendar."""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

from claims.models import Claim, Incident
from sources.models import Article

WAR_START = datetime(2020, 9, 27, tzinfo=UTC)
WAR_DAYS = 44
PLACELESS_SHARE = 0.002
DISAGREEMENT_PLACELESS_SHARE = 0.02
STATEMENT_SHARE = 0.05

CLAIM_COLUMNS = [str(f.column) for f in Claim._meta.concrete_fields]
INCIDENT_COLUMNS = [str(f.column) for f in Incident._meta.concrete_fields]
ARTICLE_COLUMNS = [str(f.column) for f in Article._meta.concrete_fields]


@dataclass
class World:
    rng: random.Random
    run: str
    now: datetime
    parties: dict[str, list[int]]
    forces: dict[str, int]
    flat: list[int]
    planted_units: list[int]
    places: list[int]
    articles: list[int]
    next_claim: int
    next_incident: int
    conflict_id: int | None = None
    used_articles: int = 0
    disagreement: bool = False
    claims: list[tuple] = field(default_factory=list)
    incidents: list[tuple] = field(default_factory=list)
    planted: list[tuple[int, int, str]] = field(default_factory=list)
    updates: list[tuple[int, int]] = field(default_factory=list)

    def claim(self, **values: Any) -> int:
        claim_id = self.next_claim
        self.next_claim += 1
        row = {
            "id": claim_id,
            "article_id": None,
            "quote": "",
            "quote_start": None,
            "quote_end": None,
            "relayed_by_id": None,
            "polarity": "asserts",
            "incident_id": None,
            "conflict_id": self.conflict_id,
            "place_id": None,
            "event_start": None,
            "event_end": None,
            "killed_min": None,
            "killed_max": None,
            "wounded_min": None,
            "wounded_max": None,
            "displaced_min": None,
            "displaced_max": None,
            "missing_min": None,
            "missing_max": None,
            "victim_group": "unspecified",
            "accused_id": None,
            "act": "",
            "controller_id": None,
            "status": "pending",
            "origin": "extractor",
            "submitted_by_id": None,
            "reviewed_by_id": None,
            "reviewed_at": None,
            "changed_at": self.now,
            "created_at": self.now,
            "updated_at": self.now,
        }
        row.update(values)
        if "article_id" not in values:
            row["article_id"] = self.article()
        self.claims.append(tuple(row[column] for column in CLAIM_COLUMNS))
        return claim_id

    def incident(self, *, kind: str, place_id: int, start: datetime, end: datetime) -> int:
        incident_id = self.next_incident
        self.next_incident += 1
        row = {
            "id": incident_id,
            "title": f"{kind} {incident_id} {self.run}",
            "conflict_id": self.conflict_id,
            "kind": kind,
            "place_id": place_id,
            "window_start": start,
            "window_end": end,
            "grade": "weak",
            "killed_low": None,
            "killed_high": None,
            "wounded_low": None,
            "wounded_high": None,
            "published_grade": "weak",
            "published_killed_low": None,
            "published_killed_high": None,
            "published_wounded_low": None,
            "published_wounded_high": None,
            "merged_into_id": None,
            "created_at": self.now,
            "updated_at": self.now,
        }
        self.incidents.append(tuple(row[column] for column in INCIDENT_COLUMNS))
        return incident_id

    def article(self) -> int | None:
        """A fresh article (articles are about one event: claims of unrelated events never share one,
        or the engine would rightly read a placeless denial as answering its article's incident)."""
        if self.used_articles >= len(self.articles):
            return None
        self.used_articles += 1
        return self.articles[self.used_articles - 1]

    def moment(self) -> datetime:
        return WAR_START + timedelta(days=self.rng.randrange(WAR_DAYS), hours=self.rng.randrange(24))


def max_id(model, using: str) -> int:
    last = model.objects.using(using).order_by("-pk").values_list("pk", flat=True).first()
    return last or 0
