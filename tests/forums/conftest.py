import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from forums.models import Category

from .factories import MemberFactory, ModeratorFactory, NewMemberFactory


@pytest.fixture
def member(db):
    return MemberFactory(full_name="Meera Member")


@pytest.fixture
def other_member(db):
    return MemberFactory(full_name="Oscar Other")


@pytest.fixture
def new_member(db):
    return NewMemberFactory(full_name="Nina Newcomer")


@pytest.fixture
def moderator(db):
    return ModeratorFactory(full_name="Morag Moderator")


@pytest.fixture
def e_democracy(db):
    """A theme the data migration created."""
    return Category.objects.get(slug="e-democracy")


@pytest.fixture
def count_queries():
    """The number of queries one GET of `url` makes (after a warm-up request)."""

    def count(client, url):
        assert client.get(url).status_code == 200
        with CaptureQueriesContext(connection) as captured:
            response = client.get(url)
        assert response.status_code == 200
        return len(captured.captured_queries)

    return count
