"""Hourly credibility recompute on the Celery beat schedule (django-celery-beat's DatabaseScheduler).

get_or_create by name, so an edited schedule is never overwritten by a later migrate.
"""

from django.db import migrations
from django.utils import timezone

HOURLY = "credibility: recompute source credibility"


def create_schedule(apps, schema_editor):
    CrontabSchedule = apps.get_model("django_celery_beat", "CrontabSchedule")
    PeriodicTask = apps.get_model("django_celery_beat", "PeriodicTask")
    PeriodicTasks = apps.get_model("django_celery_beat", "PeriodicTasks")
    hourly, _ = CrontabSchedule.objects.get_or_create(
        minute="40", hour="*", day_of_week="*", day_of_month="*", month_of_year="*", timezone="UTC"
    )
    PeriodicTask.objects.get_or_create(
        name=HOURLY,
        defaults={
            "task": "credibility.tasks.recompute_credibility",
            "crontab": hourly,
            "queue": "reports",
            "description": "Recomputes party credibility and incidents' most likely figures (TruthFinder).",
        },
    )
    PeriodicTasks.objects.update_or_create(ident=1, defaults={"last_update": timezone.now()})


def remove_schedule(apps, schema_editor):
    PeriodicTask = apps.get_model("django_celery_beat", "PeriodicTask")
    PeriodicTask.objects.filter(name=HOURLY).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("credibility", "0001_initial"),
        ("django_celery_beat", "0019_alter_periodictasks_options"),
    ]

    operations = [migrations.RunPython(create_schedule, remove_schedule)]
