"""Incidents that follow real dates, placeless answers, undated articles, and the engine's new blocks."""

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from claims.models import (
    Claim,
    ClaimKind,
    Contradiction,
    ContradictionKind,
    ContradictionStatus,
    VictimGroup,
)
from claims.services.checking import claim_check
from claims.services.claims import claim_create
from claims.services.ingestion import article_ingest
from claims.services.rescan import contradictions_rescan
from claims.tests import engine_fixtures
from claims.tests.factories import ClaimFactory, DenialClaimFactory
from sources.feeds import _entry_published
from sources.models import Article, Place
from sources.tests.factories import ArticleFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("eager_celery")]
eager_celery = engine_fixtures.eager_celery
sides, hadrut = engine_fixtures.sides, engine_fixtures.hadrut
BAKU = ZoneInfo("Asia/Baku")


@pytest.fixture
def tartar(gazetteer):
    return Place.objects.get(name="Tartar")


def day(n: int) -> tuple[datetime, datetime]:
    start = datetime(2020, 10, n, tzinfo=BAKU)
    return start, start + timedelta(days=1) - timedelta(microseconds=1)


def toll(claimant, place, killed, *, article=None, on=None, stated_at=None, **extra):
    start, end = day(on) if on else (None, None)
    return claim_create(
        claimant=claimant,
        kind=ClaimKind.CASUALTY,
        article=article,
        stated_at=stated_at,
        place=place,
        event_start=start,
        event_end=end,
        killed_min=killed,
        killed_max=killed,
        victim_group=VictimGroup.CIVILIAN,
        **extra,
    )


def open_rows():
    return set(
        Contradiction.objects.filter(status=ContradictionStatus.OPEN).values_list(
            "claim_a_id", "claim_b_id", "kind"
        )
    )


def test_strikes_on_one_town_on_consecutive_days_are_two_incidents_whose_tolls_are_not_compared(
    sides, tartar
):
    evening = datetime(2020, 10, 28, 20, 0, tzinfo=UTC)
    first = toll(sides["az_prosecutor"], tartar, 4, on=27, stated_at=evening)
    second = toll(sides["am_defence"], tartar, 21, on=28, stated_at=evening)
    for claim in (first, second):
        claim_check(claim_id=claim.pk)
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.incident_id != second.incident_id
    assert open_rows() == set()


def test_two_tolls_dated_to_the_same_day_still_meet(sides, tartar):
    first = toll(sides["az_prosecutor"], tartar, 4, on=27, stated_at=datetime(2020, 10, 27, 18, tzinfo=UTC))
    second = toll(sides["am_defence"], tartar, 21, on=27, stated_at=datetime(2020, 10, 28, 9, tzinfo=UTC))
    for claim in (first, second):
        claim_check(claim_id=claim.pk)
    assert {kind for _, _, kind in open_rows()} == {ContradictionKind.CASUALTY_MISMATCH}


def test_a_claim_dated_only_by_its_article_joins_the_incident_its_article_pins_down(sides, tartar):
    article = ArticleFactory(published_at=datetime(2020, 10, 28, 6, tzinfo=UTC))
    other_day = toll(sides["am_defence"], tartar, 30, on=28, stated_at=datetime(2020, 10, 28, 6, tzinfo=UTC))
    claim_check(claim_id=other_day.pk)
    pinned = toll(sides["az_prosecutor"], tartar, 4, article=article, on=27)
    claim_check(claim_id=pinned.pk)
    undated = toll(sides["az_defence"], tartar, 5, article=article)
    claim_check(claim_id=undated.pk)
    undated.refresh_from_db()
    pinned.refresh_from_db()
    other_day.refresh_from_db()
    assert undated.incident_id == pinned.incident_id != other_day.incident_id


def test_a_placeless_denial_answers_the_accusation_of_its_articles_incident_whichever_is_checked_first(
    sides, tartar
):
    article = ArticleFactory(published_at=datetime(2020, 10, 5, 9, tzinfo=UTC))
    denial = claim_create(
        claimant=sides["am_defence"], kind=ClaimKind.DENIAL, article=article, act="groundless and false"
    )
    claim_check(claim_id=denial.pk)
    blame = claim_create(
        claimant=sides["az_defence"],
        kind=ClaimKind.ACCUSATION,
        article=article,
        accused=sides["am_forces"],
        act="shelled Tartar",
        place=tartar,
    )
    claim_check(claim_id=blame.pk)
    denial.refresh_from_db()
    assert denial.incident_id == Claim.objects.get(pk=blame.pk).incident_id is not None
    assert (
        min(denial.pk, blame.pk),
        max(denial.pk, blame.pk),
        ContradictionKind.ACCUSATION_DENIAL,
    ) in open_rows()


