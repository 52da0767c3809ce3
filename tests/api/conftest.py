import pytest


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
