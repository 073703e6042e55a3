"""The real-text scorer: manifest + answers + texts, scored per kind, part and conflict."""

import hashlib
import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from claims.evaluation.real import EvaluationSetError, evaluate_set
from claims.services.extraction import lexicon_for_text

pytestmark = pytest.mark.django_db

TEXT = """Title: Shelling of Tartar
URL: https://wire.example/tartar
Outlet: Wire Example
Published: 2020-10-05
Language: en

Hikmet Hajiyev said two civilians were killed in Tartar.

Shushan Stepanyan denied that Armenian forces had fired at Tartar.
"""


@pytest.fixture
def real_set(tmp_path):
    texts = tmp_path / "texts"
    texts.mkdir()
    (texts / "x1.txt").write_text(TEXT, encoding="utf-8")
    digest = hashlib.sha256(TEXT.encode()).hexdigest()
    manifest = {
        "excerpts": [{"id": "x1", "part": "dev", "conflict": "nagorno-karabakh-2020", "sha256": digest}]
    }
    answers = {
        "excerpts": {
            "x1": {
                "claims": [
                    {"kind": "casualty", "claimant_side": "azerbaijan", "killed": [2, 2], "quote": "two civilians"},
                    {"kind": "denial", "claimant_side": "armenia", "quote": "denied that Armenian forces"},
                    {"kind": "accusation", "claimant_side": "azerbaijan", "accused_side": "armenia",
                     "quote": "Hikmet Hajiyev said"},
                ]
            }
        }
    }  # fmt: skip
    (tmp_path / "manifest.json").write_text(json.dumps(manifest))
    (tmp_path / "answers.json").write_text(json.dumps(answers))
    return tmp_path


def test_scores_recall_precision_side_and_figures_per_kind(gazetteer, real_set):
    report = evaluate_set(
        lexicon=lexicon_for_text,
        manifest_path=real_set / "manifest.json",
        answers_path=real_set / "answers.json",
        texts_dir=real_set / "texts",
    )
    total = report.total(part="dev")
    assert (total.expected, total.matched) == (3, 2)
    casualty = report.total(kind="casualty")
    assert (casualty.side_accuracy, casualty.figure_accuracy) == (1.0, 1.0)
    assert report.total(kind="accusation").recall == 0.0
    assert report.total(conflict="nagorno-karabakh-2020").expected == 3
    assert len(report.misses) == 1


def test_the_blind_part_is_only_scored_when_named(gazetteer, real_set):
    report = evaluate_set(
        lexicon=lexicon_for_text,
        manifest_path=real_set / "manifest.json",
        answers_path=real_set / "answers.json",
        texts_dir=real_set / "texts",
        parts=("blind",),
    )
    assert report.excerpts == 0


def test_a_changed_text_is_refused(gazetteer, real_set):
    (real_set / "texts" / "x1.txt").write_text(TEXT + "\nOne more line.\n", encoding="utf-8")
    with pytest.raises(EvaluationSetError, match="sha256 differs"):
        evaluate_set(
            lexicon=lexicon_for_text,
            manifest_path=real_set / "manifest.json",
            answers_path=real_set / "answers.json",
            texts_dir=real_set / "texts",
        )


def test_the_command_names_a_missing_text_instead_of_crashing(gazetteer, real_set):
    (real_set / "texts" / "x1.txt").unlink()
    with pytest.raises(CommandError, match=r"x1\.txt is missing"):
        call_command(
            "evaluate_extraction", "--set", "real", "--manifest", str(real_set / "manifest.json"),
            "--answers", str(real_set / "answers.json"), "--texts", str(real_set / "texts"),
        )  # fmt: skip


def test_the_command_prints_side_accused_and_figures_columns(gazetteer, real_set):
    out = StringIO()
    call_command(
        "evaluate_extraction", "--set", "real", "--manifest", str(real_set / "manifest.json"),
        "--answers", str(real_set / "answers.json"), "--texts", str(real_set / "texts"), stdout=out,
    )  # fmt: skip
    header = out.getvalue().splitlines()[2]
    for column in ("precision", "recall", "side", "accused", "figures"):
        assert column in header
