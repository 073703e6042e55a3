"""Default Celery beat entries, installed by data migrations (django-celery-beat's DatabaseScheduler).

An entry is created with get_or_create by name, so a schedule edited in the admin is never overwritten
by a later migrate; a running beat is told to reload its schedule.
"""

from __future__ import annotations

import json

from django.utils import timezone


def beat_entry_install(
    apps,
    *,
    name: str,
    task: str,
    queue: str,
    description: str,
    every_minutes: int | None = None,
    crontab: dict[str, str] | None = None,
    kwargs: dict | None = None,
) -> None:
    """Install one periodic task, on an interval of ``every_minutes`` or a UTC ``crontab``
    (``{"minute": "15", "hour": "0", "day_of_week": "*"}``), unless one of that name exists."""
    PeriodicTask = apps.get_model("django_celery_beat", "PeriodicTask")
    schedule: dict = {}
    if every_minutes is not None:
        IntervalSchedule = apps.get_model("django_celery_beat", "IntervalSchedule")
        schedule["interval"], _ = IntervalSchedule.objects.get_or_create(
            every=every_minutes, period="minutes"
        )
    if crontab is not None:
        CrontabSchedule = apps.get_model("django_celery_beat", "CrontabSchedule")
        fields = {"day_of_week": "*", "day_of_month": "*", "month_of_year": "*", "timezone": "UTC", **crontab}
        schedule["crontab"], _ = CrontabSchedule.objects.get_or_create(**fields)
    defaults = {"task": task, "queue": queue, "description": description, **schedule}
    if kwargs is not None:
        defaults["kwargs"] = json.dumps(kwargs)
    PeriodicTask.objects.get_or_create(name=name, defaults=defaults)
    _reload_beat(apps)


def beat_entries_remove(apps, *names: str) -> None:
    """Remove periodic tasks by name (a migration's reverse)."""
    apps.get_model("django_celery_beat", "PeriodicTask").objects.filter(name__in=names).delete()
    _reload_beat(apps)


def _reload_beat(apps) -> None:
    # What PeriodicTask.save() does outside migrations: a running beat sees the change and reloads.
    PeriodicTasks = apps.get_model("django_celery_beat", "PeriodicTasks")
    PeriodicTasks.objects.update_or_create(ident=1, defaults={"last_update": timezone.now()})
