"""What every part of the pack loader shares: the model namespace it writes through and its outcome."""

from __future__ import annotations

from dataclasses import dataclass, field
from types import SimpleNamespace

from sources import models as source_models


def real_models() -> SimpleNamespace:
    """The model classes the loader writes; data migrations pass their historical ones instead."""
    names = ("Conflict", "ConflictSide", "PartySide", "Party", "PartyAlias", "Place", "PlaceAlias")
    return SimpleNamespace(**{name: getattr(source_models, name) for name in names})


def historical_models(apps) -> SimpleNamespace:
    """The loader's model namespace for a data migration."""
    names = ("Conflict", "ConflictSide", "PartySide", "Party", "PartyAlias", "Place", "PlaceAlias")
    return SimpleNamespace(**{name: apps.get_model("sources", name) for name in names})


@dataclass
class LoadOutcome:
    """What a pack load changed (all zero when the pack was loaded before, unchanged)."""

    conflict: str
    created: dict[str, int] = field(default_factory=dict)
    updated: dict[str, int] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)

    def count(self, bucket: str, what: str, n: int = 1) -> None:
        target = self.created if bucket == "created" else self.updated
        target[what] = target.get(what, 0) + n

    @property
    def changed(self) -> bool:
        return any(self.created.values()) or any(self.updated.values())

    def summary(self) -> str:
        parts = [f"{n} {what} created" for what, n in sorted(self.created.items()) if n]
        parts += [f"{n} {what} updated" for what, n in sorted(self.updated.items()) if n]
        summary = f"{self.conflict}: " + (", ".join(parts) if parts else "unchanged")
        return summary + "".join(f"\n  note: {note}" for note in self.notes)
