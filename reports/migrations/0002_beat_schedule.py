"""Default Celery beat schedule (django-celery-beat's DatabaseScheduler): editable in the admin afterwards.

get_or_create by name, so an edited schedule is never overwritten by a later migrate.
"""

from django.db import migrations
from django.utils import timezone

DAILY = "reports: build the daily report"
WEEKLY = "reports: build the weekly report"
WEBHOOKS = "reports: push contradictions to partner webhooks"


def create_schedule(apps, schema_editor):
    CrontabSchedule = apps.get_model("django_celery_beat", "CrontabSchedule")
    IntervalSchedule = apps.get_model("django_celery_beat", "IntervalSchedule")
    PeriodicTask = apps.get_model("django_celery_beat", "PeriodicTask")
    PeriodicTasks = apps.get_model("django_celery_beat", "PeriodicTasks")

    def crontab(minute, hour, day_of_week):
        schedule, _ = CrontabSchedule.objects.get_or_create(
            minute=minute, hour=hour, day_of_week=day_of_week, day_of_month="*", month_of_year="*", timezone="UTC"
        )
        return schedule

    every_minute, _ = IntervalSchedule.objects.get_or_create(every=1, period="minutes")
    # Shortly after midnight UTC, when the previous day (or ISO week) is complete.
    PeriodicTask.objects.get_or_create(
        name=DAILY,
        defaults={
            "task": "reports.tasks.build_due_reports",
            "crontab": crontab("15", "0", "*"),
            "kwargs": '{"kinds": ["daily"]}',
            "queue": "reports",
            "description": "Builds yesterday's report (and any missed day), then emails the subscribers.",
        },
    )
    PeriodicTask.objects.get_or_create(
        name=WEEKLY,
        defaults={
            "task": "reports.tasks.build_due_reports",
            "crontab": crontab("30", "0", "1"),
            "kwargs": '{"kinds": ["weekly"]}',
            "queue": "reports",
            "description": "Builds last ISO week's report (and any missed week) on Mondays, then emails it.",
        },
    )
    PeriodicTask.objects.get_or_create(
        name=WEBHOOKS,
        defaults={
            "task": "reports.tasks.push_webhooks",
            "interval": every_minute,
            "queue": "reports",
            "description": "Pushes new and changed contradictions to partners' webhooks.",
        },
    )
    # Tell a running beat to reload its schedule (what PeriodicTask.save() does outside migrations).
    PeriodicTasks.objects.update_or_create(ident=1, defaults={"last_update": timezone.now()})


def remove_schedule(apps, schema_editor):
    PeriodicTask = apps.get_model("django_celery_beat", "PeriodicTask")
    PeriodicTask.objects.filter(name__in=[DAILY, WEEKLY, WEBHOOKS]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("reports", "0001_initial"),
        ("django_celery_beat", "0019_alter_periodictasks_options"),
    ]

    operations = [migrations.RunPython(create_schedule, remove_schedule)]
