"""`load_demo` shows the whole idea on the first run: claims that agree and claims that contradict."""

import io

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

from claims.models import Claim, Contradiction, ContradictionKind, ContradictionStatus
from claims.tests.engine_fixtures import eager_celery  # noqa: F401
from sources.models import Article

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(gazetteer, eager_celery, django_capture_on_commit_callbacks):  # noqa: F811
    with django_capture_on_commit_callbacks(execute=True):
        call_command("load_demo", stdout=io.StringIO())


def test_demo_holds_every_kind_of_open_contradiction(demo):
    open_kinds = set(
        Contradiction.objects.filter(status=ContradictionStatus.OPEN).values_list("kind", flat=True)
    )
    assert {
        ContradictionKind.CASUALTY_MISMATCH,
        ContradictionKind.CONFLICTING_BLAME,
        ContradictionKind.ACCUSATION_DENIAL,
        ContradictionKind.CONFLICTING_CONTROL,
    } <= open_kinds


def test_demo_claims_that_agree_are_not_flagged(demo):
    """Two Azerbaijani sources both saying Azerbaijan holds Hadrut agree: no contradiction between them."""
    hadrut_claims = Claim.objects.filter(
        kind="control", place__name="Hadrut", controller__conflict_sides__side__slug="azerbaijan"
    )
    assert hadrut_claims.count() >= 2
    ids = list(hadrut_claims.values_list("pk", flat=True))
    assert not Contradiction.objects.filter(claim_a__in=ids, claim_b__in=ids).exists()


def test_demo_comes_from_several_outlets_and_loads_once(demo, django_capture_on_commit_callbacks):
    assert Article.objects.values("outlet").distinct().count() >= 3
    counts = (Article.objects.count(), Claim.objects.count(), Contradiction.objects.count())
    with django_capture_on_commit_callbacks(execute=True):
        call_command("load_demo", stdout=io.StringIO())
    assert counts == (Article.objects.count(), Claim.objects.count(), Contradiction.objects.count())


def test_demo_login_exists_for_development(demo):
    user = get_user_model().objects.get(username="demo")
    assert user.is_superuser
    assert user.check_password("demo")


def test_demo_shows_credibility_and_the_most_likely_toll(demo):
    """The demo computes scores once (no beat runs under `make run`); the Prosecutor General's own update
    from 9 to 10 dead does not count against it."""
    from credibility.models import IncidentEstimate, PartyCredibility

    ganja = Claim.objects.filter(kind="casualty", incident__place__name="Ganja").values_list(
        "incident", flat=True
    )[0]
    assert IncidentEstimate.objects.get(incident=ganja).killed_likely == 10
    prosecutor = PartyCredibility.objects.get(party__name="Prosecutor General of Azerbaijan")
    assert prosecutor.refuted == 0
    assert PartyCredibility.objects.count() >= 6
