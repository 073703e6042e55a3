"""Which claims await their check, and which are checked again when a first mention changes."""

import pytest

from claims.selectors.checks import claim_awaiting_check, claims_said_again_after
from claims.tests.factories import ClaimFactory, ControlClaimFactory, DenialClaimFactory
from sources.tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


def test_the_claims_said_again_after_a_claim_are_the_later_ones_of_its_article_and_kind():
    article, other = ArticleFactory(), ArticleFactory()
    first = ControlClaimFactory(article=article)
    again = ControlClaimFactory(article=article)
    DenialClaimFactory(article=article)
    ControlClaimFactory(article=other)

    assert claims_said_again_after(claim_ids=[first.pk]) == [again.pk]
    assert claims_said_again_after(claim_ids=[again.pk]) == []


def test_claims_of_no_article_have_nothing_said_again_after_them():
    lone = ClaimFactory(article=None)

    assert claims_said_again_after(claim_ids=[lone.pk]) == []
    assert claims_said_again_after(claim_ids=[]) == []


def test_a_new_claim_awaits_its_check_since_its_change():
    claim = ClaimFactory()

    assert claim_awaiting_check(claim_id=claim.pk) == claim.changed_at
