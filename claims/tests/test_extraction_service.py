"""Saving extracted claims: status, origin, new parties for review, outlets' own voice, idempotence."""

from datetime import UTC, datetime
from unittest import mock

import pytest

from claims.models import Claim, ClaimKind, ClaimOrigin, ClaimStatus
from claims.services.extraction import PartyMaker, article_extract_claims
from sources.models import Outlet, Party
from sources.services import party_create
from sources.tests.factories import ArticleFactory, OutletFactory

pytestmark = pytest.mark.django_db

BODY = (
    "Russian Deputy Foreign Minister Andrei Rudenko said 40 civilians had died in the shelling. "
    "Armenian officials accused Azeri troops of launching an assault at 12:05 pm on Saturday, "
    "while Azeri officials accused Armenia of bombing civilian targets. "
    "A missile hit Ganja, killing nine people and wounding 34."
)


@pytest.fixture
def article(gazetteer):
    return ArticleFactory(
        body=BODY,
        outlet=OutletFactory(name="Caucasus Daily"),
        published_at=datetime(2020, 10, 12, 9, tzinfo=UTC),
    )


def test_claims_are_saved_pending_review_with_exact_quotes(article):
    claims = article_extract_claims(article=article)
    assert len(claims) == 4
    for claim in claims:
        assert claim.status == ClaimStatus.PENDING
        assert claim.origin == ClaimOrigin.EXTRACTOR
        assert article.body[claim.quote_start : claim.quote_end] == claim.quote
    article.refresh_from_db()
    assert article.status == "extracted"


def test_an_unknown_speaker_becomes_a_party_for_review_under_the_right_parent(article):
    article_extract_claims(article=article)
    rudenko = Party.objects.get(name="Andrei Rudenko")
    assert rudenko.needs_review
    assert rudenko.parent.name == "Government of Russia"
    assert rudenko.tree_path.startswith(rudenko.parent.tree_path)
    assert rudenko.conflict_sides.get(conflict=article.conflict).side.slug == "third_party"


def test_the_outlets_own_voice_is_a_media_party_linked_to_the_outlet(article):
    claims = article_extract_claims(article=article)
    ganja = next(c for c in claims if c.kind == ClaimKind.CASUALTY and c.killed_min == 9)
    assert ganja.claimant.name == "Caucasus Daily"
    assert ganja.claimant.kind == Party.Kind.MEDIA
    assert ganja.claimant.needs_review
    assert Outlet.objects.get(name="Caucasus Daily").party == ganja.claimant


def test_an_outlet_known_to_the_gazetteer_speaks_as_that_party(gazetteer):
    article = ArticleFactory(
        body="A missile hit Ganja, killing nine people.", outlet=OutletFactory(name="Reuters")
    )
    [claim] = article_extract_claims(article=article)
    assert claim.claimant == Party.objects.get(name="Reuters")
    assert not claim.claimant.needs_review


def test_an_outlet_party_another_worker_created_meanwhile_is_taken_not_a_failure(gazetteer):
    """Two workers extract two articles of one new outlet at once: the second looked the outlet's party
    up before the first committed it, and must take that row rather than fail the article."""
    outlet = OutletFactory(name="Outage Wire")
    article = ArticleFactory(body="A missile hit Ganja, killing nine people.", outlet=outlet)
    committed_meanwhile = {}

    def lookup_before_the_other_worker_commits(maker, ref):
        committed_meanwhile["party"] = party_create(name=ref.name, kind=ref.kind)

    with mock.patch.object(PartyMaker, "known", lookup_before_the_other_worker_commits):
        [claim] = article_extract_claims(article=article)
    assert claim.claimant == committed_meanwhile["party"]
    assert Party.objects.filter(name="Outage Wire").count() == 1
    article.refresh_from_db()
    assert article.status == "extracted"


def test_running_twice_adds_nothing(article):
    first = article_extract_claims(article=article)
    counts = (Claim.objects.count(), Party.objects.count())
    second = article_extract_claims(article=article)
    assert [c.pk for c in first] == [c.pk for c in second]
    assert (Claim.objects.count(), Party.objects.count()) == counts


def test_each_saved_claim_is_checked_for_contradictions_after_commit(
    article, django_capture_on_commit_callbacks
):
    with (
        mock.patch("claims.tasks.check_claim.delay") as delay,
        django_capture_on_commit_callbacks(execute=True),
    ):
        claims = article_extract_claims(article=article)
    checked = {call.args[0] for call in delay.call_args_list}
    assert checked == {c.pk for c in claims}


def test_an_accusation_keeps_the_accused_act_and_time(article):
    claims = article_extract_claims(article=article)
    assault = next(c for c in claims if c.kind == ClaimKind.ACCUSATION and "12:05" in c.act)
    assert assault.claimant.name == "Government of Armenia"
    assert assault.accused.name == "Armed Forces of Azerbaijan"
    assert assault.event_start == datetime(2020, 10, 10, 8, 5, tzinfo=UTC)
