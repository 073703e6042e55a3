"""Rebuilding the real-text excerpts from stored pages by a recipe that holds no article text.

The excerpts are third-party and stay out of git, so every new machine rebuilds them. A text is the
manifest's header (title, address, outlet, date, language), a blank line, then paragraphs each followed by
a blank line. A paragraph is the manifest's title, or one or more pieces of the stored page's non-empty
lines, in the page's order: a piece is ``[line, start, end]`` (a slice of that line, so a dateline or a
date stamp cut off the front, or a credit cut off the end, is described by numbers alone); pieces from
different lines are joined by one space (a paragraph the page broke in two), pieces of one line directly
(a cut inside a line). A recipe also says at which character offsets of a paragraph a curly quote was
written straight (the answers' snippets have them straight), and holds the sha256 of the page it applies
to, so a different copy of the page is refused instead of silently giving another text.
``recipe_derive`` writes a recipe from a page and a text already rebuilt by hand; ``text_from_recipe``
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


TITLE = "title"
MAX_PIECES = 4


def _pieces_text(lines: list[str], pieces: list[list[int]], row_id: str) -> str:
    out, previous = "", None
    for line, start, end in pieces:
        if line >= len(lines):
            raise EvaluationSetError(f"{row_id}: the recipe keeps line {line}; the page has {len(lines)}.")
        if previous is not None and line != previous:
            out += " "
        out += lines[line][start:end]
        previous = line
    return out


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
    kept = [
        _straighten(
            row["title"] if pieces == TITLE else _pieces_text(lines, pieces, row["id"]), straight.get(k, [])
        )
        for k, pieces in enumerate(recipe["paragraphs"])
    ]
    return text_header(row) + "".join(f"{paragraph}\n\n" for paragraph in kept)[:-1]


_STRAIGHTEN_TABLE = {ord(curly): straight for curly, straight in CURLY_TO_STRAIGHT.items()}


def _straight(text: str) -> str:
    return text.translate(_STRAIGHTEN_TABLE)


def _longest_prefix_at(wanted: str, line: str, start: int) -> tuple[int, int]:
    """The longest prefix of ``wanted`` (quotes straightened) found in ``line`` at or after ``start``:
    (offset in the line, length); (−1, 0) when not even its first character is there."""
    low, high, best = 1, len(wanted), (-1, 0)
    while low <= high:
        middle = (low + high) // 2
        found = line.find(wanted[:middle], start)
        if found < 0:
            high = middle - 1
        else:
            best, low = (found, middle), middle + 1
    return best


def _match_paragraph(paragraph: str, lines: list[str], first_line: int) -> list[list[int]] | None:
    """Pieces of the page's lines (from ``first_line`` on) that give ``paragraph`` modulo curly quotes
    written straight, found greedily (longest piece first), or None."""
    wanted, straight_lines = _straight(paragraph), [_straight(line) for line in lines]
    pieces: list[list[int]] = []
    at, line, offset = 0, first_line, 0
    while at < len(wanted) and len(pieces) < MAX_PIECES:
        best: tuple[int, int, int] | None = None
        for index in range(line, len(lines)):
            skip = 1 if pieces and index != pieces[-1][0] and wanted[at] == " " else 0
            if pieces and index != pieces[-1][0] and not skip:
                continue
            start, length = _longest_prefix_at(
                wanted[at + skip :], straight_lines[index], offset if index == line else 0
            )
            if length and (best is None or length + skip > best[2]):
                best = (index, start, length + skip)
        if best is None:
            return None
        index, start, length = best
        skip = 1 if pieces and index != pieces[-1][0] else 0
        pieces.append([index, start, start + length - skip])
        at, line, offset = at + length, index, start + length - skip
    return pieces if at == len(wanted) else None


def recipe_derive(raw: str, text: str, row: dict[str, Any]) -> dict[str, Any]:
    """The recipe that turns ``raw`` into ``text``: each paragraph of the text found as pieces of the
    page's lines, in order (or as the manifest's title), allowing only curly quotes written straight.

    Raises ``EvaluationSetError`` when the text does not start with the row's header or a paragraph is
    not made of the page's lines (the text was edited otherwise, or taken from another copy of the page).
    """
    header = text_header(row)
    if not text.startswith(header):
        raise EvaluationSetError(f"{row['id']}: the text's header is not the manifest's.")
    lines = page_lines(raw)
    paragraphs: list[Any] = []
    straighten: list[list[int]] = []
    first_line = 0
    for k, paragraph in enumerate(text[len(header) :].rstrip("\n").split("\n\n")):
        pieces = _match_paragraph(paragraph, lines, first_line)
        if pieces is not None:
            source = _pieces_text(lines, pieces, row["id"])
            first_line = pieces[-1][0] + 1
            paragraphs.append(pieces)
        elif _straight(paragraph) == _straight(row["title"]):
            source = row["title"]
            paragraphs.append(TITLE)
        else:
            raise EvaluationSetError(
                f"{row['id']}: paragraph {k + 1} of the text is not made of the page's lines after line {first_line}."
            )
        straighten.extend([k, i] for i, (a, b) in enumerate(zip(source, paragraph, strict=True)) if a != b)
    recipe = {"raw_sha256": _sha256(raw), "paragraphs": paragraphs, "straighten": straighten}
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
