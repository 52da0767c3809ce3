import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext


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