def test_an_article_without_a_date_takes_the_first_full_date_of_its_text(gazetteer):
    body = "Baku, 12 October 2020. The ministry said three people were killed in Tartar on Sunday."
    article = article_ingest(body=body, extract="none").article
    assert article.published_at == datetime(2020, 10, 12, tzinfo=UTC)
    assert article.published_at_source == Article.DateSource.TEXT


def test_an_article_with_no_date_anywhere_is_marked_undated_not_dated_by_its_ingestion(gazetteer):
    article = article_ingest(
        body="The ministry said three people were killed in Tartar.", extract="none"
    ).article
    assert article.published_at is None
    assert article.published_at_source == Article.DateSource.UNKNOWN
    assert not article.date_known


def test_tolls_of_an_undated_article_are_kept_out_of_time_window_matching(sides, tartar):
    recent = toll(sides["az_prosecutor"], tartar, 4)
    claim_check(claim_id=recent.pk)
    undated = ArticleFactory(published_at=None, published_at_source=Article.DateSource.UNKNOWN)
    stray = toll(sides["am_defence"], tartar, 40, article=undated)
    claim_check(claim_id=stray.pk)
    stray.refresh_from_db()
    assert stray.incident_id is None
    assert open_rows() == set()


def test_a_feed_entry_gives_its_date_to_the_article():
    assert _entry_published({"published_parsed": (2020, 10, 4, 7, 30, 0, 6, 278, 0)}) == datetime(
        2020, 10, 4, 7, 30, tzinfo=UTC
    )
    assert _entry_published({}) is None


def test_a_later_toll_by_the_same_prosecutor_through_another_outlet_is_an_update(sides, tartar):
    first = toll(
        sides["az_prosecutor"],
        tartar,
        14,
        on=27,
        article=ArticleFactory(published_at=datetime(2020, 10, 27, 12, tzinfo=UTC)),
    )
    later = toll(
        sides["az_prosecutor"],
        tartar,
        19,
        on=27,
        article=ArticleFactory(published_at=datetime(2020, 10, 28, 9, tzinfo=UTC)),
    )
    for claim in (first, later):
        claim_check(claim_id=claim.pk)
    [row] = Contradiction.objects.all()
    assert (row.kind, row.status, row.holding_claim_id) == (
        ContradictionKind.UPDATE,
        ContradictionStatus.RESOLVED,
        later.pk,
    )


def test_a_capture_denied_at_the_place_is_flagged_and_the_stored_score_gives_its_reasons(sides, hadrut):
    taken = claim_create(
        claimant=sides["az_defence"], kind=ClaimKind.CONTROL, place=hadrut, controller=sides["az_forces"]
    )
    denied = claim_create(
        claimant=sides["am_defence"], kind=ClaimKind.DENIAL, place=hadrut, act="fighting for the town goes on"
    )
    for claim in (taken, denied):
        claim_check(claim_id=claim.pk)
    [row] = Contradiction.objects.all()
    assert row.kind == ContradictionKind.CONFLICTING_CONTROL
    assert row.score_reasons == ["a control claim denied by the side said to have lost the place"]


def test_rescan_incremental_and_all_pairs_agree_on_control_denials(sides, hadrut, tartar):
    article = ArticleFactory()
    for n, place in enumerate([hadrut, tartar, hadrut, None, hadrut]):
        ClaimFactory(
            kind=ClaimKind.CONTROL, killed_min=None, killed_max=None, claimant=sides["az_defence"],
            controller=sides["az_forces"], place=place or hadrut, article=article if n % 2 else None,
            stated_at=datetime(2020, 10, 9 + n, tzinfo=UTC),
        )  # fmt: skip
        DenialClaimFactory(
            claimant=sides["am_defence"], act="the report is a lie", place=place,
            article=article if n % 2 else None, stated_at=datetime(2020, 10, 9 + n, tzinfo=UTC),
        )  # fmt: skip
    contradictions_rescan(block_size=4)
    by_rescan = engine_fixtures.open_contradictions()
    naive = engine_fixtures.naive_contradictions()
    assert by_rescan == naive
    assert any(kind == ContradictionKind.CONFLICTING_CONTROL for _, _, kind in naive)
    Contradiction.objects.all().delete()
    for claim_id in Claim.objects.order_by("-pk").values_list("pk", flat=True):
        claim_check(claim_id=claim_id)
    assert (
        set(
            Contradiction.objects.exclude(status=ContradictionStatus.CLOSED).values_list(
                "claim_a_id", "claim_b_id", "kind"
            )
        )
        == naive
    )
