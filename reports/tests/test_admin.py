"""Reports, subscriptions and delivery logs in the admin."""

import pytest
from django.core import mail

from claims.tests.factories import ContradictionFactory
from partners.models import Partner
from reports.models import DeliveryStatus, PeriodKind, Subscription, WebhookDelivery
from reports.services import report_build

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client_(client, superuser):
    client.force_login(superuser)
    return client


@pytest.fixture
def day_report(known_day):
    return report_build(period_start=known_day.day, period_end=known_day.day, kind=PeriodKind.DAILY)


def test_reports_are_listed_with_download_links(admin_client_, day_report):
    response = admin_client_.get("/admin/reports/report/")

    assert response.status_code == 200
    page = response.content.decode()
    assert "Daily report 2020-10-17" in page
    assert "3 / 3 / 1 / 1" in page
    for fmt in ("html", "csv", "json"):
        assert f"/admin/reports/report/{day_report.id}/download/{fmt}/" in page


def test_the_admin_downloads_each_format(admin_client_, day_report):
    html = admin_client_.get(f"/admin/reports/report/{day_report.id}/download/html/")
    csv_zip = admin_client_.get(f"/admin/reports/report/{day_report.id}/download/csv/")
    as_json = admin_client_.get(f"/admin/reports/report/{day_report.id}/download/json/")

    assert b"Missile strike on Ganja" in html.content
    assert csv_zip["Content-Type"] == "application/zip"
    assert as_json.json()["totals"]["new_contradictions"] == 3


def test_downloads_need_a_logged_in_admin(client, day_report):
    response = client.get(f"/admin/reports/report/{day_report.id}/download/html/")

    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]


def test_an_editor_emails_a_report_from_the_admin(
    admin_client_, day_report, django_capture_on_commit_callbacks
):
    subscription = Subscription.objects.create(email="desk@newsroom.example", frequency=PeriodKind.DAILY)
    Subscription.objects.filter(pk=subscription.pk).update(created_at="2020-10-01T00:00Z")

    with django_capture_on_commit_callbacks(execute=True):
        admin_client_.post(
            "/admin/reports/report/", {"action": "send_to_subscribers", "_selected_action": [day_report.id]}
        )

    assert [m.to for m in mail.outbox] == [["desk@newsroom.example"]]


def test_subscription_and_delivery_pages_open(admin_client_, day_report):
    assert admin_client_.get("/admin/reports/subscription/add/").status_code == 200
    assert admin_client_.get("/admin/reports/reportdelivery/").status_code == 200
    assert admin_client_.get("/admin/reports/webhookdelivery/").status_code == 200
    assert admin_client_.get("/admin/reports/webhookcursor/").status_code == 200


def test_a_failed_webhook_delivery_can_be_retried_from_the_admin(admin_client_):
    partner = Partner.objects.create(name="Desk", webhook_url="http://127.0.0.1:9/hook", webhook_secret="s")
    contradiction = ContradictionFactory()
    delivery = WebhookDelivery.objects.create(
        partner=partner,
        contradiction=contradiction,
        contradiction_version=contradiction.updated_at,
        event="contradiction.created",
        payload={"event": "contradiction.created"},
        url=partner.webhook_url,
        status=DeliveryStatus.FAILED,
        attempts=8,
    )
    response = admin_client_.post(
        "/admin/reports/webhookdelivery/", {"action": "retry_now", "_selected_action": [delivery.id]}
    )

    assert response.status_code == 302
    delivery.refresh_from_db()
    assert delivery.status == DeliveryStatus.PENDING
    assert admin_client_.get(f"/admin/reports/webhookdelivery/{delivery.id}/change/").status_code == 200
