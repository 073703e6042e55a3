"""Partner webhooks: each new or changed contradiction is pushed once, signed, and retried with backoff.

The partner's endpoint is a real HTTP server on 127.0.0.1 in a thread; nothing leaves the machine.
"""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
from celery.app.task import Task
from django.utils import timezone

from claims.models import ClaimStatus, ContradictionStatus
from claims.services.claims import claims_review
from claims.services.reviews import contradiction_review, verdict_set, verdict_withdraw
from claims.tests.factories import ClaimFactory, PublishedContradictionFactory
from partners.models import Partner
from reports.models import DeliveryStatus, WebhookCursor, WebhookDelivery
from reports.tasks import deliver_webhook, push_webhooks
from reports.tests.partner_endpoint import SECRET, PartnerEndpoint
from reports.webhooks import (
    MAX_ATTEMPTS,
    STALE_AFTER,
    webhook_backoff,
    webhook_delivery_send,
    webhook_signature,
    webhook_signature_verify,
    webhooks_push,
)
from sources.tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def endpoint():
    with PartnerEndpoint() as server:
        yield server


@pytest.fixture
def partner(endpoint, settings):
    # The endpoint is on 127.0.0.1, which the SSRF guard refuses unless allowed.
    settings.FACTCHECK_FETCH_ALLOW_PRIVATE_HOSTS = ["127.0.0.1"]
    return Partner.objects.create(name="Caucasus Desk", webhook_url=endpoint.url, webhook_secret=SECRET)


@pytest.fixture
def eager_retries(monkeypatch):
    """Let Celery's eager mode run retries in process (it re-raises Retry when errors propagate)."""
    from factcheck.celery import app

    monkeypatch.setitem(app.conf, "task_eager_propagates", False)


def push(django_capture_on_commit_callbacks, *, now=None):
    """One run of the minutely push, a minute in the future so nothing is inside the safety lag."""
    with django_capture_on_commit_callbacks(execute=True):
        return webhooks_push(now=now or timezone.now() + timedelta(minutes=1))


def test_a_new_contradiction_is_pushed_as_signed_json(partner, endpoint, django_capture_on_commit_callbacks):
    contradiction = PublishedContradictionFactory(
        explanation="killed: 13 (Prosecutor General) vs 10–12 (monitors)"
    )

    push(django_capture_on_commit_callbacks)

    (request,) = endpoint.requests
    headers, body = request["headers"], request["body"]
    assert headers["Content-Type"] == "application/json"
    assert headers["X-Factcheck-Event"] == "contradiction.created"
    assert webhook_signature_verify(
        secret=SECRET,
        timestamp=headers["X-Factcheck-Timestamp"],
        body=body,
        signature=headers["X-Factcheck-Signature"],
    )
    payload = json.loads(body)
    assert payload["contradiction"]["id"] == contradiction.id
    assert payload["contradiction"]["explanation"] == "killed: 13 (Prosecutor General) vs 10–12 (monitors)"
    assert [c["killed"] for c in payload["contradiction"]["claims"]] == [[9, 9], [12, 12]]
    delivery = WebhookDelivery.objects.get()
    assert (delivery.status, delivery.attempts, delivery.response_code) == (DeliveryStatus.SENT, 1, 200)
    assert headers["X-Factcheck-Delivery"] == str(delivery.id)


def test_a_signature_fails_for_a_changed_body_a_wrong_secret_or_a_stale_timestamp():
    body = b'{"contradiction":{"id":1}}'
    now = timezone.now()
    timestamp = str(int(now.timestamp()))
    signature = webhook_signature(secret=SECRET, timestamp=timestamp, body=body)

    assert signature.startswith("sha256=")
    assert webhook_signature_verify(
        secret=SECRET, timestamp=timestamp, body=body, signature=signature, now=now
    )
    assert not webhook_signature_verify(
        secret=SECRET, timestamp=timestamp, body=body.replace(b"1", b"2"), signature=signature, now=now
    )
    assert not webhook_signature_verify(
        secret="other", timestamp=timestamp, body=body, signature=signature, now=now
    )
    assert not webhook_signature_verify(
        secret=SECRET, timestamp=timestamp, body=body, signature=signature, now=now + timedelta(minutes=10)
    )


