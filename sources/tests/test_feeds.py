"""Feed polling: new entries become articles with claims, nothing twice, 304s honoured, failures backed off."""

import threading
from datetime import timedelta
from unittest import mock

import pytest
from django.utils import timezone

from claims.models import Claim
from claims.tests.engine_fixtures import eager_celery  # noqa: F401
from sources.errors import FetchError
from sources.feeds import feed_backoff, feed_parse, feed_poll
from sources.models import Article, Feed, FeedEntry
from sources.tasks import poll_due_feeds, poll_feed
from sources.tests.factories import FeedFactory, OutletFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def poll(eager_celery, django_capture_on_commit_callbacks):  # noqa: F811
    """Run the poll task as a worker would (extraction tasks sent after commit run too).  Tests that
    check claimants ask for the ``gazetteer`` too."""

    def run(feed: Feed, *, force: bool = True) -> dict:
        with django_capture_on_commit_callbacks(execute=True):
            outcome = poll_feed.delay(feed.pk, force=force).get()
        feed.refresh_from_db()
        return outcome

    return run


def counts():
    return Article.objects.count(), Claim.objects.count()


@pytest.mark.parametrize("path", ["/feed.rss", "/feed.atom"])
def test_a_new_feed_entry_becomes_an_article_with_extracted_claims(web, poll, gazetteer, path):
    feed = FeedFactory(url=web.url(path), title="")
    outcome = poll(feed)
    assert outcome == {"skipped": False, "not_modified": False, "ingested": 1, "failed": 0, "error": ""}
    entry = feed.entries.get()
    assert entry.status == FeedEntry.Status.INGESTED
    article = entry.article
    assert article.url == web.url("/news/ganja-strike")
    assert article.title == "Missile strike hits Ganja homes"
    assert article.outlet.name == "Kura Valley Post"
    assert article.language == "en"
    assert article.published_at.date().isoformat() == "2020-10-11"
    assert article.status == Article.Status.EXTRACTED
    casualty = article.claims.get(kind="casualty")
    assert casualty.claimant.name == "Prosecutor General of Azerbaijan"
    assert (casualty.killed_min, casualty.killed_max, casualty.wounded_min) == (9, 9, 34)
    assert feed.title.startswith("Kura Valley Post")
    assert (feed.consecutive_failures, feed.last_error) == (0, "")
    assert feed.last_success_at is not None
    assert feed.next_poll_at > timezone.now() + timedelta(minutes=14)


def test_the_feeds_outlet_files_its_articles(web, poll):
    feed = FeedFactory(url=web.url("/feed.rss"), outlet=OutletFactory(name="KVP Wire"))
    poll(feed)
    assert feed.entries.get().article.outlet.name == "KVP Wire"


def test_a_second_poll_adds_nothing(web, poll):
    feed = FeedFactory(url=web.url("/fresh.rss"))
    poll(feed)
    before = counts(), FeedEntry.objects.count()
    outcome = poll(feed)
    assert outcome["ingested"] == outcome["failed"] == 0
    assert (counts(), FeedEntry.objects.count()) == before
    assert web.paths().count("/news/ganja-strike") == 1


def test_only_new_entries_are_fetched_on_the_next_poll(web, poll, gazetteer):
    feed = FeedFactory(url=web.url("/fresh.rss"))
    poll(feed)
    web.feed_links.append("/news/hadrut")
    outcome = poll(feed)
    assert outcome["ingested"] == 1
    denial = Article.objects.get(url=web.url("/news/hadrut")).claims.get(kind="denial")
    assert denial.claimant.name == "Ministry of Defence of Armenia"
    assert web.paths().count("/news/ganja-strike") == 1


