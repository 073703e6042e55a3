"""Loading conflict packs: idempotent, updated in place, all-or-nothing, and a party's side per conflict."""

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from sources.conflict_packs import PackError, pack_dump, pack_parse
from sources.conflicts import conflict_pack_export, conflict_pack_load
from sources.models import Conflict, ConflictSide, Party, PartyAlias, PartySide, Place, PlaceAlias
from sources.services import party_create
from sources.tests.test_conflict_packs import GOOD
from sources.text import normalize_name

pytestmark = pytest.mark.django_db

KARABAKH = "nagorno-karabakh-2020"


def side_of(party_name: str, conflict_slug: str) -> str | None:
    row = PartySide.objects.filter(party__name=party_name, conflict__slug=conflict_slug).first()
    return row.side.slug if row else None


def counts() -> tuple[int, ...]:
    models = (Conflict, ConflictSide, PartySide, Party, PartyAlias, Place, PlaceAlias)
    return tuple(model.objects.count() for model in models)


def test_the_first_pack_is_loaded_by_migration_with_its_tree_and_sides(gazetteer):
    aliyev = Party.objects.get(name="Ilham Aliyev")
    assert aliyev.parent.name == "Government of Azerbaijan"
    assert aliyev.parent.parent.name == "Azerbaijan"
    assert side_of("Ilham Aliyev", KARABAKH) == "azerbaijan"
    assert side_of("Nikol Pashinyan", KARABAKH) == "armenia"
    assert side_of("Republic of Artsakh", KARABAKH) == "armenia"
    assert side_of("Russia", KARABAKH) == "third_party"
    conflict = Conflict.objects.get(slug=KARABAKH)
    azerbaijan = conflict.sides.get(slug="azerbaijan")
    assert [side.slug for side in azerbaijan.opposes.all()] == ["armenia"]
    assert list(conflict.sides.get(slug="third_party").opposes.all()) == []


@pytest.mark.parametrize(
    ("alias", "place"),
    [
        ("Khankendi", "Stepanakert"),
        ("Gəncə", "Ganja"),
        ("GENCE", "Ganja"),
        ("Shushi", "Shusha"),
        ("Berdzor", "Lachin"),
    ],
)
def test_place_aliases_resolve_to_one_place(gazetteer, alias, place):
    assert PlaceAlias.objects.get(normalized=normalize_name(alias)).place.name == place


@pytest.mark.parametrize(
    ("alias", "party"),
    [
        ("Azeri officials", "Government of Azerbaijan"),
        ("the Armenian side", "Armenia"),
        ("Baku", "Government of Azerbaijan"),
        ("Yerevan", "Government of Armenia"),
        ("the Kremlin", "Government of Russia"),
    ],
)
def test_party_aliases_resolve(gazetteer, alias, party):
    assert PartyAlias.objects.get(normalized=normalize_name(alias), conflict__isnull=True).party.name == party


def test_loading_a_pack_twice_changes_nothing():
    first = conflict_pack_load(pack=pack_parse(GOOD, source="lakeland.yaml"))
    before = counts()
    second = conflict_pack_load(pack=pack_parse(GOOD, source="lakeland.yaml"))
    assert first.changed
    assert not second.changed
    assert second.summary() == "lakeland-2031: unchanged"
    assert counts() == before


def test_a_changed_pack_updates_in_place_and_never_duplicates_a_party():
    conflict_pack_load(pack=pack_parse(GOOD, source="lakeland.yaml"))
    army = Party.objects.get(name="Northern Army")
    changed = GOOD.replace("version: 1", "version: 2").replace(
        "        aliases: [Northern troops]\n", "        aliases: [Northern troops, Northern soldiers]\n"
    )
    outcome = conflict_pack_load(pack=pack_parse(changed, source="lakeland.yaml"))
    assert outcome.created == {"aliases": 1}
    assert Party.objects.filter(name="Northern Army").get().pk == army.pk
    assert PartyAlias.objects.get(normalized="northern soldiers").party_id == army.pk
    assert Conflict.objects.get(slug="lakeland-2031").pack_version == 2