def test_a_contradiction_with_another_partners_unpublished_claim_is_pushed_only_once_published(
    partner, endpoint, reviewer, django_capture_on_commit_callbacks
):
    other = Partner.objects.create(name="Other desk")
    hidden = ClaimFactory(
        article=ArticleFactory(submitted_by=other),
        quote="a figure only the other desk has",
        killed_min=777,
        killed_max=777,
    )
    contradiction = PublishedContradictionFactory(claim_b=hidden)
    own = ClaimFactory(
        submitted_by=partner, quote="the desk's own pending figure", killed_min=55, killed_max=55
    )
    PublishedContradictionFactory(claim_b=own)

    push(django_capture_on_commit_callbacks)
    assert len(endpoint.requests) == 1
    assert b"only the other desk" not in endpoint.requests[0]["body"]
    assert b"own pending figure" in endpoint.requests[0]["body"]

    with django_capture_on_commit_callbacks(execute=True):
        claims_review(claim_ids=[hidden.pk], status=ClaimStatus.VERIFIED, reviewer=reviewer)
    push(django_capture_on_commit_callbacks, now=timezone.now() + timedelta(minutes=2))
    assert len(endpoint.requests) == 2
    assert json.loads(endpoint.requests[1]["body"])["contradiction"]["id"] == contradiction.pk


def test_running_the_push_twice_sends_each_contradiction_once(
    partner, endpoint, django_capture_on_commit_callbacks
):
    PublishedContradictionFactory()
    PublishedContradictionFactory()

    push(django_capture_on_commit_callbacks)
    push(django_capture_on_commit_callbacks)

    assert len(endpoint.requests) == 2
    assert WebhookDelivery.objects.count() == 2
    cursor = WebhookCursor.objects.get(partner=partner)
    assert cursor.last_id == max(WebhookDelivery.objects.values_list("contradiction_id", flat=True))


def test_a_reviewed_contradiction_is_pushed_again_as_an_update(
    partner, endpoint, reviewer, django_capture_on_commit_callbacks
):
    contradiction = PublishedContradictionFactory()
    push(django_capture_on_commit_callbacks)

    contradiction_review(contradiction=contradiction, action="confirm", reviewer=reviewer)
    push(django_capture_on_commit_callbacks)

    assert [p["event"] for p in endpoint.payloads()] == ["contradiction.created", "contradiction.updated"]
    assert endpoint.payloads()[1]["contradiction"]["status"] == ContradictionStatus.CONFIRMED


def test_a_contradiction_changed_within_the_safety_lag_waits_for_the_next_run(
    partner, endpoint, django_capture_on_commit_callbacks
):
    PublishedContradictionFactory()

    push(django_capture_on_commit_callbacks, now=timezone.now())
    assert endpoint.requests == []
    push(django_capture_on_commit_callbacks)
    assert len(endpoint.requests) == 1


def test_partners_without_a_webhook_get_nothing(endpoint, django_capture_on_commit_callbacks):
    Partner.objects.create(name="Reader only")
    PublishedContradictionFactory()

    push(django_capture_on_commit_callbacks)

    assert WebhookDelivery.objects.count() == 0


def test_backoff_doubles_from_thirty_seconds_up_to_fifty_minutes():
    assert [webhook_backoff(attempt=n, jitter=False) for n in (1, 2, 3, 4)] == [30, 60, 120, 240]
    assert webhook_backoff(attempt=30, jitter=False) == 50 * 60
    for attempt in (1, 2, 3):
        assert (
            webhook_backoff(attempt=attempt, jitter=False)
            <= webhook_backoff(attempt=attempt)
            <= (webhook_backoff(attempt=attempt, jitter=False) * 1.1)
        )


def test_a_failing_endpoint_is_retried_by_celery_with_growing_delays(
    partner, endpoint, monkeypatch, eager_retries, django_capture_on_commit_callbacks
):
    countdowns = []
    real_retry = Task.retry

    def recording_retry(task, *args, countdown=None, **kwargs):
        countdowns.append(countdown)
        return real_retry(task, *args, countdown=countdown, **kwargs)

    monkeypatch.setattr(Task, "retry", recording_retry)
    endpoint.statuses.extend([503, 502, 500])
    PublishedContradictionFactory()

    push(django_capture_on_commit_callbacks)

    delivery = WebhookDelivery.objects.get()
    assert (delivery.status, delivery.attempts, delivery.response_code) == (DeliveryStatus.SENT, 4, 200)
    assert len(endpoint.requests) == 4
    assert len(countdowns) == 3
    assert 30 <= countdowns[0] < 60 <= countdowns[1] < 120 <= countdowns[2] < 240
    assert len({r["headers"]["X-Factcheck-Delivery"] for r in endpoint.requests}) == 1


def test_a_delivery_that_keeps_failing_stops_after_the_last_attempt(
    partner, endpoint, eager_retries, django_capture_on_commit_callbacks
):
    endpoint.statuses.extend([503] * MAX_ATTEMPTS)
    PublishedContradictionFactory()

    push(django_capture_on_commit_callbacks)

    delivery = WebhookDelivery.objects.get()
    assert (delivery.status, delivery.attempts, delivery.response_code) == (
        DeliveryStatus.FAILED,
        MAX_ATTEMPTS,
        503,
    )
    assert delivery.next_retry_at is None


