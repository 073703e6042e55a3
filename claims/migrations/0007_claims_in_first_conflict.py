"""File claims and incidents stored before conflicts existed under their article's conflict (or, for
claims without an article, the one conflict the tracker followed then)."""

from django.db import migrations
from django.db.models import OuterRef, Subquery


def forwards(apps, schema_editor):
    Claim = apps.get_model("claims", "Claim")
    Incident = apps.get_model("claims", "Incident")
    Conflict = apps.get_model("sources", "Conflict")
    Article = apps.get_model("sources", "Article")
    Claim.objects.filter(conflict__isnull=True, article__isnull=False).update(
        conflict_id=Subquery(Article.objects.filter(pk=OuterRef("article_id")).values("conflict_id")[:1])
    )
    only = list(Conflict.objects.order_by("id")[:2])
    if len(only) == 1:
        Claim.objects.filter(conflict__isnull=True).update(conflict=only[0])
    Incident.objects.filter(conflict__isnull=True).update(
        conflict_id=Subquery(
            Claim.objects.filter(incident_id=OuterRef("pk"), conflict__isnull=False).values("conflict_id")[:1]
        )
    )
    if len(only) == 1:
        Incident.objects.filter(conflict__isnull=True).update(conflict=only[0])


class Migration(migrations.Migration):
    dependencies = [("claims", "0006_conflicts"), ("sources", "0007_first_conflict_pack")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
