"""Index for the rescan: a block reads its ungrouped claims (no incident) by kind and id range."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("claims", "0002_contradiction_engine"),
    ]

    operations = [
        migrations.AddIndex(
            model_name="claim",
            index=models.Index(
                condition=models.Q(("incident__isnull", True)), fields=["kind", "id"], name="claim_loose_id_idx"
            ),
        ),
    ]
