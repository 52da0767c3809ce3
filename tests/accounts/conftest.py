import pytest
from axes.utils import reset as reset_axes

from tests.factories import LocalAuthorityFactory, PartnerEditorFactory


@pytest.fixture(autouse=True)
def _reset_axes(request):
    """Start every database test with no recorded sign-in failures."""
    if request.node.get_closest_marker("django_db"):
        reset_axes()


@pytest.fixture
def camden():
    return LocalAuthorityFactory(name="London Borough of Camden", slug="camden")


@pytest.fixture
def newham():
    return LocalAuthorityFactory(name="London Borough of Newham", slug="newham")


@pytest.fixture
def camden_editor(client, admin_login, camden):
    """The test client, signed in to the admin as an editor of Camden's records."""
    admin_login(client, PartnerEditorFactory(organisations=[camden]))
    return client
