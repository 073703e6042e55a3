"""The facts the rules read: a statement written twice in one article is paired once (its first mention).

Sentences are written for these tests; the claims go through ``claim_create`` and ``claim_check`` as
the extractor's would.
"""

from datetime import UTC, datetime

import pytest

from claims.contradictions.wording import victims_named
from claims.models import Claim, ClaimKind, ClaimStatus, Contradiction, ContradictionKind, ContradictionStatus
from claims.selectors.candidates import claims_facts
from claims.services.checking import claim_check
from claims.services.claims import claim_create, claim_update, claims_delete, claims_review
from claims.services.rescan import contradictions_rescan
from claims.tests import engine_fixtures
from sources.models import Party, Place
from sources.tests.factories import ArticleFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("eager_celery")]
eager_celery = engine_fixtures.eager_celery
sides, hadrut = engine_fixtures.sides, engine_fixtures.hadrut
OCT_9 = datetime(2020, 10, 9, 8, tzinfo=UTC)


@pytest.fixture
def tartar(gazetteer):
    return Place.objects.get(name="Tartar")


def taken(sides, place, article, quote):
    return claim_create(
        claimant=sides["az_defence"], kind=ClaimKind.CONTROL, place=place, controller=sides["az_forces"],
        article=article, stated_at=OCT_9, quote=quote,
    )  # fmt: skip


def denied(sides, article, act="the report of the town's fall is a lie", place=None):
    return claim_create(
        claimant=sides["am_defence"], kind=ClaimKind.DENIAL, act=act, place=place, article=article,
        stated_at=OCT_9,
    )  # fmt: skip


def open_pairs():
    return set(
        Contradiction.objects.filter(status=ContradictionStatus.OPEN).values_list("claim_a_id", "claim_b_id")
    )


def check_all():
    for claim_id in Claim.objects.order_by("pk").values_list("pk", flat=True):
        claim_check(claim_id=claim_id)


def test_a_capture_told_in_the_lead_and_again_in_a_quote_is_flagged_once_against_its_denial(sides, hadrut):
    article = ArticleFactory(published_at=OCT_9)
    lead = taken(sides, hadrut, article, "The ministry said its troops had taken the town.")
    quote = taken(sides, hadrut, article, "'The town is ours,' the ministry's spokesman said.")
    denial = denied(sides, article)
    check_all()
    assert open_pairs() == {(lead.pk, denial.pk)}
    facts = claims_facts(claim_ids=[lead.pk, quote.pk])
    assert (facts[lead.pk].repeats, facts[quote.pk].repeats) == (False, True)


def test_a_government_and_its_ministry_saying_the_same_in_one_article_are_one_voice(sides, hadrut):
    article = ArticleFactory(published_at=OCT_9)
    government = Party.objects.get(name="Government of Azerbaijan")
    lead = claim_create(
        claimant=government, kind=ClaimKind.CONTROL, place=hadrut, controller=sides["az_forces"],
        article=article, stated_at=OCT_9, quote="Baku said the town had been taken.",
    )  # fmt: skip
    taken(sides, hadrut, article, "The ministry added that its troops held the town.")
    denial = denied(sides, article)
    check_all()
    assert open_pairs() == {(lead.pk, denial.pk)}


def test_two_bodies_of_one_government_giving_the_same_toll_are_two_voices(sides, hadrut):
    article = ArticleFactory(published_at=OCT_9)
    common = {
        "kind": ClaimKind.CASUALTY,
        "place": hadrut,
        "killed_min": 9,
        "killed_max": 9,
        "article": article,
    }
    tolls = [claim_create(claimant=sides[who], **common) for who in ("az_prosecutor", "az_defence")]
    assert [f.repeats for f in claims_facts(claim_ids=[c.pk for c in tolls]).values()] == [False, False]


def test_the_same_ministry_saying_two_towns_fell_is_two_claims_each_denied(sides, hadrut, tartar):
    article = ArticleFactory(published_at=OCT_9)
    first = taken(sides, hadrut, article, "The ministry said its troops had taken the first town.")
    second = taken(sides, tartar, article, "The ministry said its troops had also taken the second town.")
    denial = denied(sides, article, act="the reports of the towns' fall are lies")
    check_all()
    assert open_pairs() == {(first.pk, denial.pk), (second.pk, denial.pk)}


