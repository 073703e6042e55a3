"""Any conflict, as data: a pack for a war no code knows is loaded, and the tracker works on it unchanged.

The pack and both articles are invented. Nothing in the code names Valoria or Kestra: the sides,
demonyms, places and time zone all come from the pack.
"""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from claims.models import Claim, ClaimKind, Contradiction, ContradictionKind
from claims.services.grouping import claim_group
from claims.services.ingestion import article_ingest
from claims.tests.engine_fixtures import eager_celery  # noqa: F401
from claims.tests.factories import ClaimFactory
from sources.conflict_packs import pack_parse
from sources.conflicts import conflict_pack_load
from sources.models import Conflict, PartySide
from sources.tests.factories import PlaceFactory

pytestmark = pytest.mark.django_db

PACK = """\
format: factcheck-conflict-pack/1
version: 1
conflict:
  slug: valoria-kestra-2031
  name: Valoria–Kestra war
  start_date: 2031-05-01
  timezone: America/Santiago
  countries: [CL]
sides:
  - slug: valoria
    label: Valoria
    colour: "#2255aa"
    opposes: [kestra]
    roots: [Valoria]
  - slug: kestra
    label: Kestra
    colour: "#aa3322"
    roots: [Kestra]
  - slug: observers
    label: Observers
    kind: third_party
    roots: [Andean Monitoring Mission]
parties:
  - name: Valoria
    kind: state
    demonyms: [Valorian]
    children:
      - name: Government of Valoria
        kind: government
        aliases: [Valorian officials, Valorian government]
        children:
          - name: Ministry of Defence of Valoria
            kind: ministry
            aliases: [Valorian defence ministry, Valorian Ministry of Defence]
      - name: Armed Forces of Valoria
        kind: armed_force
        aliases: [Valorian forces, Valorian troops, Valorian army]
  - name: Kestra
    kind: state
    demonyms: [Kestran]
    children:
      - name: Government of Kestra
        kind: government
        aliases: [Kestran officials, Kestran government]
      - name: Armed Forces of Kestra
        kind: armed_force
        aliases: [Kestran forces, Kestran troops, Kestran army]
  - name: Andean Monitoring Mission
    kind: organisation
places:
  - name: Puerto Lumen
    kind: town
    country: CL
    aliases: [Port Lumen]
"""

VALORIAN_REPORT = """\
The Valorian defence ministry accused Kestran forces of shelling Puerto Lumen on Sunday.

The Valorian defence ministry said 12 civilians were killed in Puerto Lumen on Sunday.
"""

KESTRAN_REPORT = """\
Kestran officials accused Valorian troops of shelling Puerto Lumen on Sunday.

Kestran officials said seven civilians were killed in Puerto Lumen on Sunday.
"""

MONDAY = datetime(2031, 6, 2, 9, 0, tzinfo=ZoneInfo("America/Santiago"))


@pytest.fixture
def valoria():
    conflict_pack_load(pack=pack_parse(PACK, source="valoria.yaml"))
    return Conflict.objects.get(slug="valoria-kestra-2031")


@pytest.fixture
def both_reports(valoria, eager_celery, django_capture_on_commit_callbacks):  # noqa: F811
    with django_capture_on_commit_callbacks(execute=True):
        first = article_ingest(body=VALORIAN_REPORT, title="Valorian report", published_at=MONDAY)
    with django_capture_on_commit_callbacks(execute=True):
        second = article_ingest(body=KESTRAN_REPORT, title="Kestran report", published_at=MONDAY)
    return first.article, second.article


def side(party) -> str:
    return PartySide.objects.get(party=party, conflict__slug="valoria-kestra-2031").side.slug


def test_articles_are_filed_under_the_conflict_their_text_names(both_reports, valoria):
    assert [article.conflict_id for article in both_reports] == [valoria.pk, valoria.pk]
    assert not any(article.conflict_needs_review for article in both_reports)


def test_claimant_and_accused_sides_come_from_the_pack(both_reports):
    accusations = Claim.objects.filter(kind=ClaimKind.ACCUSATION).select_related("claimant", "accused")
    assert sorted((side(c.claimant), side(c.accused)) for c in accusations) == [
        ("kestra", "valoria"),
        ("valoria", "kestra"),
    ]
    tolls = Claim.objects.filter(kind=ClaimKind.CASUALTY).select_related("claimant")
    assert sorted((side(c.claimant), c.killed_min) for c in tolls) == [("kestra", 7), ("valoria", 12)]


def test_sunday_is_read_in_the_conflicts_time_zone(both_reports):
    claim = Claim.objects.filter(kind=ClaimKind.CASUALTY).first()
    local = claim.event_start.astimezone(ZoneInfo("America/Santiago"))
    assert (local.date().isoformat(), local.hour) == ("2031-06-01", 0)


def test_opposite_blame_and_different_tolls_are_both_flagged(both_reports):
    kinds = set(Contradiction.objects.values_list("kind", flat=True))
    assert {ContradictionKind.CONFLICTING_BLAME, ContradictionKind.CASUALTY_MISMATCH} <= kinds
    toll = Contradiction.objects.get(kind=ContradictionKind.CASUALTY_MISMATCH)
    assert "12" in toll.explanation
    assert "7" in toll.explanation


def test_an_article_naming_no_loaded_conflict_is_flagged_for_review_not_guessed(valoria, eager_celery):  # noqa: F811
    result = article_ingest(
        body="The weather in the capital was mild on Tuesday, officials said.", title="Weather"
    )
    result.article.refresh_from_db()
    assert result.article.conflict_id is None
    assert result.article.conflict_needs_review
    assert "a reviewer should choose it" in result.article.status_message


def test_claims_at_one_place_and_time_in_two_conflicts_are_two_incidents(valoria, gazetteer):
    town = PlaceFactory(name="Border Town")
    karabakh = Conflict.objects.get(slug="nagorno-karabakh-2020")
    first = ClaimFactory(place=town, conflict=valoria, article=None, stated_at=MONDAY)
    second = ClaimFactory(place=town, conflict=karabakh, article=None, stated_at=MONDAY)
    incidents = {claim_group(claim=first), claim_group(claim=second)}
    assert len(incidents) == 2
    assert {incident.conflict_id for incident in incidents} == {valoria.pk, karabakh.pk}
