"""Beat entry for feed polling (django-celery-beat's DatabaseScheduler): editable in the admin afterwards.

get_or_create by name, so an edited schedule is never overwritten by a later migrate.
"""

from django.db import migrations
from django.utils import timezone

POLL_FEEDS = "sources: poll due feeds"


def create_schedule(apps, schema_editor):
    IntervalSchedule = apps.get_model("django_celery_beat", "IntervalSchedule")
    PeriodicTask = apps.get_model("django_celery_beat", "PeriodicTask")
    PeriodicTasks = apps.get_model("django_celery_beat", "PeriodicTasks")

    every_minute, _ = IntervalSchedule.objects.get_or_create(every=1, period="minutes")
    PeriodicTask.objects.get_or_create(
        name=POLL_FEEDS,
        defaults={
            "task": "sources.tasks.poll_due_feeds",
            "interval": every_minute,
            "queue": "extraction",
            "description": "Sends one poll_feed task per active feed whose next poll time has passed.",
        },
    )
    PeriodicTasks.objects.update_or_create(ident=1, defaults={"last_update": timezone.now()})


def remove_schedule(apps, schema_editor):
    PeriodicTask = apps.get_model("django_celery_beat", "PeriodicTask")
    PeriodicTask.objects.filter(name=POLL_FEEDS).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("sources", "0003_feeds"),
        ("django_celery_beat", "0019_alter_periodictasks_options"),
    ]

    operations = [migrations.RunPython(create_schedule, remove_schedule)]
