"""The audit trail says exactly who changed what, from what, to what: the engine's own writes are its own
entries ("system"), empty links read "—", and a claim's history carries its verdict."""

from __future__ import annotations

import html as html_lib
import re
from datetime import UTC, datetime, timedelta

import pytest
from django.urls import reverse

from claims.models import ClaimKind, Contradiction, Incident, VictimGroup
from claims.services.claims import claim_create
from claims.services.incidents import incident_merge
from claims.services.reviews import ReviewAction, contradiction_review, verdict_set
from claims.tests import engine_fixtures
from claims.tests.factories import IncidentFactory
from review.services import claim_review
from review.tests.helpers import make_reviewer

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("eager_celery")]
eager_celery = engine_fixtures.eager_celery
sides, ganja = engine_fixtures.sides, engine_fixtures.ganja

OCT_11 = datetime(2020, 10, 11, 8, 0, tzinfo=UTC)


def toll(party, place, killed, *, wounded=None, **extra):
    return claim_create(
        claimant=party,
        kind=ClaimKind.CASUALTY,
        stated_at=OCT_11,
        place=place,
        killed_min=killed,
        killed_max=killed,
        wounded_min=wounded,
        wounded_max=wounded,
        victim_group=VictimGroup.CIVILIAN,
        **extra,
    )


@pytest.fixture
def reviewer_client(client, reviewer):
    client.force_login(make_reviewer(reviewer))
    return client


def history_rows(client, url: str) -> list[str]:
    """The audit trail's rows as text, newest first (tags stripped, whitespace collapsed)."""
    html = client.get(url).content.decode()
    rows = re.findall(r"<tr>(.*?)</tr>", html, flags=re.S)
    return [text(row) for row in rows if "<td" in row]


def text(fragment: str) -> str:
    return " ".join(html_lib.unescape(re.sub(r"<[^>]+>", " ", fragment)).replace("\xa0", " ").split())


def test_verifying_a_grouped_claim_records_only_the_review_against_the_reviewer(
    reviewer_client, reviewer, sides, ganja, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        claim = toll(sides["az_prosecutor"], ganja, 9)
    claim.refresh_from_db()
    assert claim.incident_id is not None
    claim_review(claim=claim, status="verified", reviewer=reviewer)

    rows = history_rows(reviewer_client, reverse("admin:claims_claim_history", args=[claim.pk]))
    verify, grouped = rows[0], rows[1]
    assert f"Changed {reviewer.username} review: verified" in verify
    assert "Status: Pending review → Verified" in verify
    assert f"Reviewed by: — → {reviewer.username}" in verify
    assert "Incident" not in verify
    assert "Deleted" not in " ".join(rows)
    assert "system" in grouped
    assert f"grouped into incident #{claim.incident_id}" in grouped
    assert f"Incident: — → {claim.incident}" in grouped


def test_a_resolved_contradiction_shows_what_the_resolve_changed(
    reviewer_client, reviewer, sides, ganja, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        nine = toll(sides["az_prosecutor"], ganja, 9)
        toll(sides["am_defence"], ganja, 12)
    contradiction = Contradiction.objects.get()
    contradiction_review(
        contradiction=contradiction, action=ReviewAction.RESOLVE, reviewer=reviewer, holding_claim=nine
    )
    rows = history_rows(
        reviewer_client, reverse("admin:claims_contradiction_history", args=[contradiction.pk])
    )
    resolve, detected = rows[0], rows[-1]
    assert f"Changed {reviewer.username} review: resolve" in resolve
    assert "Status: Open → Resolved" in resolve
    assert f"Holding claim: — → {nine}"[:60] in resolve
    assert "system" in detected
    assert "engine: detected" in detected


def test_an_incident_history_ends_with_the_figures_the_row_holds_after_a_merge(reviewer, sides, ganja):
    early = IncidentFactory(place=ganja, window_start=OCT_11, window_end=OCT_11)
    late = IncidentFactory(
        place=ganja, window_start=OCT_11 + timedelta(days=1), window_end=OCT_11 + timedelta(days=1)
    )
    toll(sides["az_prosecutor"], ganja, 9, wounded=34, incident=early)
    toll(sides["am_defence"], ganja, 12, wounded=40, incident=late)
    stale = Incident.objects.get(pk=early.pk)
    incident_merge(target=stale, others=[late])
    early.refresh_from_db()
    latest = early.history.order_by("-history_date", "-history_id").first()
    figures = ("killed_low", "killed_high", "wounded_low", "wounded_high", "grade")
    assert {f: getattr(latest, f) for f in figures} == {f: getattr(early, f) for f in figures}
    assert early.wounded_high == 40
    late_latest = late.history.order_by("-history_date", "-history_id").first()
    assert late_latest.merged_into_id == early.pk
    assert late_latest.history_change_reason == f"merged into #{early.pk}"


def test_a_claims_history_lists_its_verdict_with_who_gave_it(reviewer_client, reviewer, sides, ganja):
    claim = toll(sides["az_prosecutor"], ganja, 9)
    verdict_set(claim=claim, rating="misleading", reviewer=reviewer, summary="Counts soldiers as civilians.")
    verdict_set(claim=claim, rating="false", reviewer=reviewer, summary="Counts soldiers as civilians.")
    html = reviewer_client.get(reverse("admin:claims_claim_history", args=[claim.pk])).content.decode()
    related = text(html.split('id="related-history"')[1])
    assert "Rating: Misleading → False" in related
    assert "Rating: — → Misleading" in related
    assert f"Changed {reviewer.username}" in related


# --- Local time with its zone (defect: titles and times in UTC, unlabelled) --------------------------


def test_an_incident_title_uses_the_local_day_of_a_strike_just_after_midnight(sides, ganja):
    # 02:30 on 11 October in Ganja is 22:30 on 10 October UTC.
    claim = claim_create(
        claimant=sides["az_prosecutor"],
        kind=ClaimKind.CASUALTY,
        stated_at=datetime(2020, 10, 10, 22, 30, tzinfo=UTC),
        event_start=datetime(2020, 10, 10, 22, 30, tzinfo=UTC),
        event_end=datetime(2020, 10, 10, 22, 30, tzinfo=UTC),
        place=ganja,
        killed_min=9,
        killed_max=9,
    )
    from claims.services.grouping import claim_group

    incident = claim_group(claim=claim)
    assert incident.title == "Strike (missile, artillery, air) at Ganja, 11 Oct 2020"


def test_the_review_page_shows_local_times_with_the_zone_and_utc_on_hover(
    reviewer_client, sides, ganja, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        toll(sides["az_prosecutor"], ganja, 9)
        toll(sides["am_defence"], ganja, 12)
    contradiction = Contradiction.objects.get()
    html = reviewer_client.get(
        reverse("admin:claims_contradiction_change", args=[contradiction.pk])
    ).content.decode()
    # Stated 08:00 UTC on 11 October is 12:00 in Baku.
    assert '<time datetime="2020-10-11T08:00:00+00:00" title="2020-10-11 08:00 UTC">' in html
    assert "2020-10-11 12:00 (Baku, UTC+04:00)</time>" in html


def test_the_claim_form_reads_and_shows_times_in_local_time_with_its_label(reviewer_client, sides, ganja):
    claim = toll(sides["az_prosecutor"], ganja, 9)
    html = reviewer_client.get(reverse("admin:claims_claim_change", args=[claim.pk])).content.decode()
    assert 'name="stated_at_1" value="12:00:00"' in html
    assert "Local time: Baku, UTC+04:00." in html
