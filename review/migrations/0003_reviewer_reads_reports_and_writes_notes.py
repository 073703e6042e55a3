"""Reviewers also read reports, subscriptions and report deliveries (the README sends them there), and
write notes; still no change on reports and no delete anywhere."""

from django.db import migrations


def refresh_reviewer_group(apps, schema_editor):
    from review.roles import ensure_reviewer_group

    ensure_reviewer_group(apps)


class Migration(migrations.Migration):
    dependencies = [
        ("review", "0002_reviewer_feeds_and_credibility"),
        ("reports", "0002_beat_schedule"),
        ("claims", "0010_review_desk_assignment_dismiss_reasons_notes"),
    ]

    operations = [migrations.RunPython(refresh_reviewer_group, migrations.RunPython.noop)]
