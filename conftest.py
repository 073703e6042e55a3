"""Project-wide pytest fixtures."""

import pytest
from django.contrib.auth import get_user_model
from django.db import connection

from sources.caches import conflict_caches_clear
from sources.conflicts import conflict_packs_load_shipped

KARABAKH_PACK = "nagorno-karabakh-2020"


@pytest.fixture
def gazetteer(db):
    """The first conflict pack (the 2020 Karabakh war), present even after a transactional test flushed
    the data migration that loads it."""
    conflict_packs_load_shipped(names=[KARABAKH_PACK])


@pytest.fixture
def shipped_packs(db):
    """Every conflict pack that ships with factcheck."""
    conflict_packs_load_shipped()


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
