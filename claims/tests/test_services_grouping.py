"""Grouping claims into incidents: same place and day, aliases, kinds, what is never grouped."""

from datetime import UTC, datetime, timedelta

import pytest

from claims.models import (
    Claim,
    ClaimKind,
    Contradiction,
    ContradictionKind,
    ContradictionStatus,
    Incident,
    IncidentKind,
)
from claims.services.checking import claim_check
from claims.services.claims import claim_create
from claims.services.grouping import claim_group
from claims.services.incidents import incident_merge
from claims.tests import engine_fixtures
from claims.tests.factories import IncidentFactory
from claims.tests.test_services_incidents import OCT_11, strike_claim
from claims.tests.test_services_real_dates import day, open_rows, tartar, toll
from sources.models import Place, PlaceAlias
from sources.tests.factories import ArticleFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("eager_celery")]
eager_celery = engine_fixtures.eager_celery
sides, ganja, hadrut = engine_fixtures.sides, engine_fixtures.ganja, engine_fixtures.hadrut
_ = tartar  # a fixture


def test_claims_about_the_same_place_and_day_share_one_incident(sides, ganja):
    first = strike_claim(sides["az_prosecutor"], ganja)
    second = strike_claim(sides["am_defence"], ganja, stated_at=OCT_11 + timedelta(hours=5))
    incident = claim_group(claim=first)
    assert claim_group(claim=second) == incident
    incident.refresh_from_db()
    assert incident.kind == IncidentKind.STRIKE
    assert incident.place == ganja
    assert incident.window_start <= OCT_11 - timedelta(days=1)
    assert incident.window_end >= OCT_11 + timedelta(hours=5)


def test_a_transliterated_place_name_resolves_to_the_same_incident(sides, ganja):
    gence = PlaceAlias.objects.get(alias="Gence").place
    first = strike_claim(sides["az_prosecutor"], ganja)
    second = strike_claim(sides["am_defence"], gence)
    assert claim_group(claim=first) == claim_group(claim=second)


def test_a_strike_a_week_later_is_another_incident(sides, ganja):
    first = strike_claim(sides["az_prosecutor"], ganja)
    later = strike_claim(sides["az_prosecutor"], ganja, stated_at=OCT_11 + timedelta(days=7))
    assert claim_group(claim=first) != claim_group(claim=later)


def test_another_place_is_another_incident(sides, ganja, hadrut):
    assert claim_group(claim=strike_claim(sides["am_defence"], ganja)) != claim_group(
        claim=strike_claim(sides["am_defence"], hadrut)
    )


def test_control_claims_form_capture_incidents_apart_from_strikes(sides, hadrut):
    strike = strike_claim(sides["am_defence"], hadrut)
    capture = claim_create(
        claimant=sides["az_defence"],
        kind=ClaimKind.CONTROL,
        stated_at=OCT_11,
        place=hadrut,
        controller=sides["az_forces"],
    )
    assert claim_group(claim=capture).kind == IncidentKind.CAPTURE
    assert claim_group(claim=capture) != claim_group(claim=strike)


def test_claims_without_a_place_and_statements_are_not_grouped(sides, ganja):
    unplaced = claim_create(
        claimant=sides["am_defence"], kind=ClaimKind.CASUALTY, stated_at=OCT_11, killed_min=3
    )
    statement = claim_create(
        claimant=sides["am_defence"], kind=ClaimKind.STATEMENT, stated_at=OCT_11, place=ganja
    )
    assert claim_group(claim=unplaced) is None
    assert claim_group(claim=statement) is None
    assert not Incident.objects.exists()


def test_merged_incidents_take_no_new_claims(sides, ganja):
    first = strike_claim(sides["az_prosecutor"], ganja)
    merged = claim_group(claim=first)
    target = IncidentFactory(place=ganja, window_start=OCT_11 + timedelta(days=20))
    incident_merge(target=target, others=[merged])
    again = strike_claim(sides["am_defence"], ganja)
    assert claim_group(claim=again) not in (merged, None)


# --- real dates, wide places and denials of control (issue 15) ---------------------------------------


def _checked(*claims):
    for claim in claims:
        claim_check(claim_id=claim.pk)
    for claim in claims:
        claim.refresh_from_db()
    return claims


def _control(sides, place, *, article=None, stated_at=None):
    return claim_create(
        claimant=sides["az_defence"],
        kind=ClaimKind.CONTROL,
        article=article,
        stated_at=stated_at,
        place=place,
        controller=sides["az_forces"],
    )


