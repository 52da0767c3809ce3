import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from contacts.models import Organisation
from contacts.reference_data import load_reference_data


@pytest.fixture
def reference_data(db):
    load_reference_data()


@pytest.fixture
def org(reference_data):
    """The real organisations of the reference data, by slug: org("newham")."""
    return lambda slug: Organisation.objects.get(slug=slug)


@pytest.fixture
def count_queries():
    """The number of queries one GET of `url` makes (after a warm-up request)."""

    def count(client, url):
        assert client.get(url).status_code == 200
        with CaptureQueriesContext(connection) as captured:
            response = client.get(url)
            if response.streaming:
                b"".join(response.streaming_content)
        assert response.status_code == 200
        return len(captured.captured_queries)

    return count
