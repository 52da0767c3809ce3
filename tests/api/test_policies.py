"""The API's terms as a client meets them: read-only for everyone, throttled per address,
readable from other sites' pages (CORS, without credentials), and a front page at /api/
that says so, with the example the README documents."""

from pathlib import Path

import pytest
from django.conf import settings
from django.test import override_settings

from projects.models import Project
from tests.accounts.helpers import sign_in_with_second_factor
from tests.factories import SuperUserFactory, UserFactory
from tests.londonconnects.html import assert_sound_page
from tests.projects.factories import ProjectFactory

pytestmark = pytest.mark.django_db

API = "/api/v1"


@pytest.fixture
def project(org):
    return ProjectFactory(lead_organisation=org("newham"), slug="kiosks", title="Kiosks")


@pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
@pytest.mark.parametrize("path", [f"{API}/projects/", f"{API}/projects/kiosks/"])
def test_no_writing_for_anyone(client, project, method, path):
    sign_in_with_second_factor(client, SuperUserFactory())
    response = getattr(client, method)(path, {"title": "Changed"}, content_type="application/json")
    assert response.status_code == 405
    assert response["Allow"] == "GET, HEAD, OPTIONS"
    assert Project.objects.get(pk=project.pk).title == "Kiosks"
    assert Project.objects.count() == 1


@override_settings(API_ANONYMOUS_RATE="3/minute")
def test_anonymous_clients_are_throttled_per_address(client, project):
    for _ in range(3):
        assert client.get(f"{API}/projects/").status_code == 200
    refused = client.get(f"{API}/projects/kiosks/")
    assert refused.status_code == 429
    assert int(refused["Retry-After"]) > 0
    assert "throttled" in refused.json()["detail"]
    other = client.get(f"{API}/projects/", REMOTE_ADDR="192.0.2.7")
    assert other.status_code == 200


@override_settings(API_ANONYMOUS_RATE="2/minute")
def test_a_forged_forwarded_for_does_not_escape_the_throttle(client, project):
    for n in range(2):
        assert (
            client.get(f"{API}/projects/", HTTP_X_FORWARDED_FOR=f"198.51.100.{n}").status_code
            == 200
        )
    forged = client.get(f"{API}/projects/", HTTP_X_FORWARDED_FOR="198.51.100.99")
    assert forged.status_code == 429


def test_any_site_may_read_without_credentials(client, project):
    response = client.get(f"{API}/projects/", headers={"Origin": "https://www.camden.example"})
    assert response.status_code == 200
    assert response["Access-Control-Allow-Origin"] == "*"
    assert "Access-Control-Allow-Credentials" not in response
    exposed = {
        name.strip().lower() for name in response["Access-Control-Expose-Headers"].split(",")
    }
    assert {"etag", "last-modified"} <= exposed


def test_a_conditional_request_from_another_site_is_allowed(client, project):
    preflight = client.options(
        f"{API}/projects/",
        headers={
            "Origin": "https://www.camden.example",
            "Access-Control-Request-Method": "GET",
            "Access-Control-Request-Headers": "if-none-match",
        },
    )
    assert preflight.status_code == 200
    assert preflight["Access-Control-Allow-Origin"] == "*"
    assert "if-none-match" in preflight["Access-Control-Allow-Headers"]
    assert set(preflight["Access-Control-Allow-Methods"].split(", ")) == {"GET", "HEAD", "OPTIONS"}


def test_cors_is_for_the_api_only(client, project):
    response = client.get("/projects/", headers={"Origin": "https://www.camden.example"})
    assert response.status_code == 200
    assert "Access-Control-Allow-Origin" not in response


def test_the_front_page_says_what_the_api_is(client, project):
    response = client.get("/api/")
    assert_sound_page(response)
    html = response.content.decode()
    for href in (
        "/api/v1/",
        "/api/docs/",
        "/api/schema/",
        "/api/v1/projects/",
        "/api/v1/contacts/",
    ):
        assert f'href="{href}' in html, href
    assert "/api/v1/projects/?area=newham&amp;status=active" in html
    assert "120 requests a minute" in html and "Open Government Licence" in html


def test_the_documented_example_answers(client, project, org):
    """README and /api/: all active projects in our area, as JSON."""
    readme = (Path(settings.BASE_DIR) / "README.md").read_text()
    assert f"{API}/projects/?area=newham&status=active" in readme
    project.areas.add(org("newham"))
    ProjectFactory(lead_organisation=org("camden"), areas=[org("camden")], slug="elsewhere")
    response = client.get(f"{API}/projects/?area=newham&status=active")
    assert response.status_code == 200 and response["Content-Type"] == "application/json"
    assert [record["slug"] for record in response.json()["results"]] == ["kiosks"]


def test_the_version_root_lists_every_resource(client, reference_data):
    resources = client.get(f"{API}/").json()
    assert set(resources) >= {
        "projects", "funding", "papers", "events", "organisations", "groups", "contacts",
    }  # fmt: skip
    assert resources["projects"] == "http://testserver/api/v1/projects/"


def test_the_reference_page_is_a_site_page(client, reference_data):
    anonymous = client.get("/api/docs/")
    assert_sound_page(anonymous)
    assert "Sign in" in anonymous.content.decode()
    html = anonymous.content.decode()
    assert "<script" not in html.split("</main>")[0].split("<main")[1], "no script needed"
    for endpoint in ("/api/v1/projects/", "/api/v1/projects/{slug}/", "/api/v1/contacts/"):
        assert f"GET {endpoint}" in html
    assert "<code>area</code>" in html, "the filters are listed"
    assert "<code>html_url</code>" in html, "and the fields of the records"
    client.force_login(UserFactory())
    assert "Sign out" in client.get("/api/docs/").content.decode()
