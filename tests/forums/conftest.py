import pytest

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
