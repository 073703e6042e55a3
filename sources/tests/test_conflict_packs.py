"""Reading conflict packs: every shipped pack is valid, and a malformed one is refused with the file,
line and key named (pure: no database)."""

import pytest

from sources.conflict_packs import PackError, pack_parse, pack_read, shipped_pack_paths

GOOD = """\
format: factcheck-conflict-pack/1
version: 1
conflict:
  slug: lakeland-2031
  name: Lakeland border war
  start_date: 2031-03-01
  end_date: null
  timezone: Europe/Vilnius
  countries: [LT]
sides:
  - slug: north
    label: Northern Republic
    colour: "#112233"
    opposes: [south]
    roots: [Northern Republic]
  - slug: south
    label: Southern Union
    roots: [Southern Union]
  - slug: observers
    label: Observers
    kind: third_party
    roots: [Lake Monitoring Mission]
parties:
  - name: Northern Republic
    kind: state
    demonyms: [Northern]
    children:
      - name: Northern Army
        kind: armed_force
        aliases: [Northern troops]
  - name: Southern Union
    kind: state
    demonyms: [Southern]
  - name: Lake Monitoring Mission
    kind: organisation
places:
  - name: Reedport
    kind: town
    country: LT
    aliases: [Reed Port]
"""


@pytest.mark.parametrize("path", shipped_pack_paths(), ids=lambda p: p.stem)
def test_every_shipped_pack_is_valid(path):
    pack = pack_read(path)
    assert pack.slug == path.stem
    assert len(pack.sides) >= 2
    assert any(side.opposes for side in pack.sides)


def test_a_good_pack_reads_into_its_tree_sides_and_places():
    pack = pack_parse(GOOD, source="lakeland.yaml")
    assert [(p.name, p.parent) for p in pack.parties][:2] == [
        ("Northern Republic", None),
        ("Northern Army", "Northern Republic"),
    ]
    assert {side.slug: side.opposes for side in pack.sides} == {
        "north": ("south",),
        "south": (),
        "observers": (),
    }
    assert pack.places[0].aliases == ("Reed Port",)
    assert pack.timezone == "Europe/Vilnius"


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (
            ("  countries: [LT]\n", "  countries: [LT]\n  capital: Reedport\n"),
            "line 10, conflict.capital: unknown key",
        ),
        (
            ("    opposes: [south]\n", "    opposes: [west]\n"),
            "line 14, sides[0].opposes[0]: opposes side 'west'",
        ),
        (("    opposes: [south]\n", "    opposes: [north]\n"), "a side cannot oppose itself"),
        (
            ("    demonyms: [Southern]\n", "    demonyms: [Southern]\n    aliases: [NORTHERN TROOPS]\n"),
            "already given to 'Northern Army'",
        ),
        (
            ("  timezone: Europe/Vilnius\n", "  timezone: Europe/Atlantis\n"),
            "unknown time zone 'Europe/Atlantis'",
        ),
        (("    kind: armed_force\n", "    kind: navy\n"), "parties[0].children[0].kind"),
        (("  name: Lakeland border war\n", "  name: [Lakeland\n"), "not valid YAML"),
        (("  start_date: 2031-03-01\n", "  start_date: 2031-03-01\n  end_date: 2030-01-01\n"), "given twice"),
        (
            ("    country: LT\n", "    country: LT\n    region: Lakeshire\n"),
            "region 'Lakeshire' is not a place",
        ),
        (
            (
                "  - name: Southern Union\n    kind: state\n",
                "  - name: Southern Union\n    kind: state\n    parent: Southern Union\n",
            ),
            "its own parent",
        ),
    ],
    ids=[
        "unknown-key",
        "opposes-missing-side",
        "opposes-itself",
        "duplicate-alias",
        "bad-time-zone",
        "bad-party-kind",
        "bad-yaml",
        "duplicate-key",
        "missing-region",
        "own-parent",
    ],
)
def test_a_malformed_pack_names_the_file_and_the_key(change, expected):
    old, new = change
    assert old in GOOD
    with pytest.raises(PackError) as error:
        pack_parse(GOOD.replace(old, new, 1), source="lakeland.yaml")
    assert str(error.value).startswith("lakeland.yaml: ")
    assert expected in str(error.value)


def test_an_empty_file_is_refused_with_its_name():
    with pytest.raises(PackError, match=r"empty\.yaml: the file is empty"):
        pack_parse("", source="empty.yaml")
