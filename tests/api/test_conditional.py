"""Keeping in step: every answer has an ETag and a Last-Modified; asking again with them gets
304 Not Modified until something in the answer changes (a record edited, added, unpublished or
deleted, an organisation it names renamed, a link it shows checked)."""

import datetime

import pytest
from django.db.models import F
from django.utils import timezone
from django.utils.http import http_date

from contacts.models import Organisation
from linkcheck.models import Link
from linkcheck.outcomes import Outcome
from projects.models import Project, ProjectStatus
from tests.projects.factories import ProjectFactory

pytestmark = pytest.mark.django_db

LIST = "/api/v1/projects/?area=newham&status=active"


@pytest.fixture
def projects(org):
    return [
        ProjectFactory(
            lead_organisation=org("newham"),
            areas=[org("newham")],
            status=ProjectStatus.ACTIVE,
            website=f"https://project-{n}.example.org/",
        )
        for n in range(3)
    ]


def validators(client, path):
    response = client.get(path)
    assert response.status_code == 200
    assert response["ETag"].startswith('"') and response["Last-Modified"]
    return response["ETag"], response["Last-Modified"]


def if_none_match(client, path, etag):
    return client.get(path, headers={"If-None-Match": etag})


@pytest.mark.parametrize("path", [LIST, "detail"])
def test_the_same_answer_again_is_a_304(client, projects, path):
    path = f"/api/v1/projects/{projects[0].slug}/" if path == "detail" else path
    etag, last_modified = validators(client, path)
    again = if_none_match(client, path, etag)
    assert again.status_code == 304 and again.content == b""
    assert again["ETag"] == etag and again["Last-Modified"] == last_modified
    since = client.get(path, headers={"If-Modified-Since": last_modified})
    assert since.status_code == 304
    head = client.head(path, headers={"If-None-Match": etag})
    assert head.status_code == 304
    assert if_none_match(client, path, '"something-else"').status_code == 200


def test_last_modified_is_the_latest_change(client, projects):
    latest = max(project.updated_at for project in projects)
    assert not Link.objects.exclude(last_checked_at=None).exists()
    assert validators(client, LIST)[1] == http_date(latest.timestamp())


def _later(queryset, seconds=5):
    """As if the record had been saved a few seconds after the client's last visit."""
    queryset.update(updated_at=F("updated_at") + datetime.timedelta(seconds=seconds))


def test_an_edit_changes_the_list_and_the_record(client, projects):
    detail = f"/api/v1/projects/{projects[1].slug}/"
    list_etag, list_modified = validators(client, LIST)
    detail_etag, detail_modified = validators(client, detail)
    projects[1].title = "A better title"
    projects[1].save()
    _later(Project.objects.filter(pk=projects[1].pk))
    for path, etag, modified in ((LIST, list_etag, list_modified),
                                 (detail, detail_etag, detail_modified)):  # fmt: skip
        fresh = if_none_match(client, path, etag)
        assert fresh.status_code == 200 and fresh["ETag"] != etag
        assert "A better title" in fresh.content.decode()
        assert client.get(path, headers={"If-Modified-Since": modified}).status_code == 200
    untouched = f"/api/v1/projects/{projects[0].slug}/"
    etag, _ = validators(client, untouched)
    assert if_none_match(client, untouched, etag).status_code == 304


@pytest.mark.parametrize("how", ["unpublished", "deleted", "no longer active"])
def test_a_record_leaving_the_set_changes_the_list(client, projects, how):
    etag, _ = validators(client, LIST)
    leaving = projects[0]
    if how == "unpublished":
        leaving.is_published = False
        leaving.save()
    elif how == "deleted":
        leaving.delete()
    else:
        leaving.status = ProjectStatus.COMPLETED
        leaving.end_date = datetime.date(2006, 1, 1)
        leaving.save()
    fresh = if_none_match(client, LIST, etag)
    assert fresh.status_code == 200 and fresh["ETag"] != etag
    assert fresh.json()["count"] == 2


def test_a_new_record_changes_the_list(client, projects, org):
    etag, _ = validators(client, LIST)
    ProjectFactory(lead_organisation=org("camden"), london_wide=True)
    fresh = if_none_match(client, LIST, etag)
    assert fresh.status_code == 200 and fresh.json()["count"] == 4


def test_what_the_records_show_of_others_changes_the_etag(client, projects):
    etag, _ = validators(client, LIST)
    newham = Organisation.objects.get(slug="newham")
    newham.short_name = "Newham Council"
    newham.save()
    renamed = if_none_match(client, LIST, etag)
    assert renamed.status_code == 200 and "Newham Council" in renamed.content.decode()
    Link.objects.filter(url=projects[0].website).update(
        outcome=Outcome.BROKEN, last_checked_at=timezone.now()
    )
    checked = if_none_match(client, LIST, renamed["ETag"])
    assert checked.status_code == 200 and '"broken"' in checked.content.decode()


def test_each_page_and_filter_has_its_own_etag(client, projects):
    etags = {
        validators(client, path)[0]
        for path in (LIST, LIST + "&page_size=1", LIST + "&page_size=1&page=2", "/api/v1/projects/")
    }
    assert len(etags) == 4


def test_a_record_gone_from_public_view_is_a_404_even_with_its_etag(client, projects):
    detail = f"/api/v1/projects/{projects[0].slug}/"
    etag, _ = validators(client, detail)
    Project.objects.filter(pk=projects[0].pk).update(is_published=False)
    assert if_none_match(client, detail, etag).status_code == 404