def test_a_client_error_is_not_retried(partner, endpoint, django_capture_on_commit_callbacks):
    endpoint.statuses.append(410)
    PublishedContradictionFactory()

    push(django_capture_on_commit_callbacks)

    delivery = WebhookDelivery.objects.get()
    assert (delivery.status, delivery.attempts, delivery.last_error) == (DeliveryStatus.FAILED, 1, "HTTP 410")


def test_an_unreachable_endpoint_is_logged_and_scheduled_for_retry(partner, monkeypatch):
    partner.webhook_url = "http://127.0.0.1:9/closed"
    partner.save()
    contradiction = PublishedContradictionFactory()
    delivery = WebhookDelivery.objects.create(
        partner=partner,
        contradiction=contradiction,
        contradiction_version=contradiction.updated_at,
        event="contradiction.created",
        payload={"event": "contradiction.created", "contradiction": {"id": contradiction.id}},
        url=partner.webhook_url,
    )
    outcome = webhook_delivery_send(delivery_id=delivery.id)

    delivery.refresh_from_db()
    assert delivery.status == DeliveryStatus.PENDING
    assert delivery.response_code is None
    assert "connection failed" in delivery.last_error
    assert 30 <= outcome.retry_in <= 33
    assert delivery.next_retry_at is not None


@pytest.mark.parametrize(
    "url",
    [
        "http://169.254.169.254/latest/meta-data/",
        "http://10.0.0.7/hook",
        "http://[::1]:8000/hook",
        "file:///etc/passwd",
    ],
)
def test_a_webhook_url_the_ssrf_guard_refuses_is_never_contacted_nor_retried(url, settings):
    settings.FACTCHECK_FETCH_ALLOW_PRIVATE_HOSTS = []
    partner = Partner.objects.create(name="Risky desk", webhook_url=url, webhook_secret=SECRET)
    contradiction = PublishedContradictionFactory()
    delivery = WebhookDelivery.objects.create(
        partner=partner,
        contradiction=contradiction,
        contradiction_version=contradiction.updated_at,
        event="contradiction.created",
        payload={"event": "contradiction.created", "contradiction": {"id": contradiction.id}},
        url=url,
    )
    outcome = webhook_delivery_send(delivery_id=delivery.id)

    delivery.refresh_from_db()
    assert delivery.status == DeliveryStatus.FAILED
    assert outcome.retry_in is None
    assert (
        "not a public internet address" in delivery.last_error or "only http and https" in delivery.last_error
    )


def test_a_delivery_whose_retry_message_was_lost_is_sent_by_the_next_push(
    partner, endpoint, django_capture_on_commit_callbacks
):
    contradiction = PublishedContradictionFactory()
    stuck = WebhookDelivery.objects.create(
        partner=partner,
        contradiction=contradiction,
        contradiction_version=contradiction.updated_at,
        event="contradiction.created",
        payload={"event": "contradiction.created", "contradiction": {"id": contradiction.id}},
        url=partner.webhook_url,
        attempts=1,
        next_retry_at=timezone.now() - STALE_AFTER - timedelta(minutes=1),
    )
    WebhookCursor.objects.create(
        partner=partner, last_updated_at=contradiction.updated_at, last_id=contradiction.id
    )

    push(django_capture_on_commit_callbacks)

    stuck.refresh_from_db()
    assert stuck.status == DeliveryStatus.SENT
    assert len(endpoint.requests) == 1


def test_sending_an_already_sent_delivery_again_is_a_no_op(
    partner, endpoint, django_capture_on_commit_callbacks
):
    PublishedContradictionFactory()
    push(django_capture_on_commit_callbacks)
    delivery = WebhookDelivery.objects.get()

    assert deliver_webhook.delay(delivery.id).get() == DeliveryStatus.SENT

    assert len(endpoint.requests) == 1


