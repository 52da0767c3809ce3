"""“Get alerts for this search” on every filtered list and on the search results, and a
saved site search that brings the index's new matches into the digest."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from digests.members import load_batch
from digests.models import Frequency, SavedSearch
from digests.news import BatchNews
from tests.factories import OrganisationFactory, UserFactory
from tests.projects.factories import ProjectFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("page", "scope"),
    [
        ("/projects/", "projects"),
        ("/funding/", "funding"),
        ("/papers/", "papers"),
        ("/events/", "events"),
        ("/e-index/", "eindex"),
    ],
)
def test_each_list_offers_alerts_for_its_filters(client, topic, page, scope):
    ProjectFactory(topics=[topic])
    html = client.get(page, {"topic": "e-democracy"}).content.decode()
    link = f"{reverse('digests:new_search')}?scope={scope}&amp;topic=e-democracy"
    assert link in html
    assert "Get alerts for this search by e-mail" in html


def test_the_search_results_offer_alerts_for_the_search(client, search_index):
    OrganisationFactory(name="Hackney Digital Trust", summary="A smart card scheme.")
    from haystack import connections

    from contacts.models import Organisation

    index = connections["default"].get_unified_index().get_index(Organisation)
    search_index.update(index, index.index_queryset())
    html = client.get("/search/", {"q": "smart card"}).content.decode()
    assert f"{reverse('digests:new_search')}?scope=site&amp;q=smart+card" in html


def test_a_saved_site_search_brings_its_new_matches(
    client, search_index, django_capture_on_commit_callbacks
):
    member = UserFactory()
    client.force_login(member)
    response = client.post(
        reverse("digests:new_search"),
        {"scope": "site", "query": "q=kiosk", "name": "Kiosks anywhere", "frequency": "daily"},
    )
    assert response.status_code == 302
    search = SavedSearch.objects.get(member=member)
    assert search.query == "q=kiosk"
    with django_capture_on_commit_callbacks(execute=True):
        ProjectFactory(title="Library kiosks", summary="Kiosks in every library.")
        ProjectFactory(title="Broadband for schools", summary="Faster links.")
    until = timezone.now() + datetime.timedelta(seconds=1)
    since = until - datetime.timedelta(days=1)
    members = load_batch(Frequency.DAILY, until, [member.pk])
    digest = BatchNews(Frequency.DAILY, until, since, members).digest_for(members[0], since)
    [section] = digest.sections
    assert section.heading == "Kiosks anywhere"
    assert [item.title for item in section.items] == ["Library kiosks"]
    assert section.more_url.endswith("/search/?q=kiosk")
