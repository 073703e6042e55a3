"""The real-text scorer: manifest + answers + texts, scored per kind, part and conflict."""

import hashlib
import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from claims.evaluation.real import EvaluationSetError, evaluate_set, side_of
from claims.evaluation.rehash import rehash_texts
from claims.extraction import NewParty
from claims.services.conflict_inference import lexicon_for_text

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


def _add_blind_row(real_set):
    manifest = json.loads((real_set / "manifest.json").read_text())
    manifest["excerpts"].append(
        {"id": "b1", "part": "blind", "conflict": "nagorno-karabakh-2020", "sha256": "0" * 64}
    )
    (real_set / "manifest.json").write_text(json.dumps(manifest))
    answers = json.loads((real_set / "answers.json").read_text())
    answers["excerpts"]["b1"] = {"claims": []}
    (real_set / "answers.json").write_text(json.dumps(answers))


def _rehash(real_set, part="dev"):
    return rehash_texts(
        manifest_path=real_set / "manifest.json",
        answers_path=real_set / "answers.json",
        texts_dir=real_set / "texts",
        part=part,
        rebuilt_on="2026-12-02",
        note="rebuilt from the pages corpus",
    )


def test_rehash_records_the_rebuilt_texts_hash_and_keeps_the_first_one(gazetteer, real_set):
    rebuilt = TEXT + "\nOne more line.\n"
    (real_set / "texts" / "x1.txt").write_text(rebuilt, encoding="utf-8")
    _add_blind_row(real_set)
    answers_before = (real_set / "answers.json").read_text()

    report = _rehash(real_set)

    assert (report.rehashed, report.skipped) == (["x1"], [])
    manifest = json.loads((real_set / "manifest.json").read_text())
    dev, blind = manifest["excerpts"]
    assert dev["sha256"] == hashlib.sha256(rebuilt.encode()).hexdigest()
    assert dev["sha256_original"] == hashlib.sha256(TEXT.encode()).hexdigest()
    assert blind == {"id": "b1", "part": "blind", "conflict": "nagorno-karabakh-2020", "sha256": "0" * 64}
    assert manifest["rebuilt"] == {
        "dev": {"on": "2026-12-02", "texts": 1, "note": "rebuilt from the pages corpus"}
    }
    assert (real_set / "answers.json").read_text() == answers_before
    # The scorer now accepts the rebuilt text.
    assert (
        evaluate_set(
            lexicon=lexicon_for_text,
            manifest_path=real_set / "manifest.json",
            answers_path=real_set / "answers.json",
            texts_dir=real_set / "texts",
        ).excerpts
        == 1
    )


def test_rehash_skips_a_text_without_one_of_its_answers_quotes(gazetteer, real_set):
    (real_set / "texts" / "x1.txt").write_text(TEXT.replace("two civilians", "2 civilians"), encoding="utf-8")
    manifest_before = (real_set / "manifest.json").read_text()

    report = _rehash(real_set)

    assert report.rehashed == []
    assert report.skipped == ["x1: 1 answer quote(s) not in the text, first 'two civilians'"]
    assert (real_set / "manifest.json").read_text() == manifest_before


def test_rehash_skips_a_missing_text_and_refuses_an_unknown_part(gazetteer, real_set):
    (real_set / "texts" / "x1.txt").unlink()
    assert _rehash(real_set).skipped == ["x1: x1.txt is missing"]
    with pytest.raises(EvaluationSetError, match="no part 'blind9'"):
        _rehash(real_set, part="blind9")


def test_the_command_rehashes_one_named_part(gazetteer, real_set):
    (real_set / "texts" / "x1.txt").write_text(TEXT + "\nOne more line.\n", encoding="utf-8")
    args = [
        "evaluate_extraction", "--set", "real", "--manifest", str(real_set / "manifest.json"),
        "--answers", str(real_set / "answers.json"), "--texts", str(real_set / "texts"), "--rehash",
    ]  # fmt: skip
    with pytest.raises(CommandError, match="--rebuilt-on"):
        call_command(*args)
    out = StringIO()
    call_command(*args, "--rebuilt-on", "2026-12-02", "--rebuilt-note", "pages corpus", stdout=out)
    assert "part dev: 1 texts rehashed, 0 skipped" in out.getvalue()
    assert json.loads((real_set / "manifest.json").read_text())["rebuilt"]["dev"]["note"] == "pages corpus"


def test_an_outlet_the_packs_do_not_know_is_scored_as_the_third_party_the_product_makes_it(gazetteer):
    lexicon = lexicon_for_text("Armenian forces shelled Tartar, a ministry said.")
    assert (
        side_of(lexicon, NewParty(name="Lakeside Gazette", parent_id=None, kind="media")) == "third-parties"
    )
    # An unnamed source with no parent has no side, in the product as in the score.
    assert (
        side_of(lexicon, NewParty(name="local activists", parent_id=None, kind="organisation")) == "unknown"
    )