def test_the_same_capture_carried_by_two_articles_is_paired_in_each(sides, hadrut):
    articles = ArticleFactory(published_at=OCT_9), ArticleFactory(published_at=OCT_9)
    claims = [taken(sides, hadrut, article, "The ministry said the town was taken.") for article in articles]
    denial = denied(sides, articles[1], act="fighting for the town goes on", place=hadrut)
    check_all()
    assert open_pairs() == {(claim.pk, denial.pk) for claim in claims}


def test_two_tolls_of_one_ministry_in_one_article_repeat_only_when_their_figures_agree(sides, hadrut):
    article = ArticleFactory(published_at=OCT_9)

    def toll(killed):
        return claim_create(
            claimant=sides["az_prosecutor"], kind=ClaimKind.CASUALTY, place=hadrut, killed_min=killed,
            killed_max=killed, article=article, stated_at=OCT_9,
        )  # fmt: skip

    nine, nine_again, twelve = toll(9), toll(9), toll(12)
    facts = claims_facts(claim_ids=[nine.pk, nine_again.pk, twelve.pk])
    assert [facts[c.pk].repeats for c in (nine, nine_again, twelve)] == [False, True, False]


def test_the_second_mention_is_paired_again_once_the_first_is_rejected(sides, hadrut):
    article = ArticleFactory(published_at=OCT_9)
    lead = taken(sides, hadrut, article, "The ministry said its troops had taken the town.")
    quote = taken(sides, hadrut, article, "'The town is ours,' the spokesman said.")
    denial = denied(sides, article)
    Claim.objects.filter(pk=lead.pk).update(status=ClaimStatus.REJECTED)
    check_all()
    assert open_pairs() == {(quote.pk, denial.pk)}


def test_rejecting_the_first_mention_in_review_pairs_the_second_with_its_denial_at_once(
    sides, hadrut, django_capture_on_commit_callbacks
):
    article = ArticleFactory(published_at=OCT_9)
    with django_capture_on_commit_callbacks(execute=True):
        lead = taken(sides, hadrut, article, "The ministry said its troops had taken the town.")
        quote = taken(sides, hadrut, article, "'The town is ours,' the spokesman said.")
        denial = denied(sides, article)
    assert open_pairs() == {(lead.pk, denial.pk)}

    with django_capture_on_commit_callbacks(execute=True):
        claims_review(claim_ids=[lead.pk], status=ClaimStatus.REJECTED, reviewer=None)

    assert open_pairs() == {(quote.pk, denial.pk)}
    with django_capture_on_commit_callbacks(execute=True):
        claims_review(claim_ids=[lead.pk], status=ClaimStatus.PENDING, reviewer=None)
    assert open_pairs() == {(lead.pk, denial.pk)}


def test_editing_the_first_mention_into_another_statement_pairs_the_second_at_once(
    sides, hadrut, tartar, django_capture_on_commit_callbacks
):
    article = ArticleFactory(published_at=OCT_9)
    with django_capture_on_commit_callbacks(execute=True):
        lead = taken(sides, hadrut, article, "The ministry said its troops had taken the town.")
        quote = taken(sides, hadrut, article, "'The town is ours,' the spokesman said.")
        denial = denied(sides, article, act="fighting for the town goes on", place=hadrut)
    assert open_pairs() == {(lead.pk, denial.pk)}

    with django_capture_on_commit_callbacks(execute=True):
        claim_update(claim=lead, place=tartar)

    assert open_pairs() == {(quote.pk, denial.pk)}


def test_rescan_and_checks_agree_with_all_pairs_when_statements_repeat(sides, hadrut, tartar):
    article = ArticleFactory(published_at=OCT_9)
    for place in (hadrut, hadrut, tartar, hadrut):
        taken(sides, place, article, "The ministry said the town was taken.")
    denied(sides, article)
    denied(sides, article, act="fighting for the town goes on", place=hadrut)
    contradictions_rescan(block_size=3)
    by_rescan = engine_fixtures.open_contradictions()
    naive = engine_fixtures.naive_contradictions()
    assert by_rescan == naive
    assert {kind for _, _, kind in naive} == {ContradictionKind.CONFLICTING_CONTROL}
    Contradiction.objects.all().delete()
    check_all()
    assert set(Contradiction.objects.values_list("claim_a_id", "claim_b_id", "kind")) == naive


