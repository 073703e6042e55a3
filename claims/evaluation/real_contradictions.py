"""Scoring the contradiction engine on the real-text set: ingest, check, compare with the answer pairs.

The answer file's ``contradictions`` lists pairs ``[[excerpt, claim index], [excerpt, claim index],
kind]`` a careful reader sees.  The run ingests every excerpt of the chosen parts through
``article_ingest`` (the manifest's outlet, title, address and date; the conflict inferred from the
text, as for any new article), checks every claim as the worker would (``claim_check``, in id order)
and reads the stored contradictions.  Everything happens inside one transaction that is rolled back,
so the database is left as it was.

A stored claim stands for an expected claim when it comes from the same excerpt, has the same kind and
its quote covers the expected snippet (as the extraction scorer matches).  Counted:

- expected: the answer pairs of the parts; extracted: those whose two claims were both extracted (the
  engine's ceiling); found: those flagged by at least one open contradiction (any kind);
- flags: the open contradictions stored (updates are recorded resolved and are not flags); on real
  pairs: flags whose two claims stand for the two claims of an answer pair; false: the rest;
- disputes: the open flags grouped as the review desk shows them (one incident and kind, or a flag
  outside any incident alone: ``claims.services.disputes``); with a real pair: those holding at least
  one flag on an answer pair.  The answers list one pair per disagreement a reader sees, while the
  engine flags every pair of claims that disagree (three speakers who say a town fell, two who deny it:
  six flags, one dispute), so the disputes say what a reviewer is handed;
- same-claimant flags: flags between two claims the answers give the same claimant (an update or one
  statement relayed twice, never a contradiction).
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.db import transaction

from claims.evaluation.real import REAL_DIR, EvaluationSetError, _load_json, _read_excerpt
from claims.models import Claim, Contradiction, ContradictionKind, ContradictionStatus
from claims.services.checking import claim_check
from claims.services.disputes import dispute_key
from claims.services.ingestion import article_ingest

Ref = tuple[str, int]


@dataclass
class ContradictionReport:
    """Counts over the answer pairs and the stored flags, with lines to read when improving them."""

    excerpts: int = 0
    claims: int = 0
    expected: int = 0
    extracted: int = 0
    found: int = 0
    flags: int = 0
    flags_on_real: int = 0
    same_claimant_flags: int = 0
    disputes: int = 0
    disputes_on_real: int = 0
    updates: int = 0
    pairs: list[str] = field(default_factory=list)
    false_flags: list[str] = field(default_factory=list)

    @property
    def recall(self) -> float | None:
        return self.found / self.expected if self.expected else None

    @property
    def engine_recall(self) -> float | None:
        """Found over the pairs whose two claims were extracted: what the engine itself loses."""
        return self.found / self.extracted if self.extracted else None

    @property
    def flags_per_found(self) -> float | None:
        return self.flags_on_real / self.found if self.found else None

    def as_dict(self) -> dict[str, Any]:
        names = (
            "excerpts", "claims", "expected", "extracted", "found", "flags", "flags_on_real",
            "same_claimant_flags", "disputes", "disputes_on_real", "updates",
        )  # fmt: skip
        ratios = {
            "recall": self.recall,
            "engine_recall": self.engine_recall,
            "flags_per_found": self.flags_per_found,
        }
        return {
            **{name: getattr(self, name) for name in names},
            **{k: None if v is None else round(v, 3) for k, v in ratios.items()},
        }

    def table(self) -> str:
        def ratio(value: float | None) -> str:
            return "-" if value is None else f"{value:.2f}"

        return "\n".join(
            (
                f"{self.excerpts} excerpts, {self.claims} claims extracted",
                f"real contradictions      {self.expected}",
                f"  both claims extracted  {self.extracted}",
                f"  flagged (found)        {self.found}   recall {ratio(self.recall)}, "
                f"engine recall {ratio(self.engine_recall)}",
                f"open flags               {self.flags}",
                f"  on real pairs          {self.flags_on_real}   per found contradiction "
                f"{ratio(self.flags_per_found)}",
                f"  false                  {self.flags - self.flags_on_real}",
                f"  same claimant          {self.same_claimant_flags}",
                f"review disputes          {self.disputes}   (open flags by incident and kind)",
                f"  with a real pair       {self.disputes_on_real}",
                f"  false                  {self.disputes - self.disputes_on_real}",
                f"updates recorded         {self.updates}",
            )
        )


def _answer_pairs(answers: dict[str, Any], excerpts: set[str]) -> list[tuple[Ref, Ref, str]]:
    pairs = []
    for first, second, kind in answers.get("contradictions", []):
        a, b = (first[0], int(first[1])), (second[0], int(second[1]))
        if a[0] in excerpts and b[0] in excerpts:
            pairs.append((a, b, kind))
    return pairs


def _stands_for(claims_by_excerpt, answers, body_of) -> dict[int, set[Ref]]:
    """Stored claim id -> the expected claims it stands for (same excerpt and kind, quote covering)."""
    standing: dict[int, set[Ref]] = {}
    for excerpt, claims in claims_by_excerpt.items():
        body = body_of[excerpt]
        for index, expected in enumerate(answers["excerpts"][excerpt]["claims"]):
            start = body.find(expected["quote"])
            if start < 0:
                raise EvaluationSetError(
                    f"{excerpt}: the answer's quote {expected['quote']!r} is not in the stored text."
                )
            end = start + len(expected["quote"])
            for claim in claims:
                if (
                    claim.kind == expected["kind"]
                    and claim.quote_start is not None
                    and claim.quote_start <= start
                    and end <= claim.quote_end
                ):
                    standing.setdefault(claim.pk, set()).add((excerpt, index))
    return standing


def _ingest(row: dict[str, Any], body: str, fields: dict[str, Any]):

    return article_ingest(
        body=body,
        url=row.get("url") or fields.get("url"),
        title=row.get("title") or fields.get("title") or "",
        outlet_name=row.get("outlet") or fields.get("outlet_name"),
        published_at=row.get("published") or fields.get("published_at"),
        extract="sync",
    ).article


def evaluate_contradictions(
    *,
    manifest_path: Path | None = None,
    answers_path: Path | None = None,
    texts_dir: Path,
    parts: Iterable[str] = ("dev",),
) -> ContradictionReport:
    """Ingest the excerpts of the given parts, check every claim and score the flags (rolled back).

    Needs the conflict packs loaded (``manage.py conflict load --shipped``) so conflicts can be inferred.
    Raises ``EvaluationSetError`` naming the file when a text is missing or not the annotated one.
    """

    manifest = _load_json(manifest_path or REAL_DIR / "manifest.json", "manifest")
    answers = _load_json(answers_path or REAL_DIR / "answers.json", "answer file")
    wanted = set(parts)
    rows = [row for row in manifest["excerpts"] if row["part"] in wanted]
    hint = "Rebuild the texts from the manifest's addresses (see docs/evaluation.md)."
    report = ContradictionReport(excerpts=len(rows))
    with transaction.atomic():
        article_of, body_of = _ingest_excerpts(rows, answers, texts_dir, hint)
        checked = list(Claim.objects.filter(article_id__in=article_of).order_by("id"))
        report.claims = len(checked)
        for claim in checked:
            claim_check(claim_id=claim.pk)
        claims = {
            c.pk: c
            for c in Claim.objects.filter(article_id__in=article_of).select_related("claimant", "place")
        }
        # Every claim here came from one of the ingested articles, so each has an article (and excerpt).
        excerpt_of = {pk: article_of[c.article_id] for pk, c in claims.items() if c.article_id is not None}
        by_excerpt: dict[str, list] = {}
        for claim in claims.values():
            by_excerpt.setdefault(excerpt_of[claim.pk], []).append(claim)
        standing = _stands_for(by_excerpt, answers, body_of)
        rows_found = list(
            Contradiction.objects.filter(claim_a_id__in=claims).select_related("claim_a", "claim_b")
        )
        flags = [r for r in rows_found if r.status == ContradictionStatus.OPEN]
        report.updates = sum(r.kind == ContradictionKind.UPDATE for r in rows_found)
        report.flags = len(flags)
        pairs = _answer_pairs(answers, set(body_of))
        report.expected = len(pairs)
        real = {frozenset((a, b)) for a, b, _ in pairs}
        claimant_of = {
            (excerpt, index): (claim.get("claimant") or "").lower()
            for excerpt in body_of
            for index, claim in enumerate(answers["excerpts"][excerpt]["claims"])
        }
        flagged_pairs = score_flags(report, flags, standing, real, claimant_of, excerpt_of)
        _score_pairs(report, pairs, standing, flagged_pairs, claims)
        transaction.set_rollback(True)
    return report


def _ingest_excerpts(
    rows: list, answers: dict, texts_dir: Path, hint: str
) -> tuple[dict[int, str], dict[str, str]]:
    """Ingest each excerpt of ``rows``; returns the excerpt id of each article and the body of each excerpt."""
    article_of: dict[int, str] = {}
    body_of: dict[str, str] = {}
    for row in rows:
        if row["id"] not in answers["excerpts"]:
            raise EvaluationSetError(f"The answer file has no entry for excerpt {row['id']}.")
        body, fields = _read_excerpt(texts_dir / row.get("file", f"{row['id']}.txt"), row.get("sha256"), hint)
        article = _ingest(row, body, fields)
        article_of[article.pk] = row["id"]
        body_of[row["id"]] = article.body
    return article_of, body_of


def score_flags(
    report: ContradictionReport, flags: list, standing: dict, real: set, claimant_of: dict, excerpt_of: dict
) -> dict[frozenset, list]:
    """Count the open flags on answer pairs, and the disputes they make, and list the other flags in
    ``report``; returns the flags of each answer pair.  ``standing`` maps a stored claim's id to the
    expected claims it stands for; ``real`` holds the answer pairs."""
    flagged_pairs: dict[frozenset, list] = {}
    disputes: set[tuple] = set()
    real_disputes: set[tuple] = set()
    for flag in flags:
        disputes.add(dispute_key(flag))
        left, right = standing.get(flag.claim_a_id, set()), standing.get(flag.claim_b_id, set())
        matches = {frozenset((x, y)) for x in left for y in right if x != y}
        hits = matches & real
        for hit in hits:
            flagged_pairs.setdefault(hit, []).append(flag)
        if hits:
            report.flags_on_real += 1
            real_disputes.add(dispute_key(flag))
        else:
            where = " / ".join(
                f"{excerpt_of[pk]}{sorted(i for _, i in standing.get(pk, ())) or ''}"
                for pk in (flag.claim_a_id, flag.claim_b_id)
            )
            report.false_flags.append(f"{flag.kind} {where}: {flag.explanation}")
        if any(claimant_of[x] and claimant_of[x] == claimant_of[y] for x in left for y in right if x != y):
            report.same_claimant_flags += 1
            report.false_flags.append(f"  (same claimant) {flag.explanation}")
    report.disputes, report.disputes_on_real = len(disputes), len(real_disputes)
    return flagged_pairs


def _where(claim: Claim) -> str:
    day = claim.event_start.date().isoformat() if claim.event_start else "no day"
    place = claim.place.name if claim.place is not None else "no place"
    return f"incident {claim.incident_id or '-'} ({claim.kind}, {place}, {day}, by {claim.claimant.name})"


def _why_missed(a: Ref, b: Ref, standing: dict, claims: dict) -> str:
    """Where the engine put the two stored claims of a pair it did not flag: the incidents, places and
    days that kept them apart, or that they shared one incident and no rule fired."""
    sides = [[claims[pk] for pk, refs in standing.items() if ref in refs and pk in claims] for ref in (a, b)]
    if not sides[0] or not sides[1]:
        return ""
    left, right = sides[0][0], sides[1][0]
    if left.incident_id is not None and left.incident_id == right.incident_id:
        return f": same incident {left.incident_id}, no rule fired"
    return f": {_where(left)} / {_where(right)}"


def _score_pairs(
    report: ContradictionReport, pairs: list, standing: dict, flagged_pairs: dict, claims: dict | None = None
) -> None:
    """Count the answer pairs extracted and found, with a line each in ``report`` (for a pair the engine
    missed, where it put the two claims, when ``claims`` maps the stored claims' ids to them)."""
    for a, b, kind in pairs:
        extracted = any(a in s for s in standing.values()) and any(b in s for s in standing.values())
        report.extracted += extracted
        flagged = flagged_pairs.get(frozenset((a, b)), [])
        report.found += bool(flagged)
        missing = [f"{x[0]}#{x[1]}" for x in (a, b) if not any(x in s for s in standing.values())]
        status = (
            f"found ({', '.join(f.kind for f in flagged)})"
            if flagged
            else ("missed by the engine" if extracted else f"not extracted: {', '.join(missing)}")
        )
        if extracted and not flagged and claims is not None:
            status += _why_missed(a, b, standing, claims)
        report.pairs.append(f"{kind} {a[0]}#{a[1]} / {b[0]}#{b[1]}: {status}")


def report_json(report: ContradictionReport) -> str:
    """The report as JSON, with the per-pair lines."""
    return json.dumps(
        {**report.as_dict(), "pairs": report.pairs, "false_flags": report.false_flags}, indent=1
    )
