"""Project-wide pytest fixtures."""

import pytest
from django.contrib.auth import get_user_model

from sources.gazetteer import load_gazetteer
from sources.models import Party, PartyAlias, Place, PlaceAlias


@pytest.fixture
def gazetteer(db):
    """The starter gazetteer, present even after a transactional test flushed the data migration."""
    load_gazetteer(Party, PartyAlias, Place, PlaceAlias)


@pytest.fixture
def reviewer(db):
    return get_user_model().objects.create_user(
        username="reviewer", password="review-pass-123", is_staff=True
    )


@pytest.fixture
def superuser(db):
    return get_user_model().objects.create_superuser(username="admin", password="admin-pass-123")
