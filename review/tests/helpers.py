"""Helpers shared by the admin and dashboard tests (imported, not fixtures, so every app's tests can use them)."""

from __future__ import annotations

from django.contrib.auth.models import Group
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from review.roles import REVIEWER_GROUP, ensure_reviewer_group

SCRIPT = "<script>alert('x')</script>"
ESCAPED_SCRIPT = "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;"


def make_reviewer(user):
    """Put a staff user in the Reviewer group (recreated if a transactional test flushed it)."""
    ensure_reviewer_group()
    user.groups.add(Group.objects.get(name=REVIEWER_GROUP))
    return user


def csrf_client(user) -> Client:
    """A logged-in client that enforces CSRF like a browser would."""
    client = Client(enforce_csrf_checks=True)
    client.force_login(user)
    return client


def csrf_token(client: Client, url: str) -> str:
    """GET ``url`` and return the CSRF token the page set in its cookie."""
    response = client.get(url)
    assert response.status_code == 200, response.status_code
    return client.cookies["csrftoken"].value


def count_queries(client: Client, url: str) -> int:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200, response.status_code
    return len(ctx.captured_queries)


def assert_page_queries_pinned(client: Client, assert_num_queries, *, url: str, make, pinned: int) -> None:
    """The changelist at ``url`` runs exactly ``pinned`` queries with one row and with a full page."""
    make(1)
    with assert_num_queries(pinned):
        assert client.get(url).status_code == 200
    make(40)
    with assert_num_queries(pinned):
        assert client.get(url).status_code == 200
