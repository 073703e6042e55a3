"""Project-wide pytest fixtures."""

import functools
import os
import re
from collections.abc import Iterable

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import connection, transaction

from factcheck.celery import app as celery_app
from sources.caches import conflict_caches_clear
from sources.conflict_packs import Pack, pack_read, shipped_pack_paths
from sources.conflicts import conflict_packs_load
from sources.models import Conflict

KARABAKH_PACK = "nagorno-karabakh-2020"


def pytest_configure(config):
    """Give each parallel test process (pytest-xdist ``gwN``) its own Redis database.

    pytest-django already gives each process its own test database; the broker must be split the
    same way, or one process's Celery worker would take the tasks another process enqueued, against
    a database it cannot see.
    """
    worker = os.environ.get("PYTEST_XDIST_WORKER", "")
    broker = settings.CELERY_BROKER_URL
    if not worker.startswith("gw") or not broker.startswith("redis://"):
        return
    base = re.match(r"^(redis://[^/]+)(?:/(\d+))?$", broker)
    if base is None:
        return
    number = int(base.group(2) or 0) + 1 + int(worker[2:])
    url = f"{base.group(1)}/{number}"
    os.environ["CELERY_BROKER_URL"] = url
    settings.CELERY_BROKER_URL = url
    celery_app.conf.broker_url = url
    if settings.CELERY_RESULT_BACKEND and settings.CELERY_RESULT_BACKEND.startswith("redis://"):
        settings.CELERY_RESULT_BACKEND = url
        celery_app.conf.result_backend = url


@functools.cache
def _shipped_packs() -> dict[str, Pack]:
    """The shipped packs, parsed once per test process (parsing takes longer than most tests)."""
    return {path.stem: pack_read(path) for path in shipped_pack_paths()}


def _packs_present(names: Iterable[str]) -> None:
    """Load the named shipped packs unless the database already holds exactly that version.

    The first pack is loaded by a migration, so in a test's transaction it is usually there already;
    it is missing only after a transactional test flushed the tables.  Reloading an unchanged pack
    would only confirm it ("unchanged") at a second or more per test.
    """
    packs = _shipped_packs()
    stale = [
        packs[name]
        for name in names
        if not Conflict.objects.filter(slug=packs[name].slug, pack_digest=packs[name].digest).exists()
    ]
    if stale:
        conflict_packs_load(packs=stale)


@pytest.fixture
def gazetteer(db):
    """The first conflict pack (the 2020 Karabakh war), present even after a transactional test flushed
    the data migration that loads it."""
    _packs_present([KARABAKH_PACK])


@pytest.fixture
def shipped_packs(db):
    """Every conflict pack that ships with factcheck."""
    _packs_present(_shipped_packs())


@pytest.fixture(scope="module")
def shipped_packs_for_module(django_db_setup, django_db_blocker):
    """Every shipped pack, loaded once for all the tests of a module (loading all of them takes tens of
    seconds) inside an outer transaction that is rolled back after the module's last test.

    Each test's own transaction becomes a savepoint inside it, so a test still sees nothing another
    test wrote, and nothing outlives the module.  Not for modules with transactional tests.
    """
    with django_db_blocker.unblock(), transaction.atomic():
        _packs_present(_shipped_packs())
        yield
        transaction.set_rollback(True)


@pytest.fixture(autouse=True)
def _fresh_conflict_caches():
    """Cached sides and time zones never outlive a test (ids are reused after a flush)."""
    conflict_caches_clear()
    yield
    conflict_caches_clear()


@pytest.fixture
def reviewer(db):
    return get_user_model().objects.create_user(
        username="reviewer", password="review-pass-123", is_staff=True
    )


@pytest.fixture
def superuser(db):
    return get_user_model().objects.create_superuser(username="admin", password="admin-pass-123")


@pytest.fixture(scope="session", autouse=True)
def _release_test_database(django_db_setup, django_db_blocker):
    """Close sessions that threads (live server, local webhook receivers) left on the test database,
    so PostgreSQL can drop it at the end of the run."""
    yield
    with django_db_blocker.unblock():
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute(
                    "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                    "WHERE datname = current_database() AND pid <> pg_backend_pid()"
                )
