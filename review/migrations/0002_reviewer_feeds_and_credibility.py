"""Reviewers also manage news feeds (add, change, poll now; entries read-only) and see URL submissions and
the credibility run log; still no delete."""

from django.db import migrations


def refresh_reviewer_group(apps, schema_editor):
    from review.roles import ensure_reviewer_group

    ensure_reviewer_group(apps)


class Migration(migrations.Migration):
    dependencies = [
        ("review", "0001_reviewer_group"),
        ("sources", "0005_url_submission"),
        ("credibility", "0001_initial"),
    ]

    operations = [migrations.RunPython(refresh_reviewer_group, migrations.RunPython.noop)]
