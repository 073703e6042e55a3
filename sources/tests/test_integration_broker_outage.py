"""A broker outage on real services: articles submitted to gunicorn while Redis is unreachable.

Every submission answers at once (no request held over a second), and once the broker is back a worker
extracts every one of them, sent by the extraction sweep (the beat entry "sources: re-send lost
extractions"), since their own messages never left.  Skipped without PostgreSQL and Redis unless CI is
set: then a missing service is a failure.
"""

from __future__ import annotations

import socket
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest
import requests

from claims.tests.test_integration_worker import CLOSED_PORT_BROKER, QUEUES, Worker, wait_for
from factcheck.testing import ROOT, require_integration_services, subprocess_environment
from partners.services import partner_key_create
from sources.models import Article
from sources.tasks import requeue_extractions

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True)]

ARTICLES = 5
SLOWEST_ALLOWED = 1.0


@pytest.fixture
def services(transactional_db, gazetteer):
    require_integration_services()
    from factcheck.celery import app

    saved = app.conf.task_always_eager
    app.conf.task_always_eager = False
    with app.connection_for_write() as broker:
        for queue in QUEUES.split(","):
            broker.default_channel.queue_purge(queue)
    yield
    app.conf.task_always_eager = saved


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Gunicorn:
    """The production web server on this test's database, with a broker that refuses connections."""

    def __init__(self, **env: str):
        self.port = _free_port()
        self.log = Path(f"/tmp/gunicorn-{uuid.uuid4().hex[:8]}.log")
        self.process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "gunicorn",
                "factcheck.wsgi:application",
                "--bind",
                f"127.0.0.1:{self.port}",
                "--workers",
                "1",
                "--threads",
                "4",
            ],
            cwd=ROOT,
            env=subprocess_environment(**env),
            stdout=self.log.open("w"),
            stderr=subprocess.STDOUT,
        )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                # The first request loads Django: warm the worker before any request is timed.
                if requests.get(self.url("/health/"), timeout=30).status_code == 200:
                    return
            except (requests.ConnectionError, requests.Timeout):
                time.sleep(0.3)
        self.stop()
        pytest.fail(f"gunicorn did not start\n{self.log.read_text()[-3000:]}")

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.process.kill()


def test_articles_submitted_while_the_broker_is_down_answer_at_once_and_are_all_extracted_later(services):
    key = partner_key_create(partner_name="Outage desk", scopes=["read", "submit"]).key
    web = Gunicorn(CELERY_BROKER_URL=CLOSED_PORT_BROKER)
    requests.get(web.url("/api/v1/articles/"), headers={"X-Api-Key": key}, timeout=30)  # load the API
    timings = []
    try:
        for n in range(ARTICLES):
            started = time.monotonic()
            response = requests.post(
                web.url("/api/v1/articles/"),
                json={
                    "body": f"Dispatch number {n} from the front. A missile hit Ganja, killing nine people.",
                    "url": f"https://outage.example/{n}",
                    "outlet": "Outage Wire",
                },
                headers={"X-Api-Key": key},
                timeout=30,
            )
            timings.append(time.monotonic() - started)
            assert response.status_code == 202, response.text
    finally:
        web.stop()
    print(f"submission times with the broker down: {', '.join(f'{t:.3f}s' for t in timings)}")
    assert max(timings) < SLOWEST_ALLOWED, timings
    articles = Article.objects.filter(url__startswith="https://outage.example/")
    assert articles.count() == ARTICLES
    assert set(articles.values_list("status", flat=True)) == {"received"}, "no message can have left"

    worker = Worker()
    try:
        requeue_extractions.delay(older_than_seconds=0)  # what the beat entry sends every five minutes
        wait_for(
            lambda: not articles.filter(status="received").exists(),
            timeout=90,
            what="the sweep's extractions",
            worker=worker,
        )
    finally:
        worker.stop()
    assert set(articles.values_list("status", flat=True)) == {"extracted"}, list(
        articles.exclude(status="extracted").values_list("url", "status_message")
    )
    assert all(article.claims.exists() for article in articles)
