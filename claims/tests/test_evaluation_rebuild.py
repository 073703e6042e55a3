"""Rebuilding real-text excerpts from stored pages by recipes that hold no article text."""

import hashlib
import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from claims.evaluation.real import EvaluationSetError
from claims.evaluation.rebuild import (
    recipe_derive,
    recipes_record,
    text_from_recipe,
    text_header,
    texts_rebuild,
)

ROW = {
    "id": "w1",
    "part": "dev",
    "title": "Shelling reported near Tovuz",
    "url": "https://wire.example/tovuz",
    "outlet": "Wire Example",
    "published": "2020-07-14",
    "language": "en",
}

PAGE = """ menu News World Sport Weather
Shelling reported near Tovuz

By A. Reporter
Azerbaijan\u2019s defence ministry said two soldiers were killed near Tovuz.

Photo: a road near the border (file)
Armenia\u2019s defence ministry said it had \u201cnot fired a single shot\u201d.
Read more: other stories
"""

TEXT = (
    "Title: Shelling reported near Tovuz\nURL: https://wire.example/tovuz\nOutlet: Wire Example\n"
    "Published: 2020-07-14\nLanguage: en\n\n"
    "Shelling reported near Tovuz\n\n"
    "Azerbaijan\u2019s defence ministry said two soldiers were killed near Tovuz.\n\n"
    'Armenia\'s defence ministry said it had "not fired a single shot".\n'
)


def _sha(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


def test_a_derived_recipe_keeps_line_numbers_and_straightened_quotes_not_text():
    recipe = recipe_derive(PAGE, TEXT, ROW)

    assert recipe == {
        "raw_sha256": _sha(PAGE),
        "paragraphs": [[[1, 0, 28]], [[3, 0, 71]], [[5, 0, 65]]],
        "straighten": [[2, 7], [2, 39], [2, 63]],
    }
    assert "Tovuz" not in json.dumps(recipe)
    assert text_from_recipe(PAGE, {**ROW, "recipe": recipe}) == TEXT


STAMPED_PAGE = """ date 2020-07-14 TOVUZ, Azerbaijan — Two soldiers were killed near Tovuz, the ministry said.
Armenia said the fire came from the other side of the
border and that none of its positions had been hit. (Reporting by A. Reporter; editing by B. Editor)
Stay informed: sign up
"""

STAMPED_TEXT = (
    "Title: Shelling reported near Tovuz\nURL: https://wire.example/tovuz\nOutlet: Wire Example\n"
    "Published: 2020-07-14\nLanguage: en\n\n"
    "Shelling reported near Tovuz\n\n"
    "Two soldiers were killed near Tovuz, the ministry said.\n\n"
    "Armenia said the fire came from the other side of the border and that none of its positions had been hit.\n"
)


def test_a_recipe_describes_a_cut_date_stamp_a_rejoined_paragraph_a_cut_credit_and_the_title_by_numbers():
    recipe = recipe_derive(STAMPED_PAGE, STAMPED_TEXT, ROW)

    assert recipe["paragraphs"][0] == "title"
    assert recipe["paragraphs"][1] == [[0, 37, 92]]
    assert [piece[0] for piece in recipe["paragraphs"][2]] == [1, 2]
    assert "soldiers" not in json.dumps(recipe)
    assert text_from_recipe(STAMPED_PAGE, {**ROW, "recipe": recipe}) == STAMPED_TEXT


def test_a_cut_inside_a_line_is_two_pieces_of_that_line():
    page = "A ministry said, in a statement on Monday, that the town was shelled overnight.\n"
    text = text_header(ROW) + "A ministry said that the town was shelled overnight.\n"

    recipe = recipe_derive(page, text, ROW)

    assert recipe["paragraphs"] == [[[0, 0, 15], [0, 42, 79]]]
    assert text_from_recipe(page, {**ROW, "recipe": recipe}) == text


def test_another_copy_of_the_page_is_refused_rather_than_giving_another_text():
    recipe = recipe_derive(PAGE, TEXT, ROW)

    with pytest.raises(EvaluationSetError, match="stored page differs"):
        text_from_recipe(PAGE.replace("two soldiers", "three soldiers"), {**ROW, "recipe": recipe})


def test_a_text_trimmed_by_another_rule_gets_no_recipe():
    edited = TEXT.replace(
        "Shelling reported near Tovuz\n\nAzer", "Shelling reported near Tovuz on Tuesday\n\nAzer"
    )

    with pytest.raises(EvaluationSetError, match="paragraph 1 of the text is not made of the page's lines"):
        recipe_derive(PAGE, edited, ROW)


def _write_set(tmp_path, *, with_recipe: bool):
    raw_dir, texts_dir = tmp_path / "raw", tmp_path / "texts"
    raw_dir.mkdir()
    texts_dir.mkdir()
    (raw_dir / "w1.txt").write_text(PAGE, encoding="utf-8")
    row = {**ROW, "sha256": _sha(TEXT)}
    if with_recipe:
        row["recipe"] = recipe_derive(PAGE, TEXT, ROW)
    missing = {**ROW, "id": "w2", "url": "https://wire.example/w2", "sha256": "0" * 64}
    manifest = tmp_path / "manifest.json"
    manifest.write_text(json.dumps({"excerpts": [row, missing]}))
    return raw_dir, texts_dir, manifest


def test_rebuilding_writes_the_texts_whose_hash_matches_and_names_the_others(tmp_path):
    raw_dir, texts_dir, manifest = _write_set(tmp_path, with_recipe=True)

    report = texts_rebuild(raw_dir=raw_dir, texts_dir=texts_dir, part="dev", manifest_path=manifest)

    assert report.done == ["w1"]
    assert report.failed == [f"w2: no stored page in {raw_dir}"]
    assert (texts_dir / "w1.txt").read_text(encoding="utf-8") == TEXT


def test_recording_recipes_stores_them_in_the_manifest_for_texts_with_the_recorded_hash(tmp_path):
    raw_dir, texts_dir, manifest = _write_set(tmp_path, with_recipe=False)
    (texts_dir / "w1.txt").write_text(TEXT, encoding="utf-8")

    report = recipes_record(raw_dir=raw_dir, texts_dir=texts_dir, part="dev", manifest_path=manifest)

    assert (report.done, len(report.failed)) == (["w1"], 1)
    first, second = json.loads(manifest.read_text())["excerpts"]
    assert [pieces[0][0] for pieces in first["recipe"]["paragraphs"]] == [1, 3, 5]
    assert "recipe" not in second
    (texts_dir / "w1.txt").unlink()
    assert texts_rebuild(raw_dir=raw_dir, texts_dir=texts_dir, part="dev", manifest_path=manifest).done == [
        "w1"
    ]


@pytest.mark.django_db
def test_the_command_rebuilds_one_part_and_refuses_a_missing_folder(tmp_path):
    raw_dir, texts_dir, manifest = _write_set(tmp_path, with_recipe=True)
    out = StringIO()
    common = ["--set", "real", "--part", "dev", "--manifest", str(manifest), "--texts", str(texts_dir)]

    call_command("evaluate_extraction", *common, "--rebuild-from", str(raw_dir), stdout=out)

    assert "part dev: 1 texts rebuilt, 1 not" in out.getvalue()
    assert (texts_dir / "w1.txt").is_file()
    with pytest.raises(CommandError, match="is not a folder of stored pages"):
        call_command("evaluate_extraction", *common, "--rebuild-from", str(tmp_path / "nowhere"))