def test_a_304_is_honoured_and_adds_nothing(web, poll):
    feed = FeedFactory(url=web.url("/feed.rss"))
    poll(feed)
    assert (feed.etag, feed.last_modified) == ('"kvp-feed-1"', "Sun, 11 Oct 2020 12:00:00 GMT")
    web.feed_links.append("/news/hadrut")
    before = counts()
    outcome = poll(feed)
    assert outcome["not_modified"] is True
    assert counts() == before
    conditional = web.requests[-1]["headers"]
    assert conditional["If-None-Match"] == '"kvp-feed-1"'
    assert conditional["If-Modified-Since"] == "Sun, 11 Oct 2020 12:00:00 GMT"
    assert "/news/hadrut" not in web.paths()
    assert feed.last_polled_at >= feed.last_success_at - timedelta(seconds=1)


def test_a_failing_feed_is_backed_off_and_its_error_recorded(web, poll):
    feed = FeedFactory(url=web.url("/feed-broken"), poll_interval=10)
    outcome = poll(feed)
    assert "the server answered HTTP 500" in outcome["error"]
    assert feed.consecutive_failures == 1
    assert "/feed-broken: the server answered HTTP 500" in feed.last_error
    assert feed.last_error_at is not None
    assert feed.last_success_at is None
    assert feed.next_poll_at - feed.last_polled_at == timedelta(minutes=20)
    poll(feed)
    assert feed.consecutive_failures == 2
    assert feed.next_poll_at - feed.last_polled_at == timedelta(minutes=40)


def test_a_feed_that_recovers_is_polled_at_its_interval_again(web, poll):
    feed = FeedFactory(url=web.url("/feed-broken"), poll_interval=10)
    poll(feed)
    Feed.objects.filter(pk=feed.pk).update(url=web.url("/fresh.rss"))
    poll(feed)
    assert (feed.consecutive_failures, feed.last_error) == (0, "")
    assert feed.next_poll_at - feed.last_polled_at == timedelta(minutes=10)


def test_backoff_doubles_per_failure_up_to_the_cap(settings):
    settings.FACTCHECK_FEED_MAX_BACKOFF = 24 * 60 * 60
    assert feed_backoff(interval_minutes=15, failures=0) == timedelta(minutes=15)
    assert feed_backoff(interval_minutes=15, failures=3) == timedelta(minutes=120)
    assert feed_backoff(interval_minutes=15, failures=40) == timedelta(hours=24)


@pytest.mark.parametrize(
    ("path", "message"),
    [
        ("/not-a-feed", "sent text/html, not one of"),
        ("/feed-html-labelled-xml", "this is not an RSS or Atom feed"),
        ("/slow", "timed out"),
    ],
)
def test_a_url_that_is_not_a_feed_is_a_recorded_error(web, poll, path, message):
    feed = FeedFactory(url=web.url(path))
    poll(feed)
    assert message in feed.last_error
    assert feed.consecutive_failures == 1
    assert counts() == (0, 0)


def test_entry_pages_that_fail_are_recorded_and_leave_nothing_half_written(web, poll):
    web.feed_links[:] = ["/huge", "/binary", "/slow", "/loop-a", "http://10.0.0.1/news", "/empty"]
    feed = FeedFactory(url=web.url("/fresh.rss"))
    outcome = poll(feed)
    assert (outcome["ingested"], outcome["failed"]) == (0, 6)
    assert counts() == (0, 0)
    errors = {entry.link.rsplit("/", 1)[-1]: entry.error for entry in feed.entries.all()}
    assert "over the limit of 16384 bytes" in errors["huge"]
    assert "sent application/octet-stream" in errors["binary"]
    assert "timed out" in errors["slow"]
    assert "redirect loop" in errors["loop-a"]
    assert "resolves to 10.0.0.1, which is not a public internet address" in errors["news"]
    assert "The article body is empty." in errors["empty"]
    assert feed.consecutive_failures == 0, "the feed itself was read fine"


def test_a_failed_entry_is_retried_a_bounded_number_of_times(web, poll, settings):
    settings.FACTCHECK_FEED_ENTRY_MAX_ATTEMPTS = 2
    web.feed_links[:] = ["/binary"]
    feed = FeedFactory(url=web.url("/fresh.rss"))
    for _ in range(3):
        poll(feed)
    assert feed.entries.get().attempts == 2
    assert web.paths().count("/binary") == 2


