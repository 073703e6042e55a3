"""The sample behind docs/sample-report.html loads twice without duplicates and renders its stories."""

import pytest
from django.core.management import call_command

from claims.models import Claim, Contradiction
from reports.models import PeriodKind
from reports.sample import SAMPLE_SINCE, SAMPLE_UNTIL
from reports.services import report_build

pytestmark = pytest.mark.django_db


def test_the_sample_loads_idempotently_and_reports_the_ganja_range(gazetteer):
    call_command("load_report_sample")
    counts = (Claim.objects.count(), Contradiction.objects.count())
    call_command("load_report_sample")
    assert (Claim.objects.count(), Contradiction.objects.count()) == counts

    report = report_build(period_start=SAMPLE_SINCE, period_end=SAMPLE_UNTIL, kind=PeriodKind.CUSTOM)

    assert report.counts["new_contradictions"] == 8
    assert report.data["widest_ranges"][0]["title"] == "Missile strike on Ganja, 17 October"
    assert report.data["widest_ranges"][0]["range"] == "9–13"
    assert "12:05" in report.html
    assert "&quot;at least ten&quot; dead &amp; said" in report.html
