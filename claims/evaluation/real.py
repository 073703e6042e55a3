"""Scoring the extractor on a real-text set: a manifest, an answer file and a folder of texts.

The real set (``claims/evaluation/real/``) holds excerpts of public reports that nobody here
wrote; their texts are third-party and live outside git (``data/evaluation/real/<id>.txt``), so
the manifest records each file's address, outlet, date and sha256 and the scorer refuses a text
whose hash differs (the answers were written for that exact text).

Matching is by location, so each value is scored on its own: a found claim matches an expected
one when it comes from the same excerpt, has the same kind and its quote covers the expected
snippet.  Of the matched claims it then counts

- claimant side: the side of the party the extractor named (walking up the party tree; a new outlet
  is a third party, as the product makes it; any other new, unplaced party is "unknown" and counts as
  wrong), against the answer's ``claimant_side``;
- accused: for accusations the side of the accused party, for control claims the side of the
  controller, against ``accused_side`` / ``controller_side``;
- figures: for casualty claims every interval (killed, wounded, displaced, missing) equal to the
  answer's, and the measures the answer does not give empty.

Scores are reported per kind, per part (dev / blind / blind2) and per conflict.  A blind part is
scored only when asked for by name.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from claims.evaluation.runner import (
    KINDS,
    MEASURES,
    LexiconSource,
    candidate_describe,
    extract_scored,
    interval,
    lexicon_for,
    read_text_file,
)
from claims.extraction import Candidate, Lexicon, NewParty, PartyRef
from sources.conflicts.sides import MEDIA

REAL_DIR = Path(__file__).resolve().parent / "real"
UNKNOWN_SIDE = "unknown"
THIRD_PARTIES = "third-parties"


class EvaluationSetError(Exception):
    """The set cannot be scored as given (missing text, changed text, answers that do not fit)."""


@dataclass
class Score:
    """Counts behind precision, recall and the three value accuracies of one group of claims."""

    expected: int = 0
    found: int = 0
    matched: int = 0
    side_right: int = 0
    accused_total: int = 0
    accused_right: int = 0
    figures_total: int = 0
    figures_right: int = 0

    def add(self, other: Score) -> None:
        for name in self.__dataclass_fields__:
            setattr(self, name, getattr(self, name) + getattr(other, name))

    @property
    def precision(self) -> float | None:
        return self.matched / self.found if self.found else None

    @property
    def recall(self) -> float | None:
        return self.matched / self.expected if self.expected else None

    @property
    def side_accuracy(self) -> float | None:
        return self.side_right / self.matched if self.matched else None

    @property
    def accused_accuracy(self) -> float | None:
        return self.accused_right / self.accused_total if self.accused_total else None

    @property
    def figure_accuracy(self) -> float | None:
        return self.figures_right / self.figures_total if self.figures_total else None

    def as_dict(self) -> dict[str, Any]:
        ratios = ("precision", "recall", "side_accuracy", "accused_accuracy", "figure_accuracy")
        return {
            **{name: getattr(self, name) for name in self.__dataclass_fields__},
            **{name: _round(getattr(self, name)) for name in ratios},
        }


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 3)


@dataclass
class SetReport:
    """Scores keyed by (part, conflict, kind), with the lines a developer reads to improve them."""

    cells: dict[tuple[str, str, str], Score] = field(default_factory=dict)
    misses: list[str] = field(default_factory=list)
    false_positives: list[str] = field(default_factory=list)
    wrong_values: list[str] = field(default_factory=list)
    excerpts: int = 0

    def cell(self, part: str, conflict: str, kind: str) -> Score:
        return self.cells.setdefault((part, conflict, kind), Score())

    def total(
        self, *, part: str | None = None, conflict: str | None = None, kind: str | None = None
    ) -> Score:
        """The sum over every cell that matches the given part, conflict and kind (None = any)."""
        total = Score()
        for (cell_part, cell_conflict, cell_kind), score in self.cells.items():
            if part in (None, cell_part) and conflict in (None, cell_conflict) and kind in (None, cell_kind):
                total.add(score)
        return total

    @property
    def parts(self) -> list[str]:
        return sorted({key[0] for key in self.cells})

    @property
    def conflicts(self) -> list[str]:
        return sorted({key[1] for key in self.cells})

    def table(self) -> str:
        """Per part: one row per kind and one per conflict, then the total."""
        header = (
            f"{'':<30}{'expected':>9}{'found':>7}{'matched':>8}{'precision':>10}{'recall':>8}"
            f"{'side':>7}{'accused':>9}{'figures':>9}"
        )
        lines = []
        for part in self.parts:
            lines += [f"part: {part}", header]
            rows = [(kind, self.total(part=part, kind=kind)) for kind in KINDS]
            rows += [(conflict, self.total(part=part, conflict=conflict)) for conflict in self.conflicts]
            rows.append(("all", self.total(part=part)))
            for label, score in rows:
                lines.append(_row(label, score))
            lines.append("")
        return "\n".join(lines).rstrip()

    def as_dict(self) -> dict[str, Any]:
        by_part = {}
        for part in self.parts:
            by_part[part] = {
                "all": self.total(part=part).as_dict(),
                "kinds": {kind: self.total(part=part, kind=kind).as_dict() for kind in KINDS},
                "conflicts": {c: self.total(part=part, conflict=c).as_dict() for c in self.conflicts},
            }
        return {"excerpts": self.excerpts, "parts": by_part}


def _cell(value: float | None, width: int) -> str:
    return f"{'-':>{width}}" if value is None else f"{value:>{width}.2f}"


def _row(label: str, score: Score) -> str:
    return (
        f"{label:<30}{score.expected:>9}{score.found:>7}{score.matched:>8}"
        f"{_cell(score.precision, 10)}{_cell(score.recall, 8)}{_cell(score.side_accuracy, 7)}"
        f"{_cell(score.accused_accuracy, 9)}{_cell(score.figure_accuracy, 9)}"
    )


# --- sides of what the extractor names ---------------------------------------------------------------


def normalize_side(side: str | None) -> str:
    """Side slugs compared loosely: 'third_party' and 'third-parties' are the same side."""
    if not side:
        return UNKNOWN_SIDE
    slug = side.strip().lower().replace("_", "-")
    return THIRD_PARTIES if slug in ("third-party", "third-parties") else slug


def side_of(lexicon: Lexicon, ref: PartyRef | None) -> str:
    """The side of a party the extractor named, as the product stores it: a new party takes its parent's
    side, if it has one, and a new outlet under no parent is a third party in every conflict (what
    ``sources.conflicts.sides.party_sides_inherit`` gives it when the row is made)."""
    if isinstance(ref, NewParty) and ref.parent_id is None and ref.kind == MEDIA:
        return THIRD_PARTIES
    party_id = ref.parent_id if isinstance(ref, NewParty) else ref
    while party_id is not None and party_id in lexicon.parties:
        entry = lexicon.parties[party_id]
        if normalize_side(entry.side) != UNKNOWN_SIDE:
            return normalize_side(entry.side)
        party_id = entry.parent_id
    return UNKNOWN_SIDE


def _name(lexicon: Lexicon, ref: PartyRef | None) -> str | None:
    if ref is None:
        return None
    if isinstance(ref, NewParty):
        return f"{ref.name} (new)"
    return lexicon.parties[ref].name


# --- scoring -----------------------------------------------------------------------------------------


def _figures_right(expected: dict[str, Any], found: Candidate) -> bool:
    return all(interval(getattr(found, m)) == expected.get(m) for m in MEASURES)


def _accused_expected(expected: dict[str, Any]) -> str | None:
    if expected["kind"] == "accusation":
        return expected.get("accused_side")
    if expected["kind"] == "control":
        return expected.get("controller_side")
    return None


def _accused_found(lexicon: Lexicon, found: Candidate) -> str:
    return side_of(lexicon, found.accused if found.kind == "accusation" else found.controller)


def _value_score(
    expected: dict[str, Any], found: Candidate, lexicon: Lexicon
) -> tuple[bool, bool | None, bool | None]:
    side_ok = side_of(lexicon, found.claimant) == normalize_side(expected.get("claimant_side"))
    wanted = _accused_expected(expected)
    accused_ok = None if wanted is None else _accused_found(lexicon, found) == normalize_side(wanted)
    figures_ok = _figures_right(expected, found) if expected["kind"] == "casualty" else None
    return side_ok, accused_ok, figures_ok


def _describe(found: Candidate, lexicon: Lexicon) -> str:
    return candidate_describe(found, lambda ref: f"{_name(lexicon, ref)} [{side_of(lexicon, ref)}]")


def _brief(expected: dict[str, Any]) -> str:
    keys = ("kind", "claimant", "claimant_side", "accused_side", "controller_side", *MEASURES)
    shown = {k: expected[k] for k in keys if expected.get(k) is not None}
    return f"{shown} “{expected['quote']}”"


def _load_json(path: Path, what: str) -> dict[str, Any]:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise EvaluationSetError(f"The {what} {path} does not exist.") from None
    except json.JSONDecodeError as exc:
        raise EvaluationSetError(
            f"The {what} {path} is not valid JSON: {exc.msg} (line {exc.lineno})."
        ) from None


def manifest_parts(manifest_path: Path | None = None) -> list[str]:
    """The part names a manifest uses (dev, blind, blind2, ...), so a requested part can be checked."""
    manifest = _load_json(manifest_path or REAL_DIR / "manifest.json", "manifest")
    return sorted({row["part"] for row in manifest["excerpts"]})


def _read_excerpt(path: Path, sha256: str | None, rebuild_hint: str) -> tuple[str, dict[str, Any]]:
    if not path.is_file():
        raise EvaluationSetError(f"{path} is missing. {rebuild_hint}")
    if sha256 and hashlib.sha256(path.read_bytes()).hexdigest() != sha256:
        raise EvaluationSetError(
            f"{path} is not the text the answers were written for (sha256 differs from the manifest)."
        )
    return read_text_file(path)


def evaluate_set(
    *,
    lexicon: LexiconSource,
    manifest_path: Path | None = None,
    answers_path: Path | None = None,
    texts_dir: Path,
    parts: Iterable[str] = ("dev",),
) -> SetReport:
    """Run the extractor over the excerpts of the given parts and score it against the answers.

    Raises ``EvaluationSetError`` naming the file when a text is missing, differs from the one the
    answers were written for, or an answer's snippet is not in its text.  ``lexicon`` is one lexicon, or
    a function giving an excerpt's (its inferred conflict's, as ingestion would read it).
    """
    manifest = _load_json(manifest_path or REAL_DIR / "manifest.json", "manifest")
    answers = _load_json(answers_path or REAL_DIR / "answers.json", "answer file")
    wanted_parts = set(parts)
    rebuild_hint = "Rebuild the texts from the manifest's addresses (see docs/evaluation.md)."
    report = SetReport()
    for row in manifest["excerpts"]:
        if row["part"] not in wanted_parts:
            continue
        entry = answers["excerpts"].get(row["id"])
        if entry is None:
            raise EvaluationSetError(f"The answer file has no entry for excerpt {row['id']}.")
        body, fields = _read_excerpt(
            texts_dir / row.get("file", f"{row['id']}.txt"), row.get("sha256"), rebuild_hint
        )
        report.excerpts += 1
        excerpt_lexicon = lexicon_for(lexicon, body, fields)
        found = extract_scored(body, fields, excerpt_lexicon)
        _score_excerpt(report, row, entry["claims"], body, found, excerpt_lexicon)
    return report


def _score_excerpt(
    report: SetReport,
    row: dict[str, Any],
    expected_claims: list[dict[str, Any]],
    body: str,
    found: list[Candidate],
    lexicon: Lexicon,
) -> None:
    name, part, conflict = row["id"], row["part"], row["conflict"]
    for candidate in found:
        report.cell(part, conflict, candidate.kind).found += 1
    unmatched = list(found)
    for expected in expected_claims:
        score = report.cell(part, conflict, expected["kind"])
        score.expected += 1
        start = body.find(expected["quote"])
        if start < 0:
            raise EvaluationSetError(f"{name}: the answer's quote {expected['quote']!r} is not in the text.")
        end = start + len(expected["quote"])
        covering = [
            c
            for c in unmatched
            if c.kind == expected["kind"] and c.quote_start <= start and end <= c.quote_end
        ]
        if not covering:
            report.misses.append(f"{name}: missed {_brief(expected)}")
            continue
        # Of several claims over the snippet, the one whose values agree best is the match.
        match = max(covering, key=lambda c: sum(bool(v) for v in _value_score(expected, c, lexicon)))
        unmatched.remove(match)
        score.matched += 1
        side_ok, accused_ok, figures_ok = _value_score(expected, match, lexicon)
        score.side_right += side_ok
        if accused_ok is not None:
            score.accused_total += 1
            score.accused_right += accused_ok
        if figures_ok is not None:
            score.figures_total += 1
            score.figures_right += figures_ok
        if not (side_ok and accused_ok is not False and figures_ok is not False):
            report.wrong_values.append(
                f"{name}: expected {_brief(expected)}\n      got {_describe(match, lexicon)}"
            )
    report.false_positives += [f"{name}: {_describe(c, lexicon)}" for c in unmatched]
