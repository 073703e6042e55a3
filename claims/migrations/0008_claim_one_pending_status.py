"""One review status for claims waiting for a reviewer: "extracted" was "pending" by another name (the
origin already says the extractor made the claim), so the queue, its count and its filter were two.

The audit trail is renamed too: it is the same state, and a stale value there would show up as a change
("extracted -> pending") in the next reviewer's entry."""

from django.db import migrations, models


def extracted_to_pending(apps, schema_editor):
    for name in ("Claim", "HistoricalClaim"):
        apps.get_model("claims", name).objects.filter(status="extracted").update(status="pending")


class Migration(migrations.Migration):

    dependencies = [
        ('claims', '0007_claims_in_first_conflict'),
    ]

    operations = [
        migrations.RunPython(extracted_to_pending, migrations.RunPython.noop),
        migrations.AlterField(
            model_name='claim',
            name='status',
            field=models.CharField(choices=[('pending', 'Pending review'), ('verified', 'Verified'), ('rejected', 'Rejected')], default='pending', max_length=20),
        ),
        migrations.AlterField(
            model_name='historicalclaim',
            name='status',
            field=models.CharField(choices=[('pending', 'Pending review'), ('verified', 'Verified'), ('rejected', 'Rejected')], default='pending', max_length=20),
        ),
    ]
