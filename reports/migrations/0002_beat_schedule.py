"""Default Celery beat schedule (django-celery-beat's DatabaseScheduler): editable in the admin afterwards.

get_or_create by name, so an edited schedule is never overwritten by a later migrate.
"""

from django.db import migrations

from factcheck.beat import beat_entries_remove, beat_entry_install

DAILY = "reports: build the daily report"
WEEKLY = "reports: build the weekly report"
WEBHOOKS = "reports: push contradictions to partner webhooks"


def create_schedule(apps, schema_editor):
    # Shortly after midnight UTC, when the previous day (or ISO week) is complete.
    beat_entry_install(
        apps,
        name=DAILY,
        task="reports.tasks.build_due_reports",
        crontab={"minute": "15", "hour": "0"},
        kwargs={"kinds": ["daily"]},
        queue="reports",
        description="Builds yesterday's report (and any missed day), then emails the subscribers.",
    )
    beat_entry_install(
        apps,
        name=WEEKLY,
        task="reports.tasks.build_due_reports",
        crontab={"minute": "30", "hour": "0", "day_of_week": "1"},
        kwargs={"kinds": ["weekly"]},
        queue="reports",
        description="Builds last ISO week's report (and any missed week) on Mondays, then emails it.",
    )
    beat_entry_install(
        apps,
        name=WEBHOOKS,
        task="reports.tasks.push_webhooks",
        every_minutes=1,
        queue="reports",
        description="Pushes new and changed contradictions to partners' webhooks.",
    )


def remove_schedule(apps, schema_editor):
    beat_entries_remove(apps, DAILY, WEEKLY, WEBHOOKS)


class Migration(migrations.Migration):
    dependencies = [
        ("reports", "0001_initial"),
        ("django_celery_beat", "0019_alter_periodictasks_options"),
    ]

    operations = [migrations.RunPython(create_schedule, remove_schedule)]
