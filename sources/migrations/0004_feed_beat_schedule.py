"""Beat entry for feed polling (django-celery-beat's DatabaseScheduler): editable in the admin afterwards.

get_or_create by name, so an edited schedule is never overwritten by a later migrate.
"""

from django.db import migrations

from factcheck.beat import beat_entries_remove, beat_entry_install

POLL_FEEDS = "sources: poll due feeds"


def create_schedule(apps, schema_editor):
    beat_entry_install(
        apps,
        name=POLL_FEEDS,
        task="sources.tasks.poll_due_feeds",
        every_minutes=1,
        queue="extraction",
        description="Sends one poll_feed task per active feed whose next poll time has passed.",
    )


def remove_schedule(apps, schema_editor):
    beat_entries_remove(apps, POLL_FEEDS)


class Migration(migrations.Migration):
    dependencies = [
        ("sources", "0003_feeds"),
        ("django_celery_beat", "0019_alter_periodictasks_options"),
    ]

    operations = [migrations.RunPython(create_schedule, remove_schedule)]