def _denial(sides, act, *, place=None, article=None, stated_at=None, on=None):
    start, end = day(on) if on else (None, None)
    return claim_create(
        claimant=sides["am_defence"],
        kind=ClaimKind.DENIAL,
        article=article,
        stated_at=stated_at,
        place=place,
        act=act,
        event_start=start,
        event_end=end,
    )


def test_denials_of_a_capture_share_the_capture_incident_so_the_desk_gets_one_dispute(sides, hadrut):
    article = ArticleFactory(published_at=datetime(2020, 10, 9, 8, tzinfo=UTC))
    placeless = _denial(sides, "the ministry says fighting is still going on there", article=article)
    taken = _control(sides, hadrut, article=article)
    elsewhere = ArticleFactory(published_at=datetime(2020, 10, 9, 15, tzinfo=UTC))
    at_the_town = _denial(sides, "claims that the town has fallen", place=hadrut, article=elsewhere)
    placeless, taken, at_the_town = _checked(placeless, taken, at_the_town)
    assert taken.incident.kind == IncidentKind.CAPTURE
    assert placeless.incident_id == at_the_town.incident_id == taken.incident_id
    rows = Contradiction.objects.filter(status=ContradictionStatus.OPEN)
    assert rows.count() == 2
    assert {row.incident_id for row in rows} == {taken.incident_id}


def test_a_denial_of_shelling_at_a_captured_town_stays_with_the_strikes(sides, hadrut):
    taken = _control(sides, hadrut)
    shelling = _denial(sides, "shelled the town's hospital", place=hadrut)
    taken, shelling = _checked(taken, shelling)
    assert shelling.incident.kind != IncidentKind.CAPTURE


def test_a_town_said_taken_on_two_days_is_one_capture(sides, hadrut):
    first = _control(sides, hadrut, stated_at=datetime(2020, 10, 9, 8, tzinfo=UTC))
    second = _control(sides, hadrut, stated_at=datetime(2020, 10, 10, 8, tzinfo=UTC))
    Claim.objects.filter(pk=first.pk).update(event_start=day(9)[0], event_end=day(9)[1])
    Claim.objects.filter(pk=second.pk).update(event_start=day(10)[0], event_end=day(10)[1])
    first, second = _checked(first, second)
    assert first.incident_id == second.incident_id


def test_a_denial_dated_to_the_day_it_was_made_joins_the_strike_its_article_reports(sides, tartar):
    article = ArticleFactory(published_at=datetime(2020, 10, 28, 6, tzinfo=UTC))
    killed = toll(sides["az_prosecutor"], tartar, 6, article=article, on=27)
    blame = claim_create(
        claimant=sides["az_defence"], kind=ClaimKind.ACCUSATION, article=article, place=tartar,
        accused=sides["am_forces"], act="the attack", event_start=day(27)[0], event_end=day(27)[1],
    )  # fmt: skip
    denied = _denial(sides, "that its missiles hit homes", place=tartar, article=article, on=28)
    killed, blame, denied = _checked(killed, blame, denied)
    assert denied.incident_id == killed.incident_id == blame.incident_id
    assert {kind for _, _, kind in open_rows()} == {ContradictionKind.ACCUSATION_DENIAL}


def test_a_second_toll_of_the_next_day_in_the_same_article_is_still_another_strike(sides, tartar):
    article = ArticleFactory(published_at=datetime(2020, 10, 29, 6, tzinfo=UTC))
    first = toll(sides["az_prosecutor"], tartar, 6, article=article, on=27)
    second = toll(sides["am_defence"], tartar, 30, article=article, on=28)
    first, second = _checked(first, second)
    assert first.incident_id != second.incident_id
    assert open_rows() == set()


def test_an_event_date_after_the_article_is_not_the_events_and_the_claim_joins_its_article(sides, tartar):
    article = ArticleFactory(published_at=datetime(2020, 10, 28, 6, tzinfo=UTC))
    first = toll(sides["az_prosecutor"], tartar, 6, article=article, on=27)
    # A date read from a sentence about something else, in the wrong year.
    misread = toll(sides["am_defence"], tartar, 40, article=article)
    Claim.objects.filter(pk=misread.pk).update(
        event_start=datetime(2021, 10, 7, tzinfo=UTC), event_end=datetime(2021, 10, 8, tzinfo=UTC)
    )
    first, misread = _checked(first, misread)
    assert misread.incident_id == first.incident_id
    assert {kind for _, _, kind in open_rows()} == {ContradictionKind.CASUALTY_MISMATCH}


