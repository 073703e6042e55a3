"""Building, storing and catching up reports."""

import csv
import io
import json
import zipfile
from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from claims.tests.factories import ContradictionFactory, PublishedClaimFactory
from reports.models import PeriodKind, Report
from reports.services import period_for, report_build, report_due_periods, reports_build_due
from reports.tests.conftest import at, stamp
from sources.tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


def build_day(known_day, **kwargs):
    return report_build(period_start=known_day.day, period_end=known_day.day, kind=PeriodKind.DAILY, **kwargs)


def test_a_built_report_stores_its_counts_html_csv_and_json(known_day):
    report = build_day(known_day)

    assert report.counts == {
        "new_contradictions": 3,
        "open_contradictions": 3,
        "confirmed": 1,
        "dismissed": 1,
        "claims": 7,
        "contradictions": 3,  # about the day's events: Ganja toll, noon blame, Hadrut control
        "contradictions_open": 2,  # Hadrut's was confirmed
    }
    assert report.data["report"]["period_label"] == "Saturday 17 October 2020"
    assert "Missile strike on Ganja" in report.html
    assert report.html.startswith("<!doctype html>")
    with zipfile.ZipFile(io.BytesIO(bytes(report.csv_zip))) as archive:
        assert sorted(archive.namelist()) == [
            "claims_per_party_per_day.csv",
            "contradictions_by_kind.csv",
            "newly_detected_contradictions.csv",
            "party_pairs.csv",
            "party_reliability.csv",
            "reviewed.csv",
            "top_open_contradictions.csv",
            "widest_casualty_ranges.csv",
        ]
        ranges = list(csv.DictReader(io.StringIO(archive.read("widest_casualty_ranges.csv").decode())))
    assert [(r["claimant"], r["figure"], r["conservative"]) for r in ranges] == [
        ("Hikmet Hajiyev", "9+", "9"),
        ("Human Rights Watch", "10–12", "9"),
        ("Prosecutor General of Azerbaijan", "13", "9"),
    ]
    assert json.loads(json.dumps(report.data))["totals"] == report.counts


def test_building_the_same_period_twice_updates_one_report(known_day):
    first = build_day(known_day)
    stamp(
        ContradictionFactory(
            claim_a=PublishedClaimFactory(stated_at=at(known_day.day, 5)),
            claim_b=PublishedClaimFactory(killed_min=2, killed_max=2),
        ),
        detected_at=at(known_day.day, 6),
    )

    second = build_day(known_day)

    assert second.pk == first.pk
    assert Report.objects.count() == 1
    assert second.counts["new_contradictions"] == 4


def test_a_narrowed_report_is_kept_apart_from_the_full_one(known_day):
    full = build_day(known_day)
    narrowed = build_day(known_day, filters={"party": known_day.parties["Armenia"].id})

    assert narrowed.pk != full.pk
    assert narrowed.filter_key == f"party:{known_day.parties['Armenia'].id}"
    assert "Narrowed to claims by Armenia" in narrowed.html
    assert narrowed.counts["claims"] == 1


def test_article_text_is_escaped_in_the_html_report(known_day):
    PublishedClaimFactory(
        claimant=known_day.parties["Ministry of Defence of Armenia"],
        incident=known_day.ganja,
        victim_group="civilian",
        stated_at=at(known_day.day, 21),
        killed_min=30,
        killed_max=30,
        article=ArticleFactory(title="<b>Breaking</b>", outlet=None),
        quote='<script>alert("Ganja")</script> & <img src=x onerror=alert(1)>',
    )

    html = build_day(known_day).html

    assert "<script>alert" not in html
    assert "<img src=x" not in html
    assert (
        "&lt;script&gt;alert(&quot;Ganja&quot;)&lt;/script&gt; &amp; &lt;img src=x onerror=alert(1)&gt;"
        in html
    )
    assert "&lt;b&gt;Breaking&lt;/b&gt;" in html


def test_csv_cells_that_would_run_as_spreadsheet_formulas_stay_text(known_day):
    claim = known_day.claims["toll_13"]
    claim.quote = '=HYPERLINK("http://evil.example")'
    claim.save()

    report = build_day(known_day)

    with zipfile.ZipFile(io.BytesIO(bytes(report.csv_zip))) as archive:
        text = archive.read("top_open_contradictions.csv").decode()
    assert "'=HYPERLINK" in text


