"""People in the API: only those listed publicly, and of each only the details they made
public. Someone not listed publicly (partners or staff only, or past their review-by date)
appears nowhere: not in /contacts/, not by their address, not nested in an organisation,
group, project or funding source, not in the schema or the reference page."""

import datetime

import pytest
from django.utils import timezone

from contacts.models import Visibility
from tests.factories import ContactFactory, GroupFactory
from tests.funding.factories import FundingRoundFactory, FundingSourceFactory
from tests.projects.factories import ProjectFactory

from .conftest import listed

pytestmark = pytest.mark.django_db

API = "/api/v1"


@pytest.fixture
def people(org):
    newham = org("newham")
    lapsed_on = timezone.localdate() - datetime.timedelta(days=1)
    return {
        "public": ContactFactory(
            name="Pat Public", slug="pat-public", organisation=newham,
            email="pat@newham.example.org", email_visibility=Visibility.PUBLIC,
            phone="020 7946 0001", phone_visibility=Visibility.STAFF,
            job_title="Head of digital", job_title_visibility=Visibility.PARTNERS,
            profile="Leads digital services.", profile_visibility=Visibility.PUBLIC,
        ),
        "partners": ContactFactory(
            name="Pip Partnersonly", slug="pip-partnersonly", organisation=newham,
            email="pip@newham.example.org", listing_visibility=Visibility.PARTNERS,
        ),
        "staff": ContactFactory(
            name="Sam Staffonly", slug="sam-staffonly", organisation=newham,
            email="sam@newham.example.org", listing_visibility=Visibility.STAFF,
        ),
        "lapsed": ContactFactory(
            name="Lee Lapsed", slug="lee-lapsed", organisation=newham,
            email="lee@newham.example.org", email_visibility=Visibility.PUBLIC,
            review_by=lapsed_on,
        ),
    }  # fmt: skip


HIDDEN = ("partners", "staff", "lapsed")


def test_only_public_details_are_sent(fetch, people):
    data = fetch(f"{API}/contacts/pat-public/")
    assert data["email"] == "pat@newham.example.org"
    assert data["profile"] == "Leads digital services."
    assert "phone" not in data and "job_title" not in data
    assert "020 7946 0001" not in str(data) and "Head of digital" not in str(data)
    assert data["organisation"]["slug"] == "newham"
    assert data["html_url"] == "http://testserver/contacts/pat-public/"


def test_details_follow_a_change_of_mind(fetch, people):
    pat = people["public"]
    pat.email_visibility = Visibility.PARTNERS
    pat.phone_visibility = Visibility.PUBLIC
    pat.save()
    data = fetch(f"{API}/contacts/pat-public/")
    assert "email" not in data and data["phone"] == "020 7946 0001"


def test_the_list_has_only_people_listed_publicly(fetch, people):
    assert listed(fetch(f"{API}/contacts/?page_size=200")) == ["pat-public"]
    assert listed(fetch(f"{API}/contacts/?organisation=newham")) == ["pat-public"]


@pytest.mark.parametrize("who", HIDDEN)
def test_someone_not_listed_publicly_is_not_found(client, people, who):
    response = client.get(f"{API}/contacts/{people[who].slug}/")
    assert response.status_code == 404


def test_nobody_hidden_appears_anywhere_in_the_api(client, people, org):
    """Every list and record that nests people, with everyone hidden attached to it."""
    newham = org("newham")
    project = ProjectFactory(lead_organisation=newham, slug="kiosks")
    project.contacts.add(*people.values())
    GroupFactory(slug="east-group", convenor=newham, convenor_contact=people["partners"])
    GroupFactory(slug="west-group", convenor=newham, convenor_contact=people["lapsed"])
    source = FundingSourceFactory(owner=newham, slug="fund", contact=people["staff"])
    FundingRoundFactory(source=source)

    addresses = [
        f"{API}/contacts/?page_size=200",
        f"{API}/organisations/?page_size=200",
        f"{API}/organisations/newham/",
        f"{API}/groups/",
        f"{API}/groups/east-group/",
        f"{API}/groups/west-group/",
        f"{API}/projects/",
        f"{API}/projects/kiosks/",
        f"{API}/funding/?deadline=all",
        f"{API}/funding/fund/",
        "/api/schema/",
        "/api/schema/?format=json",
        "/api/docs/",
        "/api/",
    ]
    for address in addresses:
        response = client.get(address)
        assert response.status_code == 200, address
        body = response.content.decode()
        for who in HIDDEN:
            person = people[who]
            for trace in (person.name, person.slug, person.email):
                assert trace not in body, f"{trace} leaked in {address}"
    project_data = client.get(f"{API}/projects/kiosks/").json()
    assert [person["slug"] for person in project_data["contacts"]] == ["pat-public"]
    assert client.get(f"{API}/groups/east-group/").json()["convenor_contact"] is None
    assert client.get(f"{API}/funding/fund/").json()["contact"] is None
    newham_data = client.get(f"{API}/organisations/newham/").json()
    assert [person["slug"] for person in newham_data["contacts"]] == ["pat-public"]


def test_a_public_convenor_is_named(fetch, people, org):
    GroupFactory(slug="east-group", convenor=org("newham"), convenor_contact=people["public"])
    assert fetch(f"{API}/groups/east-group/")["convenor_contact"]["slug"] == "pat-public"


def test_filter_choices_reveal_nothing_of_hidden_people(client, people, org):
    """An organisation known only from hidden entries is not a valid choice."""
    ContactFactory(organisation=org("camden"), listing_visibility=Visibility.STAFF)
    response = client.get(f"{API}/contacts/?organisation=camden")
    assert response.status_code == 400 and "organisation" in response.json()
