"""Load the first conflict pack in full and file everything stored before conflicts existed under it.

Existing rows keep their ids: the pack's parties and places are matched by name. A party whose side in
the old two-sided enum the pack's roots do not give (one the extractor or a reviewer added at the top of
the tree) becomes a root of that side, so no party loses its side.
"""

from django.db import migrations

FIRST_PACK = "nagorno-karabakh-2020.yaml"


def forwards(apps, schema_editor):
    from sources.conflict_packs import SHIPPED_PACKS_DIR, pack_read
    from sources.conflicts import conflict_pack_load, historical_models, party_sides_rebuild

    models = historical_models(apps)
    pack = pack_read(SHIPPED_PACKS_DIR / FIRST_PACK)
    conflict_pack_load(pack=pack, models=models)
    conflict = models.Conflict.objects.get(slug=pack.slug)
    sides = {side.slug: side for side in models.ConflictSide.objects.filter(conflict=conflict)}
    current = dict(models.PartySide.objects.filter(conflict=conflict).values_list("party_id", "side__slug"))
    for party_id, old_side in models.Party.objects.exclude(side="unknown").values_list("id", "side"):
        if old_side in sides and current.get(party_id) != old_side:
            sides[old_side].roots.add(party_id)
    party_sides_rebuild(conflict=conflict, models=models)
    apps.get_model("sources", "Article").objects.filter(conflict__isnull=True).update(conflict=conflict)


class Migration(migrations.Migration):
    dependencies = [("sources", "0006_conflicts")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
