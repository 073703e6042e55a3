"""Evaluation of the claim extractor against hand-made answers (``articles/*.txt`` + ``answers.json``).

A found claim matches an expected one when it comes from the same article, has the same kind, its
quote covers the expected snippet, and its typed values agree: casualty figures (every interval
the answer gives, the others empty), the accused party, or the place and controlling party.
Precision and recall are counted per kind; claimant accuracy is the share of matched claims whose
claimant (and, where the answer names one, relaying agency) is right.
"""

from __future__ import annotations

import json
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

EVALUATION_DIR = Path(__file__).resolve().parent


@dataclass
class KindScore:
    expected: int = 0
    found: int = 0
    matched: int = 0
    claimant_right: int = 0

    @property
    def precision(self) -> float:
        return self.matched / self.found if self.found else 1.0

    @property
    def recall(self) -> float:
        return self.matched / self.expected if self.expected else 1.0

    @property
    def claimant_accuracy(self) -> float:
        return self.claimant_right / self.matched if self.matched else 1.0


@dataclass
class EvaluationReport:
    scores: dict[str, KindScore] = field(default_factory=lambda: {k: KindScore() for k in KINDS})
    misses: list[str] = field(default_factory=list)
    false_positives: list[str] = field(default_factory=list)
    wrong_claimants: list[str] = field(default_factory=list)

    @property
    def total(self) -> KindScore:
        total = KindScore()
        for score in self.scores.values():
            total.expected += score.expected
            total.found += score.found
            total.matched += score.matched
            total.claimant_right += score.claimant_right
        return total

    def table(self) -> str:
        lines = [
            f"{'kind':<12}{'expected':>9}{'found':>7}{'matched':>8}{'precision':>11}{'recall':>8}{'claimant':>10}"
        ]
        for kind, score in [*self.scores.items(), ("all", self.total)]:
            lines.append(
                f"{kind:<12}{score.expected:>9}{score.found:>7}{score.matched:>8}"
                f"{score.precision:>11.2f}{score.recall:>8.2f}{score.claimant_accuracy:>10.2f}"
            )
        return "\n".join(lines)


def _name(lexicon: Lexicon, ref: PartyRef | None) -> str | None:
    if ref is None:
        return None
    if isinstance(ref, NewParty):
        return ref.name
    return lexicon.parties[ref].name


def _values_match(expected: dict[str, Any], found: Candidate, lexicon: Lexicon) -> bool:
    kind = expected["kind"]
    if kind == "casualty":
        return all(interval(getattr(found, m)) == expected.get(m) for m in MEASURES)
    if kind == "accusation":
        return _name(lexicon, found.accused) == expected.get("accused")
    if kind == "control":
        place = lexicon.places.get(found.place_id) if found.place_id else None
        return place == expected.get("place") and _name(lexicon, found.controller) == expected.get(
            "controller"
        )
    return True


def _describe(found: Candidate, lexicon: Lexicon) -> str:
    place = lexicon.places.get(found.place_id) if found.place_id else None
    return candidate_describe(found, lambda ref: str(_name(lexicon, ref)), place, quote_chars=80)


def evaluate(
    *,
    lexicon: LexiconSource,
    articles_dir: Path | None = None,
    answers_path: Path | None = None,
) -> EvaluationReport:
    """Run the extractor over every evaluation article and score it against the answers.

    ``lexicon`` is one lexicon for every article, or a function giving the lexicon of an article's
    text (its conflict's: ``claims.services.conflict_inference.lexicon_for_text``).
    """
    articles_dir = articles_dir or EVALUATION_DIR / "articles"
    answers = json.loads((answers_path or EVALUATION_DIR / "answers.json").read_text(encoding="utf-8"))
    report = EvaluationReport()
    for name, expected_claims in sorted(answers["articles"].items()):
        body, fields = read_text_file(articles_dir / name)
        article_lexicon = lexicon_for(lexicon, body, fields)
        found = extract_scored(body, fields, article_lexicon)
        _score_article(report, name, expected_claims, body, found, article_lexicon)
    return report


def _score_article(
    report: EvaluationReport,
    name: str,
    expected_claims: list[dict[str, Any]],
    body: str,
    found: list[Candidate],
    lexicon: Lexicon,
) -> None:
    unmatched = list(found)
    for candidate in found:
        report.scores[candidate.kind].found += 1
    for expected in expected_claims:
        score = report.scores[expected["kind"]]
        score.expected += 1
        snippet = body.find(expected["quote"])
        if snippet < 0:
            raise ValueError(f"{name}: the answer's quote {expected['quote']!r} is not in the article")
        snippet_end = snippet + len(expected["quote"])
        match = next(
            (
                c
                for c in unmatched
                if c.kind == expected["kind"]
                and c.quote_start <= snippet
                and snippet_end <= c.quote_end
                and _values_match(expected, c, lexicon)
            ),
            None,
        )
        if match is None:
            report.misses.append(f"{name}: missed {expected}")
            continue
        unmatched.remove(match)
        score.matched += 1
        claimant_ok = _name(lexicon, match.claimant) == expected["claimant"]
        relay_ok = "relayed_by" not in expected or _name(lexicon, match.relayed_by) == expected["relayed_by"]
        if claimant_ok and relay_ok:
            score.claimant_right += 1
        else:
            report.wrong_claimants.append(
                f"{name}: expected {expected['claimant']} (via {expected.get('relayed_by')}), "
                f"got {_describe(match, lexicon)}"
            )
    report.false_positives += [f"{name}: {_describe(c, lexicon)}" for c in unmatched]
