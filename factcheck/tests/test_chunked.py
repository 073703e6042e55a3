"""A body sent with Transfer-Encoding: chunked (no Content-Length) reaches the API whole."""

from __future__ import annotations

import io
import json
from wsgiref.util import setup_testing_defaults

import pytest
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from django.test import override_settings

from factcheck.wsgi import application
from partners.services import partner_key_create
from sources.models import Article

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def keep_the_test_connection():
    """The WSGI handler closes the connection after each request; the test transaction needs it."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


def post_chunked(body: bytes, *, key: str, terminated: bool = True) -> tuple[str, bytes]:
    """POST /api/v1/articles/ the way gunicorn hands a de-chunked body to the application."""
    environ: dict = {}
    setup_testing_defaults(environ)
    environ.update(
        {
            "REQUEST_METHOD": "POST",
            "PATH_INFO": "/api/v1/articles/",
            "SERVER_NAME": "testserver",
            "HTTP_HOST": "testserver",
            "CONTENT_TYPE": "application/json",
            "HTTP_TRANSFER_ENCODING": "chunked",
            "HTTP_X_API_KEY": key,
            "wsgi.input": io.BytesIO(body),
        }
    )
    environ.pop("CONTENT_LENGTH", None)
    if terminated:
        environ["wsgi.input_terminated"] = True
    status: list[str] = []
    chunks = application(environ, lambda s, headers, exc_info=None: status.append(s))
    return status[0], b"".join(chunks)


@pytest.fixture
def key() -> str:
    return partner_key_create(partner_name="Chunked desk", scopes=["read", "submit"]).key


def test_a_chunked_article_submission_is_read_whole(key):
    body = json.dumps({"body": "Officials said nine people were killed.", "url": "https://c.example/1"})
    status, content = post_chunked(body.encode(), key=key)
    assert status.startswith("202"), content
    assert Article.objects.get(url="https://c.example/1").body.startswith("Officials said nine")


@override_settings(DATA_UPLOAD_MAX_MEMORY_SIZE=1000)
def test_a_chunked_body_over_the_limit_is_a_413(key):
    body = json.dumps({"body": "nine killed. " * 200}).encode()
    status, _ = post_chunked(body, key=key)
    assert status.startswith("413")
    assert not Article.objects.exists()


def test_a_chunked_body_the_server_cannot_delimit_is_a_411(key):
    status, content = post_chunked(b'{"body": "x"}', key=key, terminated=False)
    assert status.startswith("411")
    assert b"Content-Length" in content
