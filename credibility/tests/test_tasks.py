"""credibility.tasks and the debounced enqueue after reviews."""

from unittest import mock

import pytest
from django.core.cache import cache

from claims.models import VerdictRating
from claims.tests import engine_fixtures
from claims.tests.factories import ClaimFactory, IncidentFactory
from credibility.models import CredibilityRun, IncidentEstimate, PartyCredibility
from credibility.services import RECOMPUTE_LOCK, credibility_recompute_soon
from credibility.tasks import recompute_credibility
from review.services import verdict_set

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("eager_celery")]
eager_celery = engine_fixtures.eager_celery


@pytest.fixture(autouse=True)
def _no_debounce_left_over():
    cache.delete(RECOMPUTE_LOCK)
    yield
    cache.delete(RECOMPUTE_LOCK)


def test_the_task_twice_leaves_identical_rows():
    incident = IncidentFactory()
    ClaimFactory(incident=incident, killed_min=9, killed_max=9)
    ClaimFactory(incident=incident, killed_min=12, killed_max=None)

    first = recompute_credibility.delay().get()
    rows = (list(PartyCredibility.objects.values()), list(IncidentEstimate.objects.values()))
    second = recompute_credibility.delay().get()

    assert (list(PartyCredibility.objects.values()), list(IncidentEstimate.objects.values())) == rows
    assert first["changed"] > 0
    assert second["changed"] == 0
    assert CredibilityRun.objects.count() == 2


def test_the_task_is_routed_to_the_reports_queue(settings):
    assert settings.CELERY_TASK_ROUTES["credibility.tasks.*"] == {"queue": "reports"}


def test_nothing_is_enqueued_before_the_review_commits(django_capture_on_commit_callbacks, reviewer):
    with mock.patch.object(recompute_credibility, "apply_async") as enqueue:
        with django_capture_on_commit_callbacks(execute=False) as callbacks:
            credibility_recompute_soon()
        assert not enqueue.called
        for callback in callbacks:
            callback()

    assert enqueue.call_count == 1


def test_a_review_runs_the_recompute_that_reads_it(django_capture_on_commit_callbacks, reviewer, settings):
    settings.CREDIBILITY_RECOMPUTE_DELAY = 0
    claim = ClaimFactory(incident=IncidentFactory())
    with django_capture_on_commit_callbacks(execute=True):
        verdict_set(claim=claim, rating=VerdictRating.FALSE, reviewer=reviewer)

    assert PartyCredibility.objects.get(party=claim.claimant).refuted == 1


def test_the_task_is_acked_late_and_retried_only_for_transient_errors():
    from django.db import InterfaceError, OperationalError

    assert recompute_credibility.acks_late is True
    assert recompute_credibility.reject_on_worker_lost is True
    assert set(recompute_credibility.autoretry_for) == {OperationalError, InterfaceError}


def test_beat_recomputes_hourly_on_the_reports_queue():
    from django_celery_beat.models import PeriodicTask

    task = PeriodicTask.objects.get(task="credibility.tasks.recompute_credibility")
    assert task.queue == "reports"
    assert (task.crontab.minute, task.crontab.hour) == ("40", "*")
