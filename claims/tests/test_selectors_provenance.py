"""Which articles, parties and outlets a partner may see: the ones no partner's unpublished work alone
names, its own, and another partner's once a claim about them is published."""

import pytest

from claims.selectors.provenance import articles_visible, outlets_visible, parties_visible
from claims.tests.factories import ClaimFactory, PublishedClaimFactory
from partners.models import Partner
from sources.tests.factories import ArticleFactory, OutletFactory, PartyFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def desks():
    return Partner.objects.create(name="Desk A"), Partner.objects.create(name="Desk B")


def test_another_partners_submission_is_hidden_until_one_of_its_claims_is_published(desks):
    mine, theirs = desks
    own, other, wire = (
        ArticleFactory(submitted_by=mine),
        ArticleFactory(submitted_by=theirs),
        ArticleFactory(),
    )
    ClaimFactory(article=other)

    assert set(articles_visible(partner=mine)) == {own, wire}
    assert set(articles_visible(partner=None)) == {wire}

    PublishedClaimFactory(article=other)
    assert set(articles_visible(partner=mine)) == {own, wire, other}
    assert set(articles_visible(is_staff=True)) == {own, wire, other}


def test_a_speaker_the_extractor_created_is_seen_only_through_a_claim_the_caller_may_see(desks):
    mine, theirs = desks
    reference = PartyFactory(needs_review=False)
    found_in_theirs = PartyFactory(needs_review=True)
    found_in_mine = PartyFactory(needs_review=True)
    ClaimFactory(article=ArticleFactory(submitted_by=theirs), claimant=found_in_theirs)
    ClaimFactory(article=ArticleFactory(submitted_by=mine), accused=found_in_mine, claimant=reference)

    seen = set(parties_visible(partner=mine))

    assert {reference, found_in_mine} <= seen
    assert found_in_theirs not in seen
    assert found_in_theirs in set(parties_visible(partner=theirs))


def test_an_outlet_known_only_from_another_partners_unpublished_article_is_hidden(desks):
    mine, theirs = desks
    listed = OutletFactory(name="Listed Agency")
    hidden = OutletFactory(name="Their Source")
    ArticleFactory(outlet=hidden, submitted_by=theirs)

    seen = set(outlets_visible(partner=mine))

    assert listed in seen
    assert hidden not in seen
    assert hidden in set(outlets_visible(partner=theirs))