def test_tolls_of_each_sides_own_soldiers_in_one_incident_are_not_flagged_against_each_other(sides, hadrut):
    article = ArticleFactory(published_at=OCT_9)
    common = {"kind": ClaimKind.CASUALTY, "place": hadrut, "article": article, "victim_group": "military"}
    ours = claim_create(
        claimant=sides["az_defence"], killed_min=40, killed_max=40, **common,
        quote="Forty Azerbaijani soldiers died in the fighting, the ministry said.",
    )  # fmt: skip
    theirs = claim_create(
        claimant=sides["am_defence"], killed_min=38, killed_max=38, **common,
        quote="The ministry in Yerevan said 38 Armenian soldiers were killed.",
    )  # fmt: skip
    unnamed = claim_create(
        claimant=sides["osce"],
        killed_min=60,
        killed_max=60,
        **common,
        quote="Observers counted 60 dead soldiers.",
    )
    check_all()
    facts = claims_facts(claim_ids=[ours.pk, theirs.pk])
    assert facts[ours.pk].victims == victims_named("Azerbaijani troops")
    assert facts[ours.pk].victims != facts[theirs.pk].victims
    assert open_pairs() == {(ours.pk, unnamed.pk), (theirs.pk, unnamed.pk)}


def blames(claimant, accused, place, article, act, **extra):
    return claim_create(
        claimant=claimant, kind=ClaimKind.ACCUSATION, accused=accused, place=place, article=article,
        stated_at=OCT_9, act=act, **extra,
    )  # fmt: skip


def test_rescan_and_checks_agree_with_all_pairs_on_an_articles_exchange_of_blame(sides, hadrut, tartar):
    # One article: each ministry says the other side opened fire, each naming a town of its own sector;
    # a second article carries one side's version only.
    article, other = ArticleFactory(published_at=OCT_9), ArticleFactory(published_at=OCT_9)
    baku = blames(sides["az_defence"], sides["am_forces"], tartar, article, "shelled our posts near the town")
    yerevan = blames(
        sides["am_defence"], sides["az_forces"], hadrut, article, "struck our positions with drones"
    )
    earlier = blames(
        sides["am_defence"], sides["az_forces"], hadrut, article, "fired on the villages a day earlier",
        event_start=datetime(2020, 10, 7, tzinfo=UTC),
    )  # fmt: skip
    blames(sides["osce"], sides["az_forces"], hadrut, article, "the shelling of the town")
    blames(sides["am_defence"], sides["az_forces"], hadrut, other, "struck our positions with drones")
    check_all()
    grouped = claims_facts(claim_ids=[baku.pk, yerevan.pk, earlier.pk])
    assert grouped[baku.pk].incident_id != grouped[yerevan.pk].incident_id
    naive = engine_fixtures.naive_contradictions()
    assert naive == {(baku.pk, yerevan.pk, ContradictionKind.CONFLICTING_BLAME)}
    assert set(Contradiction.objects.values_list("claim_a_id", "claim_b_id", "kind")) == naive
    Contradiction.objects.all().delete()
    contradictions_rescan(block_size=2)
    assert set(Contradiction.objects.values_list("claim_a_id", "claim_b_id", "kind")) == naive


def test_deleting_the_first_mention_pairs_the_second_with_its_denial_at_once(
    sides, hadrut, django_capture_on_commit_callbacks
):
    article = ArticleFactory(published_at=OCT_9)
    with django_capture_on_commit_callbacks(execute=True):
        lead = taken(sides, hadrut, article, "The ministry said its troops had taken the town.")
        quote = taken(sides, hadrut, article, "'The town is ours,' the spokesman said.")
        denial = denied(sides, article)
    assert open_pairs() == {(lead.pk, denial.pk)}

    with django_capture_on_commit_callbacks(execute=True):
        deleted = claims_delete(claim_ids=[lead.pk])

    assert deleted == 1
    assert open_pairs() == {(quote.pk, denial.pk)}
