"""Rebuilding the real-text excerpts from stored pages by a recipe that holds no article text.

The excerpts are third-party and stay out of git, so every new machine rebuilds them. A text is the
manifest's header (title, address, outlet, date, language), a blank line, then some of the stored page's
non-empty lines in the page's order, each followed by a blank line — the rule the recorded hashes show.
A row's ``recipe`` says which lines (by their index among the page's non-empty lines), at which character
offsets a curly quote was written straight (the answers' snippets have them straight), and the sha256 of
the page it applies to, so a different copy of the page is refused instead of silently giving another
text. ``recipe_derive`` writes a recipe from a page and a text already rebuilt by hand; ``text_from_recipe``
turns the page back into the text.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from claims.evaluation.real import REAL_DIR, EvaluationSetError, _load_json

CURLY_TO_STRAIGHT = {"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"'}


@dataclass
class RebuildReport:
    """Which excerpts of a part were written (or got a recipe), and why the others were not."""

    part: str
    done: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)


def _sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def page_lines(raw: str) -> list[str]:
    """The stored page's non-empty lines, in order: what a recipe's line indices count."""
    return [line for line in raw.split("\n") if line.strip()]


def text_header(row: dict[str, Any]) -> str:
    """The header ``manage.py ingest`` reads, from the manifest row, with the blank line after it."""
    return (
        f"Title: {row['title']}\nURL: {row['url']}\nOutlet: {row['outlet']}\n"
        f"Published: {row['published']}\nLanguage: {row.get('language', 'en')}\n\n"
    )


def _straighten(line: str, offsets: list[int]) -> str:
    chars = list(line)
    for offset in offsets:
        chars[offset] = CURLY_TO_STRAIGHT.get(chars[offset], chars[offset])
    return "".join(chars)


def text_from_recipe(raw: str, row: dict[str, Any]) -> str:
    """The excerpt's text rebuilt from its stored page by the row's recipe.

    Raises ``EvaluationSetError`` when the row has no recipe, the page is not the one the recipe was
    written for, or a line index is past the page's end.
    """
    recipe = row.get("recipe")
    if not recipe:
        raise EvaluationSetError(f"{row['id']}: the manifest row has no recipe.")
    if _sha256(raw) != recipe["raw_sha256"]:
        raise EvaluationSetError(
            f"{row['id']}: the stored page differs from the one the recipe was written for (sha256)."
        )
    lines = page_lines(raw)
    straight: dict[int, list[int]] = {}
    for index, offset in recipe.get("straighten", []):
        straight.setdefault(index, []).append(offset)
    kept = []
    for index in recipe["lines"]:
        if index >= len(lines):
            raise EvaluationSetError(
                f"{row['id']}: the recipe keeps line {index}; the page has {len(lines)}."
            )
        kept.append(_straighten(lines[index], straight.get(index, [])))
    return text_header(row) + "".join(f"{line}\n\n" for line in kept)[:-1]


def _match_line(paragraph: str, lines: list[str], start: int) -> tuple[int, list[int]] | None:
    for index in range(start, len(lines)):
        line = lines[index]
        if len(line) != len(paragraph):
            continue
        diffs = [i for i, (a, b) in enumerate(zip(line, paragraph, strict=True)) if a != b]
        if all(CURLY_TO_STRAIGHT.get(line[i]) == paragraph[i] for i in diffs):
            return index, diffs
    return None


def recipe_derive(raw: str, text: str, row: dict[str, Any]) -> dict[str, Any]:
    """The recipe that turns ``raw`` into ``text``: each paragraph of the text found among the page's
    lines, in order, allowing only curly quotes written straight.

    Raises ``EvaluationSetError`` when the text does not start with the row's header or a paragraph is
    not a line of the page (the text was trimmed by another rule, or from another copy of the page).
    """
    header = text_header(row)
    if not text.startswith(header):
        raise EvaluationSetError(f"{row['id']}: the text's header is not the manifest's.")
    lines = page_lines(raw)
    kept: list[int] = []
    straighten: list[list[int]] = []
    start = 0
    for paragraph in text[len(header) :].rstrip("\n").split("\n\n"):
        found = _match_line(paragraph, lines, start)
        if found is None:
            raise EvaluationSetError(
                f"{row['id']}: paragraph {len(kept) + 1} of the text is not a line of the page after line {start}."
            )
        index, offsets = found
        kept.append(index)
        straighten.extend([index, offset] for offset in offsets)
        start = index + 1
    recipe = {"raw_sha256": _sha256(raw), "lines": kept, "straighten": straighten}
    if text_from_recipe(raw, {**row, "recipe": recipe}) != text:
        raise EvaluationSetError(f"{row['id']}: the derived recipe does not give the text back.")
    return recipe


def _part_rows(manifest: dict[str, Any], part: str) -> list[dict[str, Any]]:
    rows = [row for row in manifest["excerpts"] if row["part"] == part]
    if not rows:
        raise EvaluationSetError(f"The manifest has no part {part!r}.")
    return rows


def _read(path: Path) -> str | None:
    return path.read_text(encoding="utf-8") if path.is_file() else None


def texts_rebuild(
    *, raw_dir: Path, texts_dir: Path, part: str, manifest_path: Path | None = None
) -> RebuildReport:
    """Write each excerpt of ``part`` from its stored page (``raw_dir/<id>.txt``) by its recipe.

    A text is written only when the result has the manifest's sha256, so the scorer can use it; the
    others are listed with the reason (no page, no recipe, another page, another text).
    """
    manifest = _load_json(manifest_path or REAL_DIR / "manifest.json", "manifest")
    report = RebuildReport(part=part)
    texts_dir.mkdir(parents=True, exist_ok=True)
    for row in _part_rows(manifest, part):
        raw = _read(raw_dir / f"{row['id']}.txt")
        if raw is None:
            report.failed.append(f"{row['id']}: no stored page in {raw_dir}")
            continue
        try:
            text = text_from_recipe(raw, row)
        except EvaluationSetError as exc:
            report.failed.append(str(exc))
            continue
        if _sha256(text) != row.get("sha256"):
            report.failed.append(f"{row['id']}: the rebuilt text's sha256 is not the manifest's")
            continue
        (texts_dir / row.get("file", f"{row['id']}.txt")).write_text(text, encoding="utf-8")
        report.done.append(row["id"])
    return report


def recipes_record(
    *, raw_dir: Path, texts_dir: Path, part: str, manifest_path: Path | None = None
) -> RebuildReport:
    """Derive and store in the manifest a recipe for each excerpt of ``part`` whose stored page and text
    (with the manifest's sha256) are both present; the others keep what they had and are listed."""
    manifest_path = manifest_path or REAL_DIR / "manifest.json"
    manifest = _load_json(manifest_path, "manifest")
    report = RebuildReport(part=part)
    for row in _part_rows(manifest, part):
        raw = _read(raw_dir / f"{row['id']}.txt")
        text = _read(texts_dir / row.get("file", f"{row['id']}.txt"))
        if raw is None or text is None:
            report.failed.append(f"{row['id']}: stored page or text missing")
            continue
        if _sha256(text) != row.get("sha256"):
            report.failed.append(f"{row['id']}: the text's sha256 is not the manifest's")
            continue
        try:
            row["recipe"] = recipe_derive(raw, text, row)
        except EvaluationSetError as exc:
            report.failed.append(str(exc))
            continue
        report.done.append(row["id"])
    if report.done:
        manifest_path.write_text(json.dumps(manifest, indent=1, ensure_ascii=False), encoding="utf-8")
    return report
