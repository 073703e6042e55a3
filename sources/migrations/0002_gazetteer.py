from django.db import migrations


def load(apps, schema_editor):
    from sources.gazetteer import load_gazetteer

    load_gazetteer(
        apps.get_model("sources", "Party"),
        apps.get_model("sources", "PartyAlias"),
        apps.get_model("sources", "Place"),
        apps.get_model("sources", "PlaceAlias"),
    )


class Migration(migrations.Migration):
    dependencies = [("sources", "0001_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
