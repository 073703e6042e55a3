"""The development demo login never works in production mode."""

import pytest
from django.contrib.auth import get_user_model

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo_user():
    return get_user_model().objects.create_superuser(username="demo", password="demo")


def test_the_demo_login_works_in_development(client, demo_user, settings):
    settings.PRODUCTION = False
    assert client.login(username="demo", password="demo")


def test_the_demo_login_is_refused_in_production(client, demo_user, reviewer, settings):
    settings.PRODUCTION = True
    assert not client.login(username="demo", password="demo")
    response = client.post("/admin/login/", {"username": "demo", "password": "demo", "next": "/admin/"})
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session
    assert client.login(username="reviewer", password="review-pass-123")
