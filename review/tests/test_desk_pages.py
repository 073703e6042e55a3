"""The review desk's pages answer in a number of queries that does not grow with the rows they show."""

import pytest
from django.urls import reverse

from claims.services.disputes import note_add
from claims.tests.factories import ClaimFactory, ContradictionFactory, IncidentFactory
from review.tests.helpers import count_queries, make_reviewer
from sources.tests.factories import ArticleFactory, PartyFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def reviewer_client(client, reviewer):
    client.force_login(make_reviewer(reviewer))
    return client


def test_the_review_page_runs_the_same_queries_for_a_pair_and_a_big_dispute(reviewer_client, reviewer):
    incident = IncidentFactory()
    head = ContradictionFactory(incident=incident)
    url = reverse("admin:claims_contradiction_change", args=[head.pk])
    one = count_queries(reviewer_client, url)
    for i in range(12):
        ContradictionFactory(incident=incident, kind=head.kind, claim_a=ClaimFactory(claimant=PartyFactory()))
        note_add(author=reviewer, text=f"note {i}", contradiction=head)
    html = reviewer_client.get(url).content.decode()
    assert "13 open of 13 pairs" in html
    assert count_queries(reviewer_client, url) == one


def test_the_article_view_highlights_every_claim_in_constant_queries(reviewer_client):
    sentences = [f"Official {i} said {i} people were killed." for i in range(15)]
    body = " ".join(sentences)
    article = ArticleFactory(body=body)

    def claim(i: int):
        quote = f"{i} people were killed"
        start = body.index(f"said {quote}") + len("said ")
        return ClaimFactory(article=article, quote=quote, quote_start=start, quote_end=start + len(quote))

    first = claim(0)
    url = reverse("admin:sources_article_claims", args=[article.pk])
    one = count_queries(reviewer_client, url)
    for i in range(1, 15):
        claim(i)
    html = reviewer_client.get(url).content.decode()
    assert html.count('class="claim-mark"') == 15
    assert f'href="{reverse("admin:claims_claim_change", args=[first.pk])}"' in html
    assert count_queries(reviewer_client, url) == one


def test_the_queue_filters_by_party_with_its_sub_parties(reviewer_client):
    state = PartyFactory(name="State (t)")
    ministry = PartyFactory(name="Ministry (t)", parent=state)
    mine = ContradictionFactory(claim_b=ClaimFactory(claimant=ministry))
    ContradictionFactory()
    response = reviewer_client.get(reverse("admin:claims_contradiction_changelist") + f"?party={state.pk}")
    assert [c.pk for c in response.context["cl"].result_list] == [mine.pk]