def test_the_push_task_reports_how_many_sends_it_enqueued(
    partner, endpoint, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        assert push_webhooks.delay().get() == 0


def partner_side_verify(secret: str, headers: dict, body: bytes, tolerance: int = 300) -> bool:
    """What the README tells partners to run, with the standard library only."""
    import hashlib
    import hmac
    import time

    timestamp = headers["X-Factcheck-Timestamp"]
    if abs(time.time() - int(timestamp)) > tolerance:
        return False
    expected = (
        "sha256=" + hmac.new(secret.encode(), f"{timestamp}.".encode() + body, hashlib.sha256).hexdigest()
    )
    return hmac.compare_digest(expected, headers["X-Factcheck-Signature"])


def test_a_partner_verifies_the_signature_with_the_standard_library_alone(
    partner, endpoint, django_capture_on_commit_callbacks
):
    PublishedContradictionFactory()

    push(django_capture_on_commit_callbacks)

    (request,) = endpoint.requests
    assert partner_side_verify(SECRET, request["headers"], request["body"])
    assert not partner_side_verify("a-guessed-secret", request["headers"], request["body"])


# --- Verdicts ---------------------------------------------------------------------------------------


def _verdicts(endpoint) -> list[tuple[str, dict]]:
    return [
        (request["headers"]["X-Factcheck-Event"], json.loads(request["body"]))
        for request in endpoint.requests
        if request["headers"]["X-Factcheck-Event"].startswith("verdict.")
    ]


def test_a_published_verdict_is_pushed_signed_with_its_fact_check_page(
    partner, endpoint, reviewer, django_capture_on_commit_callbacks
):
    claim = ClaimFactory(status=ClaimStatus.VERIFIED, quote="the strike killed nine people")
    verdict = verdict_set(claim=claim, reviewer=reviewer, rating="misleading", summary="Nine, not ninety.")

    push(django_capture_on_commit_callbacks)

    (request,) = [r for r in endpoint.requests if r["headers"]["X-Factcheck-Event"] == "verdict.published"]
    assert webhook_signature_verify(
        secret=SECRET,
        timestamp=request["headers"]["X-Factcheck-Timestamp"],
        body=request["body"],
        signature=request["headers"]["X-Factcheck-Signature"],
    )
    body = json.loads(request["body"])["verdict"]
    assert (body["id"], body["rating"], body["summary"]) == (verdict.id, "misleading", "Nine, not ninety.")
    assert body["url"].endswith(f"/fact-checks/{verdict.id}/")
    assert body["claim"]["quote"] == "the strike killed nine people"


def test_the_sends_are_enqueued_only_when_the_push_commits(
    partner, endpoint, reviewer, django_capture_on_commit_callbacks
):
    verdict_set(
        claim=ClaimFactory(status=ClaimStatus.VERIFIED), reviewer=reviewer, rating="false", summary="No."
    )

    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        webhooks_push(now=timezone.now() + timedelta(minutes=1))
    assert endpoint.requests == []
    assert len(callbacks) == 1

    callbacks[0]()
    assert [event for event, _ in _verdicts(endpoint)] == ["verdict.published"]


def test_a_second_push_sends_no_verdict_again(
    partner, endpoint, reviewer, django_capture_on_commit_callbacks
):
    verdict_set(
        claim=ClaimFactory(status=ClaimStatus.VERIFIED), reviewer=reviewer, rating="false", summary="No."
    )

    push(django_capture_on_commit_callbacks)
    push(django_capture_on_commit_callbacks)
    push(django_capture_on_commit_callbacks, now=timezone.now() + timedelta(minutes=5))

    assert len(_verdicts(endpoint)) == 1
    assert WebhookDelivery.objects.filter(verdict_id__isnull=False).count() == 1


def test_a_withdrawn_verdict_is_pushed_as_a_tombstone(
    partner, endpoint, reviewer, django_capture_on_commit_callbacks
):
    verdict = verdict_set(claim=ClaimFactory(status=ClaimStatus.VERIFIED), reviewer=reviewer, rating="false")
    push(django_capture_on_commit_callbacks)

    verdict_withdraw(verdict=verdict, reviewer=reviewer, reason="wrong claim")
    push(django_capture_on_commit_callbacks)

    event, body = _verdicts(endpoint)[-1]
    assert event == "verdict.withdrawn"
    assert body["verdict"] == {
        "id": verdict.id,
        "withdrawn": True,
        "withdrawn_at": body["verdict"]["withdrawn_at"],
        "reason": "withdrawn",
    }
    assert "claim" not in body["verdict"]


def test_a_verdict_whose_claim_is_rejected_is_pushed_as_withdrawn(
    partner, endpoint, reviewer, django_capture_on_commit_callbacks
):
    claim = ClaimFactory(status=ClaimStatus.VERIFIED)
    verdict_set(claim=claim, reviewer=reviewer, rating="accurate")
    push(django_capture_on_commit_callbacks)

    claims_review(claim_ids=[claim.pk], status=ClaimStatus.REJECTED, reviewer=reviewer)
    push(django_capture_on_commit_callbacks)

    assert [(e, b["verdict"].get("reason")) for e, b in _verdicts(endpoint)] == [
        ("verdict.published", None),
        ("verdict.withdrawn", "claim_unpublished"),
    ]


def test_a_verdict_on_another_partners_unpublished_claim_is_never_pushed(
    partner, endpoint, reviewer, django_capture_on_commit_callbacks
):
    other = Partner.objects.create(name="Other desk")
    hidden = ClaimFactory(status=ClaimStatus.PENDING, article=ArticleFactory(submitted_by=other))
    verdict = verdict_set(claim=hidden, reviewer=reviewer, rating="false")
    push(django_capture_on_commit_callbacks)
    verdict_withdraw(verdict=verdict, reviewer=reviewer)
    push(django_capture_on_commit_callbacks)

    assert _verdicts(endpoint) == []
