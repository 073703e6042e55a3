"""Reviewers also read reports, subscriptions and report deliveries (the README sends them there); still no
change there and no delete anywhere."""

from django.db import migrations


def refresh_reviewer_group(apps, schema_editor):
    from review.roles import ensure_reviewer_group

    ensure_reviewer_group(apps)


class Migration(migrations.Migration):
    dependencies = [
        ("review", "0002_reviewer_feeds_and_credibility"),
        ("reports", "0002_beat_schedule"),
    ]

    operations = [migrations.RunPython(refresh_reviewer_group, migrations.RunPython.noop)]