def test_a_denial_placed_only_in_a_country_answers_its_articles_strike(sides, tartar):
    armenia = Place.objects.get(name="Armenia")
    assert armenia.kind == Place.Kind.COUNTRY
    article = ArticleFactory(published_at=datetime(2020, 10, 5, 9, tzinfo=UTC))
    blame = claim_create(
        claimant=sides["az_defence"], kind=ClaimKind.ACCUSATION, article=article, place=tartar,
        accused=sides["am_forces"], act="fired rockets at the town",
    )  # fmt: skip
    denied = _denial(sides, "both reports are untrue", place=armenia, article=article)
    blame, denied = _checked(blame, denied)
    assert denied.incident_id == blame.incident_id
    assert {kind for _, _, kind in open_rows()} == {ContradictionKind.ACCUSATION_DENIAL}


def test_a_country_wide_accusation_with_a_background_date_stays_out_of_the_articles_strike(sides, tartar):
    armenia = Place.objects.get(name="Armenia")
    article = ArticleFactory(published_at=datetime(2020, 10, 5, 9, tzinfo=UTC))
    strike = toll(sides["az_prosecutor"], tartar, 3, article=article, on=4)
    background = claim_create(
        claimant=sides["am_defence"], kind=ClaimKind.ACCUSATION, article=article, place=armenia,
        accused=sides["az_forces"], act="began the war", event_start=datetime(2020, 9, 27, tzinfo=UTC),
        event_end=datetime(2020, 9, 27, 23, tzinfo=UTC),
    )  # fmt: skip
    strike, background = _checked(strike, background)
    assert background.incident_id not in (None, strike.incident_id)


def test_a_country_wide_toll_checked_before_its_articles_town_toll_joins_the_towns_strike(sides, tartar):
    """The order the checks run in does not matter: a toll placed only in the country waits for the
    article's toll at a town, and that strike takes it in."""
    azerbaijan = Place.objects.get(name="Azerbaijan")
    article = ArticleFactory(published_at=datetime(2020, 10, 5, 9, tzinfo=UTC))
    nationwide = toll(sides["az_prosecutor"], azerbaijan, 24, article=article, on=4)
    at_the_town = toll(sides["az_prosecutor"], tartar, 3, article=article, on=4)
    nationwide, at_the_town = _checked(nationwide, at_the_town)
    assert nationwide.incident_id == at_the_town.incident_id is not None
    assert at_the_town.incident.place == tartar
    assert Incident.objects.count() == 1


def test_a_country_wide_accusation_of_another_day_checked_first_still_gets_its_own_incident(
    sides, tartar, django_capture_on_commit_callbacks
):
    armenia = Place.objects.get(name="Armenia")
    article = ArticleFactory(published_at=datetime(2020, 10, 5, 9, tzinfo=UTC))
    background = claim_create(
        claimant=sides["am_defence"], kind=ClaimKind.ACCUSATION, article=article, place=armenia,
        accused=sides["az_forces"], act="began the war", event_start=datetime(2020, 9, 27, tzinfo=UTC),
        event_end=datetime(2020, 9, 27, 23, tzinfo=UTC),
    )  # fmt: skip
    strike = toll(sides["az_prosecutor"], tartar, 3, article=article, on=4)
    with django_capture_on_commit_callbacks(execute=True):
        background, strike = _checked(background, strike)
    background.refresh_from_db()
    assert background.incident_id not in (None, strike.incident_id)
    assert background.incident.place == armenia


def test_a_placeless_accusation_pulled_into_a_strike_gives_it_no_day_of_its_own(sides, tartar):
    article = ArticleFactory(published_at=datetime(2020, 10, 28, 6, tzinfo=UTC))
    blame = claim_create(
        claimant=sides["am_defence"], kind=ClaimKind.ACCUSATION, article=article,
        accused=sides["az_forces"], act="the shelling", event_start=day(20)[0], event_end=day(20)[1],
    )  # fmt: skip
    undated = toll(sides["az_prosecutor"], tartar, 4, article=article)
    blame, undated = _checked(blame, undated)
    assert blame.incident_id == undated.incident_id is not None
    # Another outlet's toll of the article's day still meets it: the pulled accusation's 20 October is
    # a date of the sentence, not of the strike at Tartar.
    other = ArticleFactory(published_at=datetime(2020, 10, 28, 9, tzinfo=UTC))
    (later,) = _checked(toll(sides["am_defence"], tartar, 9, article=other, on=27))
    assert later.incident_id == undated.incident_id
