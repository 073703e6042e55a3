"""Recording the sha256 of rebuilt real-text excerpts in the manifest (``evaluate_extraction --rehash``).

The texts are third-party and live outside git, so a new machine rebuilds them from the manifest's
addresses; the scorer refuses a text whose hash differs.  When a rebuild cannot reproduce the recorded
bytes, this records the new hashes of the texts that still hold every answer's snippet, keeping the
first hash and saying when and how the part was rebuilt.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from claims.evaluation.real import REAL_DIR, EvaluationSetError, _load_json
from claims.evaluation.runner import read_text_file


@dataclass
class RehashReport:
    """Which excerpts of a part got their text's new sha256, and why the others did not."""

    part: str
    rehashed: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)


def _rehash_skip_reason(path: Path, expected_claims: list[dict[str, Any]]) -> str | None:
    if not path.is_file():
        return f"{path.name} is missing"
    body, _ = read_text_file(path)
    missing = [claim["quote"] for claim in expected_claims if claim["quote"] not in body]
    if missing:
        return f"{len(missing)} answer quote(s) not in the text, first {missing[0]!r}"
    return None


def rehash_texts(
    *,
    texts_dir: Path,
    part: str,
    rebuilt_on: str,
    note: str,
    manifest_path: Path | None = None,
    answers_path: Path | None = None,
) -> RehashReport:
    """Record in the manifest the sha256 of each rebuilt text of one part that still fits its answers.

    For every excerpt of ``part`` whose text exists and contains every quote of its answers, the file's
    sha256 replaces the manifest's (the first recorded hash is kept as ``sha256_original``); excerpts
    whose text is missing or lacks a quote keep their hash and are listed as skipped.  The manifest's
    ``rebuilt`` field records, per part, the date, the note and how many texts were rehashed.  The
    answers and the other parts' rows are never changed.  Raises ``EvaluationSetError`` for an unknown
    part.
    """
    manifest_path = manifest_path or REAL_DIR / "manifest.json"
    manifest = _load_json(manifest_path, "manifest")
    answers = _load_json(answers_path or REAL_DIR / "answers.json", "answer file")
    if part not in {row["part"] for row in manifest["excerpts"]}:
        raise EvaluationSetError(f"The manifest has no part {part!r}.")
    report = RehashReport(part=part)
    for row in manifest["excerpts"]:
        if row["part"] != part:
            continue
        entry = answers["excerpts"].get(row["id"])
        if entry is None:
            raise EvaluationSetError(f"The answer file has no entry for excerpt {row['id']}.")
        path = texts_dir / row.get("file", f"{row['id']}.txt")
        reason = _rehash_skip_reason(path, entry["claims"])
        if reason is not None:
            report.skipped.append(f"{row['id']}: {reason}")
            continue
        digest = hashlib.sha256(path.read_bytes()).hexdigest()
        if row.get("sha256") and row["sha256"] != digest:
            row.setdefault("sha256_original", row["sha256"])
        row["sha256"] = digest
        report.rehashed.append(row["id"])
    if report.rehashed:
        rebuilt = {
            **manifest.get("rebuilt", {}),
            part: {"on": rebuilt_on, "texts": len(report.rehashed), "note": note},
        }
        ordered = {key: value for key, value in manifest.items() if key not in ("rebuilt", "excerpts")}
        manifest = {**ordered, "rebuilt": rebuilt, "excerpts": manifest["excerpts"]}
        manifest_path.write_text(json.dumps(manifest, indent=1, ensure_ascii=False), encoding="utf-8")
    return report