def test_a_failed_entry_that_later_succeeds_is_ingested(web, poll, gazetteer):
    web.feed_links[:] = ["/news/ganja-strike"]
    feed = FeedFactory(url=web.url("/fresh.rss"))
    with mock.patch("sources.feeds.article_ingest_url", side_effect=RuntimeError("disk full")):
        poll(feed)
    failed = feed.entries.get()
    assert (failed.status, failed.error) == (
        "failed",
        f"{web.url('/news/ganja-strike')}: ingestion failed (RuntimeError: disk full)",
    )
    poll(feed)
    entry = feed.entries.get()
    assert (entry.status, entry.attempts, entry.error) == ("ingested", 2, "")
    assert entry.article.claims.exists()


def test_a_feed_polled_by_another_worker_is_skipped(web, poll):
    feed = FeedFactory(url=web.url("/fresh.rss"))
    Feed.objects.filter(pk=feed.pk).update(polling_until=timezone.now() + timedelta(minutes=5))
    assert poll(feed)["skipped"] is True
    assert web.requests == []


def test_a_feed_not_yet_due_is_skipped_unless_forced(web, poll):
    feed = FeedFactory(url=web.url("/fresh.rss"), next_poll_at=timezone.now() + timedelta(minutes=5))
    assert poll(feed, force=False)["skipped"] is True
    assert poll(feed, force=True)["ingested"] == 1


def test_beat_sends_a_poll_for_each_active_due_feed_only():
    now = timezone.now()
    never = FeedFactory(next_poll_at=None)
    due = FeedFactory(next_poll_at=now - timedelta(minutes=1))
    FeedFactory(next_poll_at=now + timedelta(minutes=5))
    FeedFactory(next_poll_at=None, active=False)
    with mock.patch.object(poll_feed, "delay") as delay:
        assert poll_due_feeds() == 2
    assert [call.args for call in delay.call_args_list] == [(never.pk,), (due.pk,)]


def test_polling_a_deleted_feed_does_nothing():
    assert feed_poll(feed_id=987654).skipped


def test_the_beat_entry_is_installed_by_migration():
    from django_celery_beat.models import PeriodicTask

    task = PeriodicTask.objects.get(name="sources: poll due feeds")
    assert (task.task, task.queue, task.interval.every, task.interval.period) == (
        "sources.tasks.poll_due_feeds",
        "extraction",
        1,
        "minutes",
    )


def test_a_feed_body_naming_a_local_file_is_not_opened(tmp_path):
    secret = tmp_path / "secret.xml"
    secret.write_text(
        '<rss version="2.0"><channel><item><link>https://x.example/a</link></item></channel></rss>'
    )
    with pytest.raises(FetchError, match="not an RSS or Atom feed"):
        feed_parse(str(secret).encode(), url="https://feeds.example/rss")


def test_relative_entry_links_are_resolved_against_the_feed_url():
    body = b'<rss version="2.0"><channel><title>T</title><item><link>/news/1</link></item></channel></rss>'
    _, entries = feed_parse(body, url="https://feeds.example/world/rss", content_type="application/rss+xml")
    assert entries[0]["link"] == "https://feeds.example/news/1"


@pytest.mark.django_db(transaction=True)
def test_two_workers_polling_one_feed_at_once_ingest_it_once(web):
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("concurrent writers need PostgreSQL (SQLite locks the whole database)")
    feed = FeedFactory(url=web.url("/fresh.rss"), next_poll_at=None)
    barrier = threading.Barrier(2)
    outcomes = []

    def worker():
        from django.db import connection as thread_connection

        try:
            barrier.wait()
            outcomes.append(feed_poll(feed_id=feed.pk, extract="none"))
        finally:
            thread_connection.close()

    threads = [threading.Thread(target=worker) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcome.skipped for outcome in outcomes) == [False, True]
    assert (Article.objects.count(), FeedEntry.objects.count()) == (1, 1)
    assert web.paths().count("/news/ganja-strike") == 1
