"""Contradiction engine: blocking indexes for ungrouped claims and retractions, and the sweep's beat entry.

The periodic task is created with get_or_create by name, so an interval edited in the admin is never
overwritten by a later migrate.
"""

import django.db.models.functions.comparison
from django.db import migrations, models

from factcheck.beat import beat_entries_remove, beat_entry_install

SWEEP = "claims: re-check unchecked claims"


def create_sweep(apps, schema_editor):
    beat_entry_install(
        apps,
        name=SWEEP,
        task="claims.tasks.sweep_unchecked",
        every_minutes=2,
        kwargs={"older_than_seconds": 120},
        queue="default",
        description="Re-enqueues the contradiction check of every claim whose check is missing or "
        "older than its last change (a lost message, a broker outage, a killed worker).",
    )


def remove_sweep(apps, schema_editor):
    beat_entries_remove(apps, SWEEP)


class Migration(migrations.Migration):
    dependencies = [
        ("claims", "0001_initial"),
        ("django_celery_beat", "0019_alter_periodictasks_options"),
    ]

    operations = [
        migrations.AddIndex(
            model_name="claim",
            index=models.Index(
                models.F("kind"),
                models.F("place"),
                django.db.models.functions.comparison.Coalesce("event_start", "stated_at"),
                condition=models.Q(("incident__isnull", True)),
                name="claim_loose_block_idx",
            ),
        ),
        migrations.AddIndex(
            model_name="claim",
            index=models.Index(
                condition=models.Q(("polarity", "retracts")),
                fields=["claimant", "kind"],
                name="claim_retraction_idx",
            ),
        ),
        migrations.RunPython(create_sweep, remove_sweep),
    ]
