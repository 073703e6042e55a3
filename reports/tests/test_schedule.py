"""The beat schedule exists after migrate, stays editable, and django-celery-beat's scheduler fires it."""

from datetime import timedelta

import pytest
from django.utils import timezone
from django_celery_beat.models import PeriodicTask
from django_celery_beat.schedulers import DatabaseScheduler

import reports.tasks  # noqa: F401 - registers the tasks the scheduler runs
from factcheck.celery import app
from reports.models import PeriodKind, Report
from reports.tests.conftest import at

pytestmark = pytest.mark.django_db

DAILY = "reports: build the daily report"
WEEKLY = "reports: build the weekly report"
WEBHOOKS = "reports: push contradictions to partner webhooks"


class Clock:
    """One mocked clock shared by the scheduler and the code the task runs."""

    def __init__(self, now):
        self.now = now

    def __call__(self):
        return self.now


@pytest.fixture
def clock(monkeypatch):
    mocked = Clock(timezone.now())
    monkeypatch.setattr(timezone, "now", mocked)
    return mocked


def test_migrate_creates_the_daily_weekly_and_webhook_schedules():
    tasks = {t.name: t for t in PeriodicTask.objects.select_related("crontab", "interval")}

    daily, weekly, webhooks = tasks[DAILY], tasks[WEEKLY], tasks[WEBHOOKS]
    assert (daily.task, daily.kwargs, daily.queue, daily.enabled) == (
        "reports.tasks.build_due_reports",
        '{"kinds": ["daily"]}',
        "reports",
        True,
    )
    assert (daily.crontab.minute, daily.crontab.hour, daily.crontab.day_of_week) == ("15", "0", "*")
    assert (weekly.crontab.minute, weekly.crontab.hour, weekly.crontab.day_of_week) == ("30", "0", "1")
    assert weekly.kwargs == '{"kinds": ["weekly"]}'
    assert (webhooks.task, webhooks.interval.every, webhooks.interval.period) == (
        "reports.tasks.push_webhooks",
        1,
        "minutes",
    )


@pytest.fixture(autouse=True)
def keep_the_test_transaction(monkeypatch):
    """Beat runs in its own process and drops stale connections between ticks; inside a test's
    transaction on PostgreSQL that would close the connection the test is using."""
    monkeypatch.setattr("django_celery_beat.schedulers.close_old_connections", lambda: None)


def scheduler_entry(name, clock):
    scheduler = DatabaseScheduler(app=app)
    entry = scheduler.schedule[name]
    entry.schedule.nowfun = clock
    return scheduler, entry


def test_the_scheduler_fires_the_daily_build_after_midnight_and_it_builds_yesterdays_report(
    known_day, clock, django_capture_on_commit_callbacks
):
    morning_after = known_day.day + timedelta(days=1)
    clock.now = at(morning_after, 0, 14)
    scheduler, entry = scheduler_entry(DAILY, clock)
    entry.last_run_at = at(known_day.day, 0, 15)

    assert entry.is_due().is_due is False  # one minute early

    clock.now = at(morning_after, 0, 16)
    assert entry.is_due().is_due is True
    with django_capture_on_commit_callbacks(execute=True):
        scheduler.apply_entry(entry, producer=None)

    report = Report.objects.get(kind=PeriodKind.DAILY, period_start=known_day.day)
    assert report.counts["new_contradictions"] == 3


def test_the_scheduler_firing_twice_still_makes_one_report(
    known_day, clock, django_capture_on_commit_callbacks
):
    clock.now = at(known_day.day + timedelta(days=1), 0, 16)
    scheduler, entry = scheduler_entry(DAILY, clock)

    with django_capture_on_commit_callbacks(execute=True):
        scheduler.apply_entry(entry, producer=None)
        scheduler.apply_entry(entry, producer=None)

    assert Report.objects.filter(kind=PeriodKind.DAILY, period_start=known_day.day).count() == 1


def test_the_weekly_build_is_due_on_monday_and_builds_last_week(
    known_day, clock, django_capture_on_commit_callbacks
):
    sunday, monday = (
        at(known_day.day + timedelta(days=1), 23, 0),
        at(known_day.day + timedelta(days=2), 0, 31),
    )
    clock.now = sunday
    scheduler, entry = scheduler_entry(WEEKLY, clock)
    entry.last_run_at = at(known_day.day - timedelta(days=5), 0, 30)

    assert entry.is_due().is_due is False
    clock.now = monday
    assert entry.is_due().is_due is True
    with django_capture_on_commit_callbacks(execute=True):
        scheduler.apply_entry(entry, producer=None)

    week = Report.objects.get(kind=PeriodKind.WEEKLY, period_start=known_day.day - timedelta(days=5))
    assert week.period_end == known_day.day + timedelta(days=1)


def test_an_admin_edit_of_the_schedule_is_what_the_scheduler_runs(known_day, clock):
    clock.now = at(known_day.day, 5, 50)
    task = PeriodicTask.objects.get(name=DAILY)
    task.crontab.hour = "6"
    task.crontab.save()
    task.save()

    _, entry = scheduler_entry(DAILY, clock)

    assert entry.schedule.hour == {6}


def test_the_schedules_are_listed_for_editing_in_the_admin(client, superuser):
    client.force_login(superuser)

    page = client.get("/admin/django_celery_beat/periodictask/").content.decode()

    assert DAILY in page
    assert WEEKLY in page
    assert WEBHOOKS in page
