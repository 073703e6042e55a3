"""The reviewer dashboard: queue sizes, contradictions per day, who contradicts most, widest ranges."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from claims.models import Contradiction, ContradictionStatus
from claims.tests.factories import ClaimFactory, ContradictionFactory, IncidentFactory
from review import selectors
from review.tests.helpers import ESCAPED_SCRIPT, SCRIPT, make_reviewer
from sources.tests.factories import PartyFactory

pytestmark = pytest.mark.django_db

DASHBOARD = reverse("review:dashboard")


@pytest.fixture
def staff_client(client, reviewer):
    client.force_login(make_reviewer(reviewer))
    return client


def test_anonymous_users_are_sent_to_log_in(client):
    response = client.get(DASHBOARD)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login"))


def test_non_staff_users_are_sent_to_log_in(client, django_user_model):
    client.force_login(django_user_model.objects.create_user("reader", password="x-long-pass-1"))
    assert client.get(DASHBOARD).status_code == 302


def test_queue_sizes_count_what_waits_for_a_reviewer():
    ClaimFactory.create_batch(2, status="pending")
    ClaimFactory(status="verified")
    ContradictionFactory.create_batch(3)
    ContradictionFactory(status=ContradictionStatus.DISMISSED)
    PartyFactory(needs_review=True)
    sizes = selectors.queue_sizes()
    # The contradiction factories' own claims are pending too.
    assert sizes.claims_to_review == 2 + 4 * 2
    assert sizes.open_contradictions == 3
    assert sizes.parties_to_review == 1


def test_contradictions_per_day_are_zero_filled_oldest_first():
    today = timezone.localdate()
    old = ContradictionFactory()
    Contradiction.objects.filter(pk=old.pk).update(detected_at=timezone.now() - timedelta(days=2))
    ContradictionFactory.create_batch(2)
    days = selectors.contradictions_per_day(days=5, today=today)
    assert [d for d, _ in days] == [today - timedelta(days=i) for i in (4, 3, 2, 1, 0)]
    assert [n for _, n in days] == [0, 0, 1, 0, 2]


def test_parties_most_often_in_contradiction_count_both_sides_and_skip_dismissed():
    loud = PartyFactory(name="Loud party")
    quiet = PartyFactory(name="Quiet party")
    ContradictionFactory(claim_a=ClaimFactory(claimant=loud), claim_b=ClaimFactory(claimant=quiet))
    ContradictionFactory(claim_a=ClaimFactory(claimant=quiet), claim_b=ClaimFactory(claimant=loud))
    ContradictionFactory(claim_a=ClaimFactory(claimant=loud))
    ContradictionFactory(claim_a=ClaimFactory(claimant=quiet), status=ContradictionStatus.DISMISSED)
    ranking = selectors.parties_most_in_contradiction(limit=2)
    assert ranking == [(loud, 3), (quiet, 2)]


def test_widest_casualty_ranges_come_first():
    narrow = IncidentFactory(killed_low=9, killed_high=10)
    wide = IncidentFactory(killed_low=5, killed_high=40)
    IncidentFactory(killed_low=7, killed_high=7)
    assert selectors.widest_casualty_ranges(limit=5) == [wide, narrow]


def test_dashboard_shows_the_figures_with_links_into_the_admin(staff_client):
    contradiction = ContradictionFactory()
    incident = IncidentFactory(killed_low=9, killed_high=30)
    html = staff_client.get(DASHBOARD).content.decode()
    assert 'id="open-contradictions">1<' in html
    assert reverse("admin:claims_incident_change", args=[incident.pk]) in html
    assert f"?claimant={contradiction.claim_a.claimant_id}" in html
    assert "9–30" in html


def test_dashboard_escapes_party_and_incident_names(staff_client):
    party = PartyFactory(name=f"Party {SCRIPT}")
    ContradictionFactory(claim_a=ClaimFactory(claimant=party))
    IncidentFactory(title=f"Strike {SCRIPT}", killed_low=1, killed_high=5)
    html = staff_client.get(DASHBOARD).content.decode()
    assert SCRIPT not in html
    assert ESCAPED_SCRIPT in html


def test_dashboard_runs_the_same_queries_however_much_data(staff_client):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    ContradictionFactory()
    IncidentFactory(killed_low=1, killed_high=5)
    with CaptureQueriesContext(connection) as first:
        staff_client.get(DASHBOARD)
    for i in range(15):
        ContradictionFactory()
        IncidentFactory(killed_low=1, killed_high=5 + i)
    with CaptureQueriesContext(connection) as second:
        staff_client.get(DASHBOARD)
    assert len(second.captured_queries) == len(first.captured_queries)


def test_claims_to_review_count_and_its_link_show_the_same_extracted_claims(staff_client, gazetteer):
    import re

    from claims.services.extraction import article_extract_claims
    from sources.tests.factories import ArticleFactory

    article = ArticleFactory(
        body="Azerbaijan's Prosecutor General's office said nine civilians were killed in Ganja on Sunday."
    )
    extracted = article_extract_claims(article=article)
    ClaimFactory(status="verified")
    html = staff_client.get(DASHBOARD).content.decode()
    count = int(re.search(r'id="claims-to-review">(\d+)<', html).group(1))
    link = re.search(r'<a href="([^"]+)"><span class="n" id="claims-to-review">', html).group(1)
    listed = staff_client.get(link.replace("&amp;", "&")).context["cl"].result_count
    assert extracted
    assert count == len(extracted) == listed


# --- per conflict -----------------------------------------------------------------------------------


def _conflict(slug: str):
    from sources.models import Conflict

    return Conflict.objects.create(slug=slug, name=f"War {slug}", timezone="UTC")


def test_the_dashboard_counts_what_waits_in_each_conflict(staff_client):
    north, south = _conflict("north"), _conflict("south")
    ClaimFactory.create_batch(3, status="pending", conflict=north)
    ClaimFactory(status="pending", conflict=south)
    ContradictionFactory(claim_a=ClaimFactory(conflict=south), claim_b=ClaimFactory(conflict=south))

    rows = {
        row.conflict.slug: (row.pending_claims, row.open_contradictions)
        for row in selectors.queues_per_conflict()
    }
    assert rows["north"] == (3, 0)
    assert rows["south"] == (3, 1)
    html = staff_client.get(DASHBOARD).content.decode()
    assert f"conflict__id__exact={south.pk}" in html
    assert 'value="south"' in html


def test_choosing_a_conflict_narrows_every_figure_to_it(staff_client):
    north, south = _conflict("north"), _conflict("south")
    ClaimFactory.create_batch(2, status="pending", conflict=north)
    ContradictionFactory(claim_a=ClaimFactory(conflict=south), claim_b=ClaimFactory(conflict=south))
    IncidentFactory(conflict=south, title="Southern strike", killed_low=1, killed_high=9)

    html = staff_client.get(DASHBOARD, {"conflict": "north"}).content.decode()
    assert 'id="claims-to-review">2<' in html
    assert 'id="open-contradictions">0<' in html
    assert "Southern strike" not in html
    assert "Southern strike" in staff_client.get(DASHBOARD, {"conflict": "south"}).content.decode()


def test_an_unknown_conflict_is_a_404_naming_the_parameter(staff_client):
    response = staff_client.get(DASHBOARD, {"conflict": "atlantis"})
    assert response.status_code == 404


def test_queue_sizes_past_the_cap_read_as_ten_thousand_plus(monkeypatch):
    monkeypatch.setattr(selectors, "COUNT_CAP", 3)
    ClaimFactory.create_batch(5, status="pending")

    sizes = selectors.queue_sizes()
    assert sizes.claims_to_review == 4
    assert sizes.claims_to_review_text == "3+"


@pytest.mark.parametrize("conflict", ["", "north"])
def test_the_dashboard_runs_the_same_queries_however_many_conflicts_and_rows(staff_client, conflict):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    north = _conflict("north")
    ContradictionFactory(claim_a=ClaimFactory(conflict=north))
    with CaptureQueriesContext(connection) as first:
        staff_client.get(DASHBOARD, {"conflict": conflict} if conflict else {})
    for i in range(5):
        other = _conflict(f"extra-{i}")
        ContradictionFactory(claim_a=ClaimFactory(conflict=other), claim_b=ClaimFactory(conflict=north))
        IncidentFactory(conflict=north, killed_low=1, killed_high=5 + i)
    with CaptureQueriesContext(connection) as second:
        staff_client.get(DASHBOARD, {"conflict": conflict} if conflict else {})
    assert len(second.captured_queries) == len(first.captured_queries)
