"""How claims read on a reviewer's screen: denials read as denials, accusations as accusations."""

import pytest
from django.urls import reverse

from claims.contradictions.wording import act_words
from claims.tests.factories import AccusationClaimFactory, ContradictionFactory, DenialClaimFactory
from review import display
from review.tests.helpers import csrf_client, csrf_token, make_reviewer
from sources.tests.factories import PartyFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("verb", "act", "whom", "words"),
    [
        ("accuses", "launched an assault", "Azerbaijan", "accuses Azerbaijan: “launched an assault”"),
        ("accuses", "launching an assault", "Azerbaijan", "accuses Azerbaijan of launching an assault"),
        ("accuses", "", "Azerbaijan", "accuses Azerbaijan"),
        ("denies", "its forces had fired at Ganja", "", "denies “its forces had fired at Ganja”"),
        ("denies", "violating the ceasefire", "", "denies violating the ceasefire"),
        ("denies", "", "", "denies it"),
    ],
)
def test_acts_read_right_whatever_form_they_were_quoted_in(verb, act, whom, words):
    assert act_words(verb, act, whom=whom) == words


def test_a_denial_reads_as_a_denial_not_an_admission():
    denial = DenialClaimFactory(act="its forces had fired at Ganja")
    assert display.claim_figures(denial) == "denies “its forces had fired at Ganja”"


def test_an_accusation_never_reads_accuses_of_launched():
    accusation = AccusationClaimFactory(
        accused=PartyFactory(name="Azerbaijan (t)"), act="launched an assault"
    )
    assert display.claim_figures(accusation) == "accuses Azerbaijan (t): “launched an assault”"


def test_resolving_says_resolved(reviewer):
    contradiction = ContradictionFactory()
    client = csrf_client(make_reviewer(reviewer))
    url = reverse("admin:claims_contradiction_change", args=[contradiction.pk])
    token = csrf_token(client, url)
    response = client.post(
        url,
        {"action": "resolve", "holding_claim": contradiction.claim_a_id, "csrfmiddlewaretoken": token},
        follow=True,
    )
    text = " ".join(str(m) for m in response.context["messages"])
    assert f"Contradiction #{contradiction.pk}: resolved." in text
    assert "resolveed" not in text
