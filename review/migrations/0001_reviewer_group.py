"""Create the Reviewer group: view, add and change on the reviewed models; no delete; nothing on users,
groups or partners."""

from django.db import migrations


def create_reviewer_group(apps, schema_editor):
    from review.roles import ensure_reviewer_group

    ensure_reviewer_group(apps)


def remove_reviewer_group(apps, schema_editor):
    from review.roles import REVIEWER_GROUP

    apps.get_model("auth", "Group").objects.filter(name=REVIEWER_GROUP).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("claims", "0001_initial"),
        ("sources", "0002_gazetteer"),
    ]

    operations = [migrations.RunPython(create_reviewer_group, remove_reviewer_group)]
