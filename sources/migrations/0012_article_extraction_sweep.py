from django.db import migrations, models

from factcheck.beat import beat_entries_remove, beat_entry_install

REQUEUE = "sources: re-send lost extractions"


def create_schedule(apps, schema_editor):
    beat_entry_install(
        apps,
        name=REQUEUE,
        task="sources.tasks.requeue_extractions",
        every_minutes=5,
        queue="extraction",
        description='Sends the extraction again for articles still "received" after five minutes '
        "(submitted while the broker was down, or a worker died).",
    )


def remove_schedule(apps, schema_editor):
    beat_entries_remove(apps, REQUEUE)


class Migration(migrations.Migration):
    dependencies = [
        ("partners", "0002_staff_token"),
        ("sources", "0011_article_published_at_source"),
        ("django_celery_beat", "0019_alter_periodictasks_options"),
    ]

    operations = [
        migrations.AddIndex(
            model_name="article",
            index=models.Index(
                condition=models.Q(("status", "received")), fields=["updated_at"], name="article_received_idx"
            ),
        ),
        migrations.RunPython(create_schedule, remove_schedule),
    ]
