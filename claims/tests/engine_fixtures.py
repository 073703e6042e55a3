"""Fixtures shared by the contradiction engine's tests (imported by the test modules that use them).

They read the starter gazetteer, so the parties have their real names, tree and sides.
"""

import pytest

from claims.contradictions import check
from claims.models import Claim, Contradiction, ContradictionStatus
from claims.selectors.candidates import claims_facts
from sources.models import Party, Place

PARTY_NAMES = {
    "az_prosecutor": "Prosecutor General of Azerbaijan",
    "az_defence": "Ministry of Defence of Azerbaijan",
    "az_forces": "Armed Forces of Azerbaijan",
    "am_defence": "Ministry of Defence of Armenia",
    "am_forces": "Armed Forces of Armenia",
    "osce": "OSCE Minsk Group",
}


@pytest.fixture
def sides(gazetteer):
    """Parties on both sides (and an observer), keyed by short names."""
    return {key: Party.objects.get(name=name) for key, name in PARTY_NAMES.items()}


@pytest.fixture
def ganja(gazetteer):
    return Place.objects.get(name="Ganja")


@pytest.fixture
def hadrut(gazetteer):
    return Place.objects.get(name="Hadrut")


@pytest.fixture
def eager_celery():
    """Run tasks in process even when the environment names a broker (CI sets one for the integration tests)."""
    from factcheck.celery import app

    saved = (app.conf.task_always_eager, app.conf.task_eager_propagates)
    app.conf.task_always_eager = app.conf.task_eager_propagates = True
    yield
    app.conf.task_always_eager, app.conf.task_eager_propagates = saved


def naive_contradictions() -> set[tuple[int, int, str]]:
    """Every pair of stored claims the rules flag when compared naively, all against all: what the
    per-claim checks and the rescan must agree with."""
    facts = list(claims_facts(claim_ids=Claim.objects.values_list("pk", flat=True)).values())
    return {
        (min(a.id, b.id), max(a.id, b.id), found.kind)
        for i, a in enumerate(facts)
        for b in facts[i + 1 :]
        for found in check(a, b)
    }


def open_contradictions() -> set[tuple[int, int, str]]:
    """The stored contradictions that are not closed, as (claim a, claim b, kind)."""
    return set(
        Contradiction.objects.exclude(status=ContradictionStatus.CLOSED).values_list(
            "claim_a_id", "claim_b_id", "kind"
        )
    )
