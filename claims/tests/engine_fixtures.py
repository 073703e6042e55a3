"""Fixtures shared by the contradiction engine's tests (imported by the test modules that use them).

They read the starter gazetteer, so the parties have their real names, tree and sides.
"""

import pytest

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
