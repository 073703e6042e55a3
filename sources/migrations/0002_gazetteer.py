"""The starter gazetteer: the parties and places of the first conflict pack, in the schema of the time.

It once read ``sources/gazetteer.py``; the same data now lives in the pack
``sources/packs/nagorno-karabakh-2020.yaml``, which migration 0007 loads in full (conflict, sides,
demonyms, countries). Here only what the 0001 schema holds is written: parties with the side they had
in that schema's two-sided enum, aliases, places and place aliases.
"""

from django.db import migrations

FIRST_PACK = "nagorno-karabakh-2020.yaml"


def load(apps, schema_editor):
    from sources.conflict_packs import SHIPPED_PACKS_DIR, pack_read
    from sources.text import normalize_name

    Party = apps.get_model("sources", "Party")
    PartyAlias = apps.get_model("sources", "PartyAlias")
    Place = apps.get_model("sources", "Place")
    PlaceAlias = apps.get_model("sources", "PlaceAlias")
    pack = pack_read(SHIPPED_PACKS_DIR / FIRST_PACK)
    side_of_root = {root: side.slug for side in pack.sides for root in side.roots}
    sides: dict[str, str] = {}
    parties: dict[str, object] = {}
    for spec in pack.parties:
        sides[spec.name] = side_of_root.get(spec.name) or (sides[spec.parent] if spec.parent else "unknown")
        parent = parties.get(spec.parent) if spec.parent else None
        party, _ = Party.objects.update_or_create(
            name=spec.name,
            defaults={"kind": spec.kind, "side": sides[spec.name], "parent": parent, "description": spec.description},
        )
        tree_path = f"{parent.tree_path if parent else '/'}{party.pk}/"
        if party.tree_path != tree_path:
            Party.objects.filter(pk=party.pk).update(tree_path=tree_path)
            party.tree_path = tree_path
        parties[spec.name] = party
        for alias in (spec.name, *spec.aliases):
            PartyAlias.objects.get_or_create(normalized=normalize_name(alias), defaults={"party": party, "alias": alias})
    places: dict[str, object] = {}
    for spec in pack.places:
        place, _ = Place.objects.update_or_create(
            name=spec.name,
            defaults={
                "kind": spec.kind,
                "latitude": spec.latitude,
                "longitude": spec.longitude,
                "region": places.get(spec.region) if spec.region else None,
            },
        )
        places[spec.name] = place
        for alias in (spec.name, *spec.aliases):
            PlaceAlias.objects.get_or_create(normalized=normalize_name(alias), defaults={"place": place, "alias": alias})


class Migration(migrations.Migration):
    dependencies = [("sources", "0001_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
