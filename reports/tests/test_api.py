"""GET /api/v1/reports/: partners with the read scope list, read and download reports."""

import io
import json
import zipfile
from datetime import date, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from rest_framework.test import APIClient

from partners.models import Partner, PartnerAPIKey
from reports.models import PeriodKind, Report
from reports.services import report_build

pytestmark = pytest.mark.django_db


def partner_client(scopes=("read",)) -> APIClient:
    partner = Partner.objects.create(name=f"Newsroom {'-'.join(scopes) or 'none'}")
    _, key = PartnerAPIKey.objects.create_key(name="reports", partner=partner, scopes=list(scopes))
    client = APIClient()
    client.credentials(HTTP_X_API_KEY=key)
    return client


@pytest.fixture
def reader() -> APIClient:
    return partner_client()


@pytest.fixture
def day_report(known_day) -> Report:
    return report_build(period_start=known_day.day, period_end=known_day.day, kind=PeriodKind.DAILY)


def empty_reports(n: int, start=date(2020, 9, 27)) -> None:
    for i in range(n):
        day = start + timedelta(days=i)
        Report.objects.create(
            kind=PeriodKind.DAILY, period_start=day, period_end=day, generated_at="2020-11-01T00:00Z"
        )


def test_a_partner_with_read_scope_lists_reports_newest_period_first(reader, day_report):
    empty_reports(2)

    response = reader.get("/api/v1/reports/")

    assert response.status_code == 200
    results = response.json()["results"]
    assert [r["period_start"] for r in results] == ["2020-10-17", "2020-09-28", "2020-09-27"]
    first = results[0]
    assert first["kind"] == "daily"
    assert first["counts"]["new_contradictions"] == 3
    assert first["url"] == f"http://testserver/api/v1/reports/{day_report.id}/"
    assert first["downloads"]["csv"] == f"http://testserver/api/v1/reports/{day_report.id}/csv/"
    assert "data" not in first


def test_the_list_filters_by_kind(reader, known_day, day_report):
    report_build(
        period_start=known_day.day, period_end=known_day.day + timedelta(days=1), kind=PeriodKind.CUSTOM
    )

    response = reader.get("/api/v1/reports/", {"kind": "custom"})

    assert [r["kind"] for r in response.json()["results"]] == ["custom"]


def test_a_report_detail_carries_every_table(reader, day_report):
    response = reader.get(f"/api/v1/reports/{day_report.id}/")

    assert response.status_code == 200
    data = response.json()["data"]
    assert data["widest_ranges"][0]["range"] == "9–13"
    assert data["party_pairs"]["rows"][0]["count"] == 1


def test_each_format_downloads(reader, day_report):
    html = reader.get(f"/api/v1/reports/{day_report.id}/html/", HTTP_ACCEPT="text/html")
    csv_zip = reader.get(f"/api/v1/reports/{day_report.id}/csv/", HTTP_ACCEPT="text/csv")
    as_json = reader.get(f"/api/v1/reports/{day_report.id}/json/")

    assert html.status_code == 200
    assert html["Content-Type"] == "text/html; charset=utf-8"
    assert "default-src 'none'" in html["Content-Security-Policy"]
    assert b"Missile strike on Ganja" in html.content
    assert (
        csv_zip["Content-Disposition"] == 'attachment; filename="factcheck-report-daily-2020-10-17.csv.zip"'
    )
    assert "party_pairs.csv" in zipfile.ZipFile(io.BytesIO(csv_zip.content)).namelist()
    assert json.loads(as_json.content)["totals"]["claims"] == 7


def test_an_unknown_format_is_not_found(reader, day_report):
    assert reader.get(f"/api/v1/reports/{day_report.id}/pdf/").status_code == 404


def test_anonymous_callers_and_keys_without_read_scope_are_refused(day_report):
    assert APIClient().get("/api/v1/reports/").status_code in (401, 403)
    assert partner_client(scopes=("submit",)).get("/api/v1/reports/").status_code == 403


def test_staff_can_read_reports_from_a_browser_session(day_report, reviewer):
    client = APIClient()
    client.force_login(reviewer)

    assert client.get("/api/v1/reports/").status_code == 200


def test_listing_costs_the_same_queries_for_two_reports_or_twenty(reader):
    def list_queries() -> list[str]:
        with CaptureQueriesContext(connection) as context:
            assert reader.get("/api/v1/reports/").status_code == 200
        return [q["sql"] for q in context.captured_queries]

    empty_reports(2)
    few = list_queries()
    empty_reports(18, start=date(2020, 10, 1))
    many = list_queries()

    assert len(many) == len(few)
    assert sum('FROM "reports_report"' in sql for sql in many) == 1  # one page, no COUNT
    assert len(few) <= 3  # plus authenticating the key


def test_bad_ids_cursors_and_filters_are_4xx_as_documented(reader, day_report, client, reviewer):
    for path in (
        "/api/v1/reports/999999/",
        "/api/v1/reports/99999999999999999999/",
        "/api/v1/reports/99999999999999999999/json/",
        "/api/v1/reports/999999/csv/",
    ):
        assert reader.get(path).status_code == 404, path
    bad_cursor = reader.get("/api/v1/reports/?cursor=garbage")
    assert bad_cursor.status_code == 400
    assert "cursor" in bad_cursor.json()
    assert reader.get("/api/v1/reports/?page_size=0").status_code == 400
    assert reader.get("/api/v1/reports/?kind=hourly").status_code == 400

    client.force_login(reviewer)
    paths = client.get("/api/schema/?format=json").json()["paths"]
    assert {"400", "404"} <= set(paths["/api/v1/reports/"]["get"]["responses"])
    assert "404" in paths["/api/v1/reports/{id}/"]["get"]["responses"]
    assert "404" in paths["/api/v1/reports/{id}/{fmt}/"]["get"]["responses"]


def test_a_download_error_is_json_like_every_other_api_error(reader):
    for client, status in ((APIClient(), 401), (reader, 404)):
        response = client.get("/api/v1/reports/999999/csv/")
        assert response.status_code == status
        assert response["Content-Type"].startswith("application/json")
        assert "detail" in response.json()
