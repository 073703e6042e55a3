"""detect_contradictions and export_contradictions, as an analyst runs them."""

import csv
import io
import json
from datetime import UTC, datetime

import pytest
from django.core.management import call_command

from claims.exports import CLAIM_JSON_KEYS
from claims.models import Contradiction, ContradictionKind, ContradictionStatus
from claims.selectors.checks import claims_awaiting_check
from claims.tests import engine_fixtures
from claims.tests.factories import ClaimFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("eager_celery")]
eager_celery = engine_fixtures.eager_celery
sides, ganja = engine_fixtures.sides, engine_fixtures.ganja

OCT_11 = datetime(2020, 10, 11, 8, 0, tzinfo=UTC)


@pytest.fixture
def ganja_strike(sides, ganja):
    """Two unchecked casualty claims about one strike: 9 dead by Baku's prosecutor, 12 by Yerevan's ministry."""
    nine = ClaimFactory(claimant=sides["az_prosecutor"], place=ganja, stated_at=OCT_11, quote="nine people")
    twelve = ClaimFactory(
        claimant=sides["am_defence"], place=ganja, stated_at=OCT_11, killed_min=12, killed_max=12
    )
    return nine, twelve


def run(*args) -> str:
    out = io.StringIO()
    call_command(*args, stdout=out, stderr=io.StringIO())
    return out.getvalue()


def test_detect_checks_the_unchecked_claims_and_reports_what_it_found(ganja_strike):
    output = run("detect_contradictions", "--no-progress")
    assert "1 new" in output
    assert "1 contradictions open" in output
    assert claims_awaiting_check() == []


def test_detect_full_rescans_everything_and_a_second_run_adds_nothing(ganja_strike):
    run("detect_contradictions", "--full", "--block-size", "1")
    assert Contradiction.objects.get().kind == ContradictionKind.CASUALTY_MISMATCH
    assert "0 new, 0 updated, 0 closed" in run("detect_contradictions", "--full", "--no-progress")


def test_detect_async_hands_the_work_to_celery(ganja_strike):
    assert "enqueued" in run("detect_contradictions", "--async")
    assert Contradiction.objects.count() == 1  # eager in tests: the task ran at once
    assert "Full rescan enqueued" in run("detect_contradictions", "--full", "--async", "--wait")


def test_export_json_gives_each_contradiction_with_both_claims_in_ingest_form(ganja_strike):
    nine, twelve = ganja_strike
    run("detect_contradictions", "--no-progress")
    [row] = json.loads(run("export_contradictions", "--format", "json"))
    assert set(row) == {"id", "kind", "status", "explanation", "score", "claim_a", "claim_b"}
    assert row["kind"] == "casualty_mismatch"
    assert row["status"] == "open"
    assert row["explanation"].startswith("killed: 9 (Prosecutor General of Azerbaijan, 11 Oct) vs 12")
    assert tuple(row["claim_a"]) == CLAIM_JSON_KEYS
    assert row["claim_a"]["id"] == nine.pk
    assert row["claim_a"]["claimant_path"] == [
        "Azerbaijan",
        "Government of Azerbaijan",
        "Prosecutor General of Azerbaijan",
    ]
    assert row["claim_b"]["id"] == twelve.pk
    assert row["claim_b"]["killed_min"] == 12


def test_export_csv_flattens_the_claims_into_columns(ganja_strike):
    run("detect_contradictions", "--no-progress")
    [row] = list(csv.DictReader(io.StringIO(run("export_contradictions", "--format", "csv"))))
    assert row["kind"] == "casualty_mismatch"
    assert row["claim_a_claimant"] == "Prosecutor General of Azerbaijan"
    assert row["claim_b_claimant_path"] == "Armenia > Government of Armenia > Ministry of Defence of Armenia"
    assert row["claim_b_killed_min"] == "12"


def test_export_can_filter_by_status(ganja_strike):
    run("detect_contradictions", "--no-progress")
    Contradiction.objects.update(status=ContradictionStatus.DISMISSED)
    assert json.loads(run("export_contradictions", "--status", "open")) == []
    assert len(json.loads(run("export_contradictions", "--status", "dismissed"))) == 1


def test_export_of_nothing_is_an_empty_list(db):
    assert json.loads(run("export_contradictions")) == []
