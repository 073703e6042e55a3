"""Hourly credibility recompute on the Celery beat schedule (django-celery-beat's DatabaseScheduler).

get_or_create by name, so an edited schedule is never overwritten by a later migrate.
"""

from django.db import migrations

from factcheck.beat import beat_entries_remove, beat_entry_install

HOURLY = "credibility: recompute source credibility"


def create_schedule(apps, schema_editor):
    beat_entry_install(
        apps,
        name=HOURLY,
        task="credibility.tasks.recompute_credibility",
        crontab={"minute": "40", "hour": "*"},
        queue="reports",
        description="Recomputes party credibility and incidents' most likely figures (TruthFinder).",
    )


def remove_schedule(apps, schema_editor):
    beat_entries_remove(apps, HOURLY)


class Migration(migrations.Migration):
    dependencies = [
        ("credibility", "0001_initial"),
        ("django_celery_beat", "0019_alter_periodictasks_options"),
    ]

    operations = [migrations.RunPython(create_schedule, remove_schedule)]
