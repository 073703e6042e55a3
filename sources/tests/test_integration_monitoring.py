"""Monitoring on real services: a partner's URL and a news feed fetched by a ``celery worker`` subprocess.

The worker reads pages from the local news site (sources/tests/local_web.py), which it is allowed to
reach through ``FACTCHECK_FETCH_ALLOW_PRIVATE_HOSTS``.  Skipped without PostgreSQL and Redis unless CI
is set: then a missing service is a failure.
"""

from __future__ import annotations

import pytest

from claims.models import Claim
from claims.tests.test_integration_worker import QUEUES, Worker, wait_for
from factcheck.testing import require_integration_services
from sources.models import Feed, FeedEntry, UrlSubmission
from sources.tasks import poll_feed
from sources.tests.local_web import LocalWeb

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True)]

WORKER_FETCH_SETTINGS = {
    "FACTCHECK_FETCH_ALLOW_PRIVATE_HOSTS": "127.0.0.1",
    "FACTCHECK_FETCH_HOST_INTERVAL": "0",
}


@pytest.fixture
def site():
    with LocalWeb() as local:
        yield local


@pytest.fixture
def fetching_worker(transactional_db, gazetteer):
    require_integration_services()
    from factcheck.celery import app

    saved = app.conf.task_always_eager
    app.conf.task_always_eager = False
    with app.connection_for_write() as broker:
        for queue in QUEUES.split(","):
            broker.default_channel.queue_purge(queue)
    started = Worker(env=WORKER_FETCH_SETTINGS)
    yield started
    started.stop()
    app.conf.task_always_eager = saved


def test_a_submitted_url_is_fetched_and_extracted_by_the_worker(
    fetching_worker, site, client_a, fetch_settings
):
    response = client_a.post("/api/v1/articles/", {"url": site.url("/news/ganja-strike")}, format="json")
    assert response.status_code == 202, response.content
    status_url = response.json()["status_url"]

    wait_for(
        lambda: client_a.get(status_url).json()["status"] != "queued",
        timeout=60,
        what="the worker to fetch the URL",
        worker=fetching_worker,
    )
    submission = client_a.get(status_url).json()
    assert (submission["status"], submission["error"]) == ("fetched", "")
    wait_for(
        lambda: Claim.objects.filter(article=submission["article"]).exists(),
        timeout=60,
        what="the worker to extract the claims",
        worker=fetching_worker,
    )
    claim = Claim.objects.select_related("claimant").get(article=submission["article"])
    assert (claim.claimant.name, claim.killed_min, claim.wounded_min) == (
        "Prosecutor General of Azerbaijan",
        9,
        34,
    )
    assert UrlSubmission.objects.get().status == "fetched"


def test_a_feed_polled_on_the_worker_adds_its_entry_once(fetching_worker, site):
    feed = Feed.objects.create(url=site.url("/feed.rss"), title="Kura Valley Post")

    poll_feed.delay(feed.pk)
    wait_for(
        lambda: Claim.objects.filter(article__feed_entries__feed=feed).exists(),
        timeout=60,
        what="the worker to poll the feed and extract its entry",
        worker=fetching_worker,
    )
    poll_feed.delay(feed.pk, force=True)
    wait_for(fetching_worker.idle, timeout=60, what="the second poll", worker=fetching_worker)

    assert FeedEntry.objects.filter(feed=feed).count() == 1
    assert Claim.objects.filter(article__feed_entries__feed=feed).count() == 1
