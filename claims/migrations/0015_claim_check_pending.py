"""The check state moves out of the claim row: a ``ClaimCheckPending`` row exists exactly while a claim
awaits its contradiction check, replacing ``Claim.checked_at`` and its partial index.

Marking a claim checked used to rewrite the claim row through its ~20 indexes (a non-HOT update); now
it deletes one narrow row.  Claims never checked, or checked before their last change, get a pending
row for that change; backwards, the claims with no pending row get ``checked_at = changed_at`` again.
"""

import django.db.models.deletion
from django.db import migrations, models


def pending_from_checked_at(apps, schema_editor):
    claims = apps.get_model("claims", "Claim")._meta.db_table
    pending = apps.get_model("claims", "ClaimCheckPending")._meta.db_table
    schema_editor.execute(
        f"INSERT INTO {pending} (claim_id, changed_at) SELECT id, changed_at FROM {claims} "
        "WHERE checked_at IS NULL OR checked_at < changed_at"
    )


def checked_at_from_pending(apps, schema_editor):
    claims = apps.get_model("claims", "Claim")._meta.db_table
    pending = apps.get_model("claims", "ClaimCheckPending")._meta.db_table
    schema_editor.execute(
        f"UPDATE {claims} SET checked_at = changed_at "
        f"WHERE NOT EXISTS (SELECT 1 FROM {pending} p WHERE p.claim_id = {claims}.id)"
    )


class Migration(migrations.Migration):

    dependencies = [
        ('claims', '0014_rescan_block_progress'),
    ]

    operations = [
        migrations.CreateModel(
            name='ClaimCheckPending',
            fields=[
                ('claim', models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, primary_key=True, related_name='check_pending', serialize=False, to='claims.claim')),
                ('changed_at', models.DateTimeField(help_text="The claim's change the pending check is for.")),
            ],
            options={
                'verbose_name': 'claim awaiting its check',
                'verbose_name_plural': 'claims awaiting their check',
            },
        ),
        migrations.AddIndex(
            model_name='claimcheckpending',
            index=models.Index(fields=['changed_at'], name='claim_check_pending_since_idx'),
        ),
        migrations.RunPython(pending_from_checked_at, checked_at_from_pending),
        migrations.RemoveIndex(
            model_name='claim',
            name='claim_unchecked_idx',
        ),
        migrations.RemoveField(
            model_name='claim',
            name='checked_at',
        ),
    ]