def test_a_daily_report_must_cover_one_day_and_a_custom_one_a_real_period(known_day):
    with pytest.raises(ValidationError, match="not a daily period"):
        report_build(
            period_start=known_day.day, period_end=known_day.day + timedelta(days=1), kind=PeriodKind.DAILY
        )
    with pytest.raises(ValidationError, match="ends before it starts"):
        report_build(
            period_start=known_day.day, period_end=known_day.day - timedelta(days=1), kind=PeriodKind.CUSTOM
        )
    with pytest.raises(ValidationError, match="one party or one incident"):
        build_day(known_day, filters={"party": 1, "incident": 1})


def test_weekly_periods_run_monday_to_sunday():
    assert period_for(kind=PeriodKind.WEEKLY, day=date(2020, 10, 17)) == (
        date(2020, 10, 12),
        date(2020, 10, 18),
    )
    assert period_for(kind=PeriodKind.WEEKLY, day=date(2020, 10, 12)) == (
        date(2020, 10, 12),
        date(2020, 10, 18),
    )


def test_the_scheduled_run_builds_yesterdays_report(known_day):
    built = reports_build_due(kinds=[PeriodKind.DAILY], now=at(known_day.day + timedelta(days=1), 0, 15))

    report = Report.objects.get(kind=PeriodKind.DAILY, period_start=known_day.day)
    assert report.id in built
    assert report.counts["new_contradictions"] == 3


def test_firing_twice_for_the_same_period_makes_one_report(known_day):
    now = at(known_day.day + timedelta(days=1), 0, 15)
    reports_build_due(kinds=[PeriodKind.DAILY, PeriodKind.WEEKLY], now=now)
    count = Report.objects.count()

    assert reports_build_due(kinds=[PeriodKind.DAILY, PeriodKind.WEEKLY], now=now) == []
    assert Report.objects.count() == count
    assert Report.objects.filter(kind=PeriodKind.DAILY, period_start=known_day.day).count() == 1


def test_a_missed_day_is_caught_up_on_the_next_run(known_day):
    day = known_day.day
    for offset in (1, 3, 4, 5, 6, 7):  # the scheduler was down the night after the 15th
        other = day - timedelta(days=offset - 1)
        report_build(period_start=other, period_end=other, kind=PeriodKind.DAILY)
    assert report_due_periods(kind=PeriodKind.DAILY, today=day + timedelta(days=1)) == [
        (day - timedelta(days=1), day - timedelta(days=1))
    ]

    built = reports_build_due(kinds=[PeriodKind.DAILY], now=at(day + timedelta(days=1), 0, 15))

    assert [Report.objects.get(pk=pk).period_start for pk in built] == [day - timedelta(days=1)]
    assert Report.objects.filter(kind=PeriodKind.DAILY).count() == 7


def test_a_missed_week_is_caught_up(known_day):
    monday_after = date(2020, 10, 26)
    built = reports_build_due(kinds=[PeriodKind.WEEKLY], now=at(monday_after, 0, 30))

    starts = sorted(Report.objects.get(pk=pk).period_start for pk in built)
    assert starts[-2:] == [date(2020, 10, 12), date(2020, 10, 19)]  # the week of the 17th and the one after
    week = Report.objects.get(kind=PeriodKind.WEEKLY, period_start=date(2020, 10, 12))
    # Three on the 17th, two on the 14th, one on the 18th.
    assert week.counts["new_contradictions"] == 6


def statements(context) -> list[str]:
    """The queries that reach the tables (savepoints left out: they depend on the caller's transaction)."""
    return [q["sql"] for q in context.captured_queries if not q["sql"].startswith(("SAVEPOINT", "RELEASE"))]


def test_report_build_query_count_is_pinned(known_day):
    with CaptureQueriesContext(connection) as created:
        build_day(known_day)
    with CaptureQueriesContext(connection) as rebuilt:
        build_day(known_day)

    # The report queries (dismiss reasons, newly detected, most and least reliable parties, the sides
    # they name), then update_or_create: a locking get, then an insert or an update.
    assert len(statements(created)) == 14
    assert len(statements(rebuilt)) == 14
