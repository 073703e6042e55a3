"""Reads in sources.selectors: the time zone a row's times are shown in."""

from datetime import UTC, datetime

import pytest

from claims.models import Incident
from claims.tests.factories import IncidentFactory
from public.display import local_time as public_local_time
from review.display import local_time_text
from sources.models import Conflict
from sources.selectors import row_time_zone

pytestmark = pytest.mark.django_db

STRIKE = datetime(2020, 10, 10, 22, 30, tzinfo=UTC)  # 02:30 on 11 October in Baku


def test_a_rows_times_are_read_in_its_conflicts_zone():
    incident = IncidentFactory(
        conflict=Conflict.objects.create(slug="z", name="Z", timezone="America/Santiago")
    )

    assert row_time_zone(incident).key == "America/Santiago"


def test_a_row_with_no_conflict_is_read_in_utc():
    assert row_time_zone(IncidentFactory(conflict=None)).key == "UTC"
    assert row_time_zone(None).key == "UTC"


def test_a_conflict_loaded_with_the_row_costs_no_query(django_assert_num_queries):
    incident = Incident.objects.select_related("conflict").get(pk=IncidentFactory().pk)

    with django_assert_num_queries(0):
        assert row_time_zone(incident).key == "Asia/Baku"


def test_the_review_desk_and_the_public_pages_show_the_same_local_day():
    incident = Incident.objects.select_related("conflict").get(pk=IncidentFactory().pk)

    assert public_local_time(STRIKE, incident).strftime("%Y-%m-%d %H:%M") == "2020-10-11 02:30"
    assert local_time_text(STRIKE, row_time_zone(incident)).startswith("2020-10-11 02:30")
