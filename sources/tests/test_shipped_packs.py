"""The packs for this year's wars: each is valid, loads once and then changes nothing, shares the
international bodies with the other packs, sets its sides against each other as its comment says, and
lets the extractor read a sentence written in its war's style with the right claimant and accused."""

from datetime import UTC, datetime

import pytest

from claims.extraction import NewParty, extract_candidates
from claims.services.lexicons import lexicon_load
from sources.conflict_packs import pack_read, shipped_pack_paths
from sources.conflicts import conflict_packs_load
from sources.models import Conflict, Party, PartySide

# All seven packs, loaded once for the module rather than once per test.
pytestmark = pytest.mark.usefixtures("shipped_packs_for_module")

NEW_PACKS = ("israel-iran-2025", "yemen-2015", "india-pakistan-2025")


def _path(slug):
    return next(path for path in shipped_pack_paths() if path.stem == slug)


@pytest.mark.parametrize("slug", NEW_PACKS)
def test_the_pack_is_valid_and_names_its_countries_and_time_zone(slug):
    pack = pack_read(_path(slug))
    assert pack.slug == slug
    assert pack.countries
    assert pack.timezone
    assert len([side for side in pack.sides if side.kind == "belligerent"]) >= 2


@pytest.mark.django_db
def test_loading_every_shipped_pack_again_changes_nothing(shipped_packs):
    outcomes = conflict_packs_load(packs=[pack_read(path) for path in shipped_pack_paths()])
    assert [outcome.summary() for outcome in outcomes if outcome.changed] == []
    assert all(not outcome.notes for outcome in outcomes)


@pytest.mark.django_db
@pytest.mark.parametrize(
    "name", ["United Nations", "United States", "Reuters", "Houthis", "Iran", "Saudi Arabia"]
)
def test_a_party_several_packs_list_is_one_row(shipped_packs, name):
    assert Party.objects.filter(name=name).count() == 1


def _opposed(slug: str) -> set[tuple[str, str]]:
    conflict = Conflict.objects.get(slug=slug)
    return {(side.slug, other.slug) for side in conflict.sides.all() for other in side.opposes.all()}


@pytest.mark.django_db
def test_the_sides_oppose_as_each_pack_states(shipped_packs):
    assert {("israel", "iran"), ("iran", "united-states"), ("united-states", "iran")} <= _opposed(
        "israel-iran-2025"
    )
    assert ("israel", "united-states") not in _opposed("israel-iran-2025")
    yemen = _opposed("yemen-2015")
    assert {
        ("houthis", "government-coalition"),
        ("stc", "government-coalition"),
        ("us-uk", "houthis"),
    } <= yemen
    assert ("us-uk", "stc") not in yemen
    assert {("india", "pakistan"), ("militant-groups", "india")} <= _opposed("india-pakistan-2025")
    assert ("militant-groups", "pakistan") not in _opposed("india-pakistan-2025")


def _side(party: str, slug: str) -> str:
    return PartySide.objects.get(party__name=party, conflict__slug=slug).side.slug


@pytest.mark.django_db
def test_a_party_takes_the_side_each_war_gives_it(shipped_packs):
    assert _side("United States", "israel-iran-2025") == "united-states"
    assert _side("United States", "yemen-2015") == "us-uk"
    assert _side("United States", "india-pakistan-2025") == "third_party"
    assert _side("Yahya Saree", "yemen-2015") == "houthis"
    assert _side("Yahya Saree", "israel-hamas-2023") == "houthis"
    assert not PartySide.objects.filter(party__name="Iran", conflict__slug="israel-hamas-2023").exists()
    assert _side("Aidarus al-Zubaidi", "yemen-2015") == "stc"


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("outlet", "slug", "side"),
    [
        ("Armenpress", "nagorno-karabakh-2020", "armenia"),
        ("Azertac", "nagorno-karabakh-2020", "azerbaijan"),
        ("TASS", "russia-ukraine-2022", "russia"),
        ("Ukrinform", "russia-ukraine-2022", "ukraine"),
        ("Islamic Republic News Agency", "israel-iran-2025", "iran"),
        ("Al-Masirah", "yemen-2015", "houthis"),
        ("Sudan News Agency", "sudan-2023", "saf"),
    ],
)
def test_a_belligerent_s_state_media_speaks_for_its_side_in_its_war_only(shipped_packs, outlet, slug, side):
    assert _side(outlet, slug) == side
    # The same agency reporting a war its state is not fighting is an onlooker there.
    others = PartySide.objects.filter(party__name=outlet).exclude(conflict__slug=slug)
    assert {row.side.slug for row in others.select_related("side")} <= {"third_party", side}


@pytest.mark.django_db
def test_unnamed_sources_are_onlookers_in_every_war(shipped_packs):
    assert {row.side.kind for row in PartySide.objects.filter(party__name="Unnamed sources")} == {
        "third_party"
    }
    assert PartySide.objects.filter(party__name="Unnamed sources").count() == Conflict.objects.count()


@pytest.mark.django_db
def test_a_privately_owned_outlet_stays_a_third_party(shipped_packs):
    assert _side("Trend News Agency", "nagorno-karabakh-2020") == "third_party"
    assert _side("Reuters", "russia-ukraine-2022") == "third_party"


SENTENCES = [
    (
        "israel-iran-2025",
        "Iran's Foreign Ministry accused Israel of striking a residential building in Tehran on Sunday.",
        ("iran", "israel"),
    ),
    (
        "yemen-2015",
        "Yahya Saree accused the Saudi-led coalition of bombing a market in Saada on Tuesday.",
        ("houthis", "government-coalition"),
    ),
    (
        "india-pakistan-2025",
        "The Indian Army accused Pakistani troops of shelling villages in Poonch on Wednesday night.",
        ("india", "pakistan"),
    ),
    (
        "israel-iran-2025",
        "US officials accused Iran of firing ballistic missiles at an air base in Qatar on Monday.",
        ("united-states", "iran"),
    ),
    (
        "sudan-2023",
        "Sudanese paramilitary shelling hit a market in Omdurman on Saturday, health officials said.",
        ("saf", "rsf"),
    ),
    (
        "yemen-2015",
        "US airstrikes hit the port of Ras Isa overnight, Houthi health authorities said.",
        ("houthis", "us-uk"),
    ),
    (
        "yemen-2015",
        "An American airstrike in Yemen hit a detention centre in Saada overnight, the Yemen Civil Defense said.",
        ("houthis", "us-uk"),
    ),
    (
        "yemen-2015",
        "Houthi media outlets in Yemen said on Monday that US strikes hit a detention centre in Saada.",
        ("houthis", "us-uk"),
    ),
]


@pytest.mark.django_db
@pytest.mark.parametrize(("slug", "text", "sides"), SENTENCES, ids=[row[0] for row in SENTENCES])
def test_a_sentence_in_the_war_s_style_gives_the_claimant_and_the_accused_their_sides(
    shipped_packs, slug, text, sides
):
    lexicon = lexicon_load(Conflict.objects.get(slug=slug).pk)
    found = extract_candidates(
        text, lexicon=lexicon, published=datetime(2025, 6, 20, 9, tzinfo=UTC), outlet_party=None
    )
    [accusation] = [claim for claim in found if claim.kind == "accusation"]
    for ref in (accusation.claimant, accusation.accused):
        assert not isinstance(ref, NewParty)
    assert (lexicon.parties[accusation.claimant].side, lexicon.parties[accusation.accused].side) == sides
