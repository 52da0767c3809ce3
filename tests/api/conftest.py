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
def fetch(client):
    """GET an API address and return its JSON, after checking it answered 200."""

    def get(path, **headers):
        response = client.get(path, headers=headers)
        assert response.status_code == 200, (path, response.status_code, response.content[:500])
        assert response["Content-Type"] == "application/json"
        return response.json()

    return get


def listed(data, key="slug"):
    """The `key` of each record of a list answer, in order."""
    return [record[key] for record in data["results"]]


@pytest.fixture
def count_queries():
    """The number of queries one GET of `url` makes (after a warm-up request)."""

    def count(client, url):
        assert client.get(url).status_code == 200
        with CaptureQueriesContext(connection) as captured:
            response = client.get(url)
        assert response.status_code == 200, (url, response.content[:300])
        return len(captured.captured_queries)

    return count
