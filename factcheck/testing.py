"""Test support shared by the integration tests that run real Celery processes.

Without PostgreSQL and Redis those tests skip on a developer's machine; under CI (``CI`` set) a
missing service is a failure, so a CI run can never pass without them.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
import redis
from django.conf import settings
from django.db import connection

ROOT = Path(__file__).resolve().parent.parent


def missing_integration_services() -> list[str]:
    """What keeps the integration tests from running here (empty when PostgreSQL and Redis answer)."""
    missing = []
    if connection.vendor != "postgresql":
        missing.append("DATABASE_URL does not point at PostgreSQL")
    broker = settings.CELERY_BROKER_URL
    if not broker.startswith("redis://"):
        missing.append("CELERY_BROKER_URL does not point at Redis")
    else:
        try:
            redis.Redis.from_url(broker, socket_connect_timeout=2).ping()
        except redis.RedisError as error:
            missing.append(f"Redis at {broker} does not answer ({error})")
    return missing


def require_integration_services() -> None:
    """Skip the calling test when a service is missing, or fail it when CI is set."""
    missing = missing_integration_services()
    if missing:
        message = "integration tests need real services: " + "; ".join(missing)
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)


def test_database_url() -> str:
    """A DATABASE_URL naming the test database, for worker and beat subprocesses."""
    db = connection.settings_dict
    user = db.get("USER") or "postgres"
    password = f":{db['PASSWORD']}" if db.get("PASSWORD") else ""
    host, port = db.get("HOST") or "127.0.0.1", db.get("PORT") or 5432
    return f"postgres://{user}{password}@{host}:{port}/{db['NAME']}"


# A helper, not a test for pytest to collect (pytest reads the attribute; mypy knows no such one).
test_database_url.__test__ = False  # type: ignore[attr-defined]


def subprocess_environment(**extra: str) -> dict[str, str]:
    """The environment for a ``celery worker`` or ``celery beat`` that shares this test's database and broker."""
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "factcheck.settings",
        "DATABASE_URL": test_database_url(),
        "CELERY_BROKER_URL": settings.CELERY_BROKER_URL,
        "CELERY_TASK_ALWAYS_EAGER": "false",
        "PYTHONPATH": str(ROOT),
        **extra,
    }
