"""Beat and a worker as real processes: django-celery-beat's DatabaseScheduler reads a periodic task
from PostgreSQL, sends it through Redis, and a ``celery worker`` on the reports queue builds and mails.

Without PostgreSQL or Redis these tests are skipped, unless CI is set: then they fail, so a CI run
can never pass without them.
"""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
import uuid
from datetime import timedelta
from pathlib import Path

import pytest
from django.utils import timezone
from django_celery_beat.models import IntervalSchedule, PeriodicTask

from factcheck.testing import ROOT, require_integration_services, subprocess_environment
from reports.models import DeliveryStatus, PeriodKind, Report, ReportDelivery, Subscription

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def real_services(transactional_db):
    """Skip without PostgreSQL and Redis; under CI that is a failure, never a skip."""
    require_integration_services()
    from factcheck.celery import app

    with app.connection_for_write() as broker:
        broker.default_channel.queue_purge("reports")


class Process:
    """A celery subprocess in its own process group, stopped (with its children) at the end."""

    def __init__(self, *args: str, ready: str):
        self.log = Path(f"/tmp/reports-itest-{uuid.uuid4().hex[:8]}.log")
        self.process = subprocess.Popen(
            [sys.executable, "-m", "celery", "-A", "factcheck", *args],
            cwd=ROOT,
            # The partner's endpoint is on 127.0.0.1, which the webhook SSRF guard refuses unless allowed.
            env=subprocess_environment(
                DJANGO_EMAIL_URL="consolemail://", FACTCHECK_FETCH_ALLOW_PRIVATE_HOSTS="127.0.0.1"
            ),
            stdout=self.log.open("w"),
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        wait_for(lambda: ready in self.log.read_text(), what=f"celery {args[0]} to start", logs=[self])

    def stop(self) -> None:
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait(timeout=5)


def wait_for(condition, *, what: str, logs: list[Process], timeout: float = 60.0) -> None:
    """Poll until ``condition()`` holds; on timeout fail with the processes' logs."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.25)
    tails = "\n\n".join(f"--- {p.log}\n{p.log.read_text()[-3000:]}" for p in logs)
    pytest.fail(f"Timed out waiting for {what}.\n{tails}")


@pytest.fixture
def worker():
    process = Process(
        "worker",
        "-Q",
        "reports",
        "-c",
        "1",
        "-n",
        f"reports-itest-{uuid.uuid4().hex[:6]}@{socket.gethostname()}",
        "--without-gossip",
        "--without-mingle",
        "-l",
        "info",
        ready="ready.",
    )
    yield process
    process.stop()


@pytest.fixture
def beat(tmp_path):
    def start() -> Process:
        process = Process(
            "beat",
            "-S",
            "django_celery_beat.schedulers:DatabaseScheduler",
            "--max-interval",
            "1",
            "--pidfile",
            str(tmp_path / "beat.pid"),
            "-l",
            "info",
            ready="beat: Starting",
        )
        started.append(process)
        return process

    started: list[Process] = []
    yield start
    for process in started:
        process.stop()


def test_beat_sends_the_scheduled_build_and_the_worker_builds_and_mails_yesterdays_report(worker, beat):
    subscription = Subscription.objects.create(email="desk@newsroom.example", frequency=PeriodKind.DAILY)
    Subscription.objects.filter(pk=subscription.pk).update(created_at=timezone.now() - timedelta(days=30))
    every_second, _ = IntervalSchedule.objects.get_or_create(every=1, period=IntervalSchedule.SECONDS)
    PeriodicTask.objects.create(
        name="itest: daily report now",
        task="reports.tasks.build_due_reports",
        interval=every_second,
        kwargs=json.dumps({"kinds": ["daily"]}),
        queue="reports",
        one_off=True,
    )
    yesterday = timezone.now().date() - timedelta(days=1)

    scheduler = beat()
    wait_for(
        lambda: ReportDelivery.objects.filter(
            status=DeliveryStatus.SENT, report__period_start=yesterday
        ).exists(),
        what="the scheduled report to be built and mailed",
        logs=[scheduler, worker],
    )

    assert Report.objects.filter(kind=PeriodKind.DAILY, period_start=yesterday, filter_key="").count() == 1
    assert "Sending due task itest: daily report now" in scheduler.log.read_text()
    assert "desk@newsroom.example" in worker.log.read_text()  # the console email backend's output


def test_the_worker_pushes_a_signed_contradiction_to_a_partner_endpoint(worker):
    from claims.models import Contradiction
    from claims.tests.factories import PublishedContradictionFactory
    from partners.models import Partner
    from reports.tasks import push_webhooks
    from reports.tests.partner_endpoint import SECRET, PartnerEndpoint
    from reports.webhooks import webhook_signature_verify

    with PartnerEndpoint() as endpoint:
        Partner.objects.create(name="Caucasus Desk", webhook_url=endpoint.url, webhook_secret=SECRET)
        contradiction = PublishedContradictionFactory()
        # Changed a minute ago: outside the push's safety lag for uncommitted writes.
        Contradiction.objects.filter(pk=contradiction.pk).update(
            updated_at=timezone.now() - timedelta(minutes=1)
        )

        push_webhooks.delay()
        wait_for(lambda: endpoint.requests, what="the partner endpoint to receive the push", logs=[worker])

    (request,) = endpoint.requests
    headers = request["headers"]
    assert webhook_signature_verify(
        secret=SECRET,
        timestamp=headers["X-Factcheck-Timestamp"],
        body=request["body"],
        signature=headers["X-Factcheck-Signature"],
    )
    assert json.loads(request["body"])["contradiction"]["id"] == contradiction.id
