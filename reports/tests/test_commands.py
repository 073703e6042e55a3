"""python manage.py build_report writes the report's files for any period."""

import json

import pytest
from django.core.management import CommandError, call_command

from reports.models import PeriodKind, Report

pytestmark = pytest.mark.django_db


def test_build_report_writes_html_csv_and_json_for_the_period(known_day, tmp_path, capsys):
    call_command("build_report", "--since", "2020-10-12", "--until", "2020-10-18", "--out", str(tmp_path))

    names = sorted(p.name for p in tmp_path.iterdir())
    stem = "factcheck-report-custom-2020-10-12-to-2020-10-18"
    assert f"{stem}.html" in names
    assert f"{stem}.json" in names
    assert f"{stem}-widest_casualty_ranges.csv" in names
    assert len(names) == 10  # the page, the JSON and eight CSV tables (party_reliability.csv among them)
    data = json.loads((tmp_path / f"{stem}.json").read_text())
    assert data["totals"]["new_contradictions"] == 6
    assert "Missile strike on Ganja" in (tmp_path / f"{stem}.html").read_text()
    assert "6 contradictions about its events, 6 newly detected and 4 open" in capsys.readouterr().out


def test_build_report_writes_only_the_formats_asked_for_and_reuses_the_stored_report(known_day, tmp_path):
    for _ in range(2):
        call_command(
            "build_report",
            "--since",
            "2020-10-17",
            "--until",
            "2020-10-17",
            "--out",
            str(tmp_path),
            "--format",
            "json",
        )

    assert [p.suffix for p in tmp_path.iterdir()] == [".json"]
    assert Report.objects.filter(kind=PeriodKind.CUSTOM).count() == 1


def test_build_report_narrowed_to_a_party(known_day, tmp_path):
    armenia = known_day.parties["Armenia"]
    call_command(
        "build_report",
        "--since",
        "2020-10-17",
        "--until",
        "2020-10-17",
        "--out",
        str(tmp_path),
        "--format",
        "json",
        "--party",
        str(armenia.id),
    )

    (path,) = tmp_path.iterdir()
    assert json.loads(path.read_text())["totals"]["claims"] == 1


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--since", "17/10/2020", "--until", "2020-10-18"], "is not a date"),
        (["--since", "2020-10-18", "--until", "2020-10-17"], "ends before it starts"),
        (["--since", "2020-10-17", "--until", "2020-10-17", "--format", "pdf"], "Unknown format"),
    ],
)
def test_build_report_refuses_bad_arguments(args, message, tmp_path):
    with pytest.raises(CommandError, match=message):
        call_command("build_report", *args, "--out", str(tmp_path))
