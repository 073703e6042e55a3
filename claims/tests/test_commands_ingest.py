"""``manage.py ingest``: files and folders in, a summary out, --json in the stable claim form."""

import json
from datetime import datetime
from io import StringIO
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from django.core.management import CommandError, call_command

from claims.exports import CLAIM_JSON_KEYS
from claims.models import Claim
from sources.models import Article

pytestmark = pytest.mark.django_db

BAKU = ZoneInfo("Asia/Baku")

GANJA = """Title: Ganja strike
URL: https://wire.example/ganja
Outlet: Wire Example
Published: 2020-10-11T09:00:00Z

Azerbaijan's Prosecutor General's Office said an Armenian missile hit Ganja on Sunday, killing nine
civilians and wounding 34.
"""


def run(*args):
    out, err = StringIO(), StringIO()
    call_command("ingest", *args, "--no-progress", stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_ingest_prints_a_summary(tmp_path: Path, gazetteer):
    (tmp_path / "ganja.txt").write_text(GANJA, encoding="utf-8")
    out, _ = run(str(tmp_path))
    assert "1 article(s) ingested, 0 already known, 0 failed" in out


def test_json_lists_every_extracted_claim_with_the_stable_keys(tmp_path: Path, gazetteer):
    (tmp_path / "ganja.txt").write_text(GANJA, encoding="utf-8")
    out, err = run(str(tmp_path), "--json")
    rows = json.loads(out)
    assert "1 article(s) ingested" in err
    casualty = next(r for r in rows if r["kind"] == "casualty")
    assert tuple(casualty) == CLAIM_JSON_KEYS
    assert casualty["article_url"] == "https://wire.example/ganja"
    assert casualty["claimant"] == "Prosecutor General of Azerbaijan"
    assert casualty["claimant_path"] == [
        "Azerbaijan",
        "Government of Azerbaijan",
        "Prosecutor General of Azerbaijan",
    ]
    assert (casualty["killed_min"], casualty["killed_max"], casualty["wounded_min"]) == (9, 9, 34)
    assert casualty["victim_group"] == "civilian"
    assert casualty["place"] == "Ganja"
    # "on Sunday" is the whole of Sunday 11 October, local time in the conflict zone (UTC+4).
    assert datetime.fromisoformat(casualty["event_start"]) == datetime(2020, 10, 11, tzinfo=BAKU)
    assert datetime.fromisoformat(casualty["event_end"]).date().isoformat() == "2020-10-11"
    body = Article.objects.get().body
    assert body[casualty["start"] : casualty["end"]] == casualty["quote"]
    accusation = next(r for r in rows if r["kind"] == "accusation")
    assert accusation["accused_path"] == ["Armenia", "Armed Forces of Armenia"]


def test_running_twice_changes_nothing_and_still_succeeds(tmp_path: Path, gazetteer):
    (tmp_path / "ganja.txt").write_text(GANJA, encoding="utf-8")
    first, _ = run(str(tmp_path), "--json")
    second, err = run(str(tmp_path), "--json")
    assert "0 article(s) ingested, 1 already known" in err
    assert json.loads(first) == json.loads(second)


def test_bad_files_are_named_and_the_rest_go_in(tmp_path: Path, gazetteer, capsys):
    (tmp_path / "ganja.txt").write_text(GANJA, encoding="utf-8")
    (tmp_path / "broken.txt").write_bytes(b"\xff\xfe\x00garbage")
    out, _ = run(str(tmp_path))
    assert "1 article(s) ingested, 0 already known, 1 failed" in out
    assert "broken.txt" in capsys.readouterr().err


def test_nothing_ingested_is_an_error(tmp_path: Path):
    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    with pytest.raises(CommandError, match="Nothing could be ingested"):
        run(str(tmp_path / "empty.txt"))


# --- --bulk -----------------------------------------------------------------------------------------


def test_bulk_imports_an_archive_and_a_second_run_skips_it(tmp_path: Path, gazetteer):
    (tmp_path / "ganja.txt").write_text(GANJA, encoding="utf-8")
    (tmp_path / "tartar.txt").write_text("Azerbaijani officials said three civilians were wounded in Tartar.")
    out, _ = run(str(tmp_path), "--bulk")
    assert "2 article(s) ingested, 0 already known, 0 of 1 batch(es) failed" in out
    claims = Claim.objects.count()
    assert claims >= 2
    again, _ = run(str(tmp_path), "--bulk")
    assert "0 article(s) ingested, 2 already known" in again
    assert Claim.objects.count() == claims


def test_bulk_names_the_bad_file_writes_nothing_of_its_batch_and_exits_non_zero(
    tmp_path: Path, gazetteer, capsys
):
    (tmp_path / "a-ganja.txt").write_text(GANJA, encoding="utf-8")
    (tmp_path / "b-broken.txt").write_bytes(b"\xff\xfe\x00garbage")
    (tmp_path / "c-tartar.txt").write_text(
        "Azerbaijani officials said three civilians were wounded in Tartar."
    )
    with pytest.raises(CommandError, match="1 batch\\(es\\) wrote nothing"):
        run(str(tmp_path), "--bulk", "--batch-files", "2")
    err = capsys.readouterr().err
    assert "b-broken.txt" in err
    assert "binary" in err
    assert list(Article.objects.values_list("body", flat=True)) == [
        "Azerbaijani officials said three civilians were wounded in Tartar."
    ]


def test_bulk_refuses_urls(gazetteer):
    with pytest.raises(CommandError, match="files and folders only"):
        run("https://wire.example/a", "--bulk")


# --- URLs -------------------------------------------------------------------------------------------


def test_a_url_is_fetched_and_ingested_with_its_claims(web, gazetteer):
    out, _ = run(web.url("/news/ganja-strike"), "--json")
    rows = json.loads(out)
    casualty = next(r for r in rows if r["kind"] == "casualty")
    assert casualty["article_url"] == web.url("/news/ganja-strike")
    assert casualty["claimant"] == "Prosecutor General of Azerbaijan"
    assert Article.objects.get().outlet.name == "Kura Valley Post"


def test_urls_and_files_go_in_together(tmp_path: Path, web, gazetteer):
    (tmp_path / "ganja.txt").write_text(GANJA, encoding="utf-8")
    out, _ = run(str(tmp_path), web.url("/news/hadrut"))
    assert "2 article(s) ingested, 0 already known, 0 failed" in out


@pytest.mark.parametrize(
    ("path", "message"),
    [("/binary", "sent application/octet-stream"), ("/to-metadata", "not a public internet address")],
)
def test_a_url_that_fails_is_named_with_the_reason_and_exits_non_zero(web, capsys, path, message):
    with pytest.raises(CommandError, match="Nothing could be ingested"):
        run(web.url(path))
    error = capsys.readouterr().err
    assert f"error: {web.url(path)}" in error
    assert message in error
    assert not Article.objects.exists()


def test_a_file_url_is_refused_not_read(capsys, fetch_settings):
    with pytest.raises(CommandError):
        run("file:///etc/passwd")
    assert "error: file:///etc/passwd: only http and https URLs can be fetched" in capsys.readouterr().err
