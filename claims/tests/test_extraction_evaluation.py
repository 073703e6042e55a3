"""The extractor meets its quality bar on the hand-made evaluation set (claims/evaluation/)."""

from io import StringIO

import pytest
from django.core.management import call_command

from claims.evaluation import KINDS, evaluate
from claims.services.conflict_inference import lexicon_for_text

pytestmark = pytest.mark.django_db


def test_precision_and_recall_per_kind_meet_the_thresholds(gazetteer):
    report = evaluate(lexicon=lexicon_for_text)
    for kind in KINDS:
        score = report.scores[kind]
        assert score.expected > 0, kind
        assert score.precision >= 0.9, (kind, report.table(), report.false_positives)
        assert score.recall >= 0.8, (kind, report.table(), report.misses)
    assert report.total.claimant_accuracy >= 0.9, report.wrong_claimants


def test_the_command_prints_a_table_per_kind(gazetteer):
    out = StringIO()
    call_command("evaluate_extraction", "--verbose", stdout=out)
    text = out.getvalue()
    for kind in (*KINDS, "all"):
        assert f"\n{kind} " in f"\n{text}"
    assert "precision" in text
    assert "recall" in text
    assert "claimant" in text