def test_a_party_is_a_belligerent_in_one_conflict_and_a_third_party_in_another(gazetteer):
    pack = GOOD.replace("    roots: [Northern Republic]\n", "    roots: [Northern Republic, Russia]\n")
    conflict_pack_load(pack=pack_parse(pack, source="lakeland.yaml"))
    assert side_of("Russia", "lakeland-2031") == "north"
    assert side_of("Ministry of Foreign Affairs of Russia", "lakeland-2031") == "north"
    assert side_of("Russia", KARABAKH) == "third_party"


def test_a_party_made_later_takes_its_parents_side_in_every_conflict(gazetteer):
    conflict_pack_load(pack=pack_parse(GOOD, source="lakeland.yaml"))
    spokesman = party_create(
        name="Colonel Ona Rudyte", kind="official", parent=Party.objects.get(name="Northern Army")
    )
    assert side_of(spokesman.name, "lakeland-2031") == "north"


def test_a_global_alias_of_another_packs_party_is_refused_and_nothing_is_written(gazetteer):
    before = counts()
    clash = GOOD.replace("        aliases: [Northern troops]\n", "        aliases: [Northern troops, Baku]\n")
    with pytest.raises(
        PackError, match="'Baku' of 'Northern Army' already belongs to 'Government of Azerbaijan'"
    ):
        conflict_pack_load(pack=pack_parse(clash, source="lakeland.yaml"))
    assert counts() == before


def test_a_local_alias_means_its_party_only_in_its_own_conflict(gazetteer):
    local = GOOD.replace(
        "        aliases: [Northern troops]\n",
        "        aliases: [Northern troops]\n        local_aliases: [the army]\n",
    )
    conflict_pack_load(pack=pack_parse(local, source="lakeland.yaml"))
    alias = PartyAlias.objects.get(normalized="the army")
    assert alias.conflict.slug == "lakeland-2031"
    assert alias.party.name == "Northern Army"


def test_a_root_or_parent_no_pack_defines_is_refused_naming_it():
    orphan = GOOD.replace("    kind: organisation\n", "    kind: organisation\n    parent: World Council\n")
    with pytest.raises(PackError, match="parties name parents that no loaded pack defines: World Council"):
        conflict_pack_load(pack=pack_parse(orphan, source="lakeland.yaml"))
    assert not Conflict.objects.filter(slug="lakeland-2031").exists()


def test_an_exported_conflict_loads_back_unchanged():
    conflict_pack_load(pack=pack_parse(GOOD, source="lakeland.yaml"))
    exported = pack_dump(conflict_pack_export(conflict=Conflict.objects.get(slug="lakeland-2031")))
    assert not conflict_pack_load(pack=pack_parse(exported, source="export.yaml")).changed


def test_the_command_loads_lists_and_exports(tmp_path, capsys):
    pack = tmp_path / "lakeland.yaml"
    pack.write_text(GOOD, encoding="utf-8")
    call_command("conflict", "load", str(pack))
    call_command("conflict", "list")
    call_command("conflict", "export", "lakeland-2031")
    out = capsys.readouterr().out
    assert "lakeland-2031: 5 aliases created, 1 conflicts created, 4 parties created" in out
    assert "north (belligerent, opposes south)" in out
    assert "slug: lakeland-2031" in out


def test_the_command_refuses_a_bad_pack_and_loads_nothing(tmp_path):
    good, bad = tmp_path / "good.yaml", tmp_path / "bad.yaml"
    good.write_text(GOOD, encoding="utf-8")
    bad.write_text(GOOD.replace("lakeland-2031", "other-war").replace("opposes: [south]", "opposes: [east]"))
    with pytest.raises(
        CommandError, match=r"bad.yaml: line \d+, sides\[0\].opposes\[0\].*nothing was loaded"
    ):
        call_command("conflict", "load", str(good), str(bad))
    assert not Conflict.objects.filter(slug="lakeland-2031").exists()


def test_an_outlet_under_no_side_is_a_third_party_in_every_conflict(gazetteer):
    conflict_pack_load(pack=pack_parse(GOOD, source="lakeland.yaml"))
    outlet = party_create(name="Lakeside Gazette", kind="media")
    assert side_of("Lakeside Gazette", "lakeland-2031") == "observers"
    assert side_of(outlet.name, KARABAKH) == "third_party"
    assert side_of("Reuters", "lakeland-2031") == "observers"
