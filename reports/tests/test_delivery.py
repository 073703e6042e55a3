"""Scheduled reports reach their subscribers by email, once each, narrowed as they asked."""

from datetime import timedelta

import pytest
from django.core import mail
from django.core.mail import EmailMultiAlternatives

from reports.models import DeliveryStatus, PeriodKind, Report, ReportDelivery, Subscription
from reports.services import ReportDeliveryError, report_build, report_deliver, reports_build_due
from reports.tests.conftest import DAY, at

pytestmark = pytest.mark.django_db


def subscribe(email, *, frequency=PeriodKind.DAILY, since=None, **filters) -> Subscription:
    """A subscription made a month before the known day (or ``since``)."""
    subscription = Subscription.objects.create(email=email, frequency=frequency, **filters)
    Subscription.objects.filter(pk=subscription.pk).update(
        created_at=since or at(DAY - timedelta(days=30), 0)
    )
    subscription.refresh_from_db()
    return subscription


def daily_report(known_day) -> Report:
    return report_build(period_start=known_day.day, period_end=known_day.day, kind=PeriodKind.DAILY)


def test_each_daily_subscriber_gets_the_report_once(known_day):
    subscribe("desk@newsroom.example")
    subscribe("weekly@newsroom.example", frequency=PeriodKind.WEEKLY)
    report = daily_report(known_day)

    report_deliver(report_id=report.id)
    report_deliver(report_id=report.id)

    assert [m.to for m in mail.outbox] == [["desk@newsroom.example"]]
    message = mail.outbox[0]
    assert (
        "Daily contradiction report Saturday 17 October 2020: 3 contradictions about its events, "
        "3 newly detected, 3 open" in message.subject
    )
    assert "Contradictions about the period's events: 3 (2 still open)" in message.body
    assert "Newly detected in the period: 3" in message.body
    assert "counted by when the events their claims describe happened" in message.body
    html, mimetype = message.alternatives[0]
    assert mimetype == "text/html"
    assert "Missile strike on Ganja" in html
    assert [name for name, _, _ in message.attachments] == [
        "factcheck-report-daily-2020-10-17.html",
        "factcheck-report-daily-2020-10-17.csv.zip",
        "factcheck-report-daily-2020-10-17.json",
    ]
    delivery = ReportDelivery.objects.get()
    assert (delivery.status, delivery.attempts) == (DeliveryStatus.SENT, 1)


def test_a_party_subscription_receives_only_that_partys_side_of_the_day(known_day):
    subscribe("everything@newsroom.example")
    subscribe("armenia-desk@newsroom.example", party=known_day.parties["Armenia"])

    report_deliver(report_id=daily_report(known_day).id)

    sent = {m.to[0]: m for m in mail.outbox}
    full_html = sent["everything@newsroom.example"].alternatives[0][0]
    narrowed_html = sent["armenia-desk@newsroom.example"].alternatives[0][0]
    assert "Researchers counted between ten and twelve dead" in full_html
    assert "Researchers counted between ten and twelve dead" not in narrowed_html
    assert "five minutes after noon" in narrowed_html
    assert "Narrowed to claims by Armenia" in narrowed_html
    assert (
        "1 contradiction about its events, 1 newly detected, 1 open"
        in sent["armenia-desk@newsroom.example"].subject
    )


def test_an_incident_subscription_receives_only_that_incident(known_day):
    subscribe("ganja@newsroom.example", incident=known_day.ganja)

    report_deliver(report_id=daily_report(known_day).id)

    (message,) = mail.outbox
    html = message.alternatives[0][0]
    assert "Thirteen civilians died" in html
    assert "Hadrut" not in html


def test_inactive_and_later_subscriptions_receive_nothing(known_day):
    paused = subscribe("paused@newsroom.example")
    Subscription.objects.filter(pk=paused.pk).update(active=False)
    subscribe("new@newsroom.example", since=at(known_day.day + timedelta(days=2), 9))

    report_deliver(report_id=daily_report(known_day).id)

    assert mail.outbox == []


def test_a_failed_send_is_logged_and_the_retry_sends_only_what_is_missing(known_day, monkeypatch):
    subscribe("ok@newsroom.example")
    subscribe("down@newsroom.example")
    report = daily_report(known_day)
    real_send = EmailMultiAlternatives.send

    def flaky_send(message, fail_silently=False):
        if message.to == ["down@newsroom.example"]:
            raise ConnectionRefusedError("SMTP server unreachable")
        return real_send(message, fail_silently=fail_silently)

    monkeypatch.setattr(EmailMultiAlternatives, "send", flaky_send)
    with pytest.raises(ReportDeliveryError, match=r"down@newsroom\.example"):
        report_deliver(report_id=report.id)
    failed = ReportDelivery.objects.get(email="down@newsroom.example")
    assert failed.status == DeliveryStatus.FAILED
    assert "unreachable" in failed.error

    monkeypatch.setattr(EmailMultiAlternatives, "send", real_send)
    report_deliver(report_id=report.id)

    assert [m.to[0] for m in mail.outbox] == ["ok@newsroom.example", "down@newsroom.example"]
    failed.refresh_from_db()
    assert (failed.status, failed.attempts) == (DeliveryStatus.SENT, 2)


def test_the_scheduled_run_builds_and_emails_in_one_go(known_day, django_capture_on_commit_callbacks):
    subscribe("desk@newsroom.example")

    with django_capture_on_commit_callbacks(execute=True):
        reports_build_due(kinds=[PeriodKind.DAILY], now=at(known_day.day + timedelta(days=1), 0, 15))
    with django_capture_on_commit_callbacks(execute=True):
        reports_build_due(kinds=[PeriodKind.DAILY], now=at(known_day.day + timedelta(days=1), 0, 20))

    subjects = [m.subject for m in mail.outbox]
    assert sum("17 October 2020" in s for s in subjects) == 1
