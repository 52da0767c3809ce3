"""Fast: a page of any resource takes the same number of queries for N records as for 10N,
whatever they nest (organisations, people, rounds, papers, topics, links), and the link health
of a whole page is read in one query."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from contacts.models import RoleArea, Visibility
from linkcheck.models import Link
from tests.eindex.factories import CategoryFactory, EntryFactory
from tests.events.factories import EventFactory
from tests.factories import ContactFactory, GroupFactory, OrganisationFactory
from tests.funding.factories import FundingRoundFactory, FundingSourceFactory
from tests.papers.factories import PaperFactory
from tests.projects.factories import ProjectFactory, RelatedLinkFactory

pytestmark = pytest.mark.django_db

API = "/api/v1"
LISTS = [
    f"{API}/projects/",
    f"{API}/projects/?area=newham&status=active&topic=smart-cards&sort=title",
    f"{API}/funding/?deadline=all",
    f"{API}/funding/?applicant=local-authorities&amount=1000",
    f"{API}/papers/",
    f"{API}/papers/?organisation=newham&q=paper",
    f"{API}/events/",
    f"{API}/events/?organiser=newham&kind=workshop",
    f"{API}/organisations/",
    f"{API}/organisations/?sub_region=east",
    f"{API}/groups/",
    f"{API}/contacts/",
    f"{API}/contacts/?organisation=newham&topic=smart-cards",
    f"{API}/e-index/",
    f"{API}/e-index/?category=standards&topic=smart-cards",
]


def _grow(org, count):
    newham, hackney = org("newham"), org("hackney")
    role, _ = RoleArea.objects.get_or_create(slug="web-manager", defaults={"name": "Web manager"})
    standards = CategoryFactory(name="Standards", slug="standards")
    law = CategoryFactory(name="Legislation", slug="legislation")
    for _ in range(count):
        public = ContactFactory(organisation=newham)
        public.topics.add("Smart cards")
        public.role_areas.add(role)
        hidden = ContactFactory(organisation=newham, listing_visibility=Visibility.STAFF)
        project = ProjectFactory(
            lead_organisation=newham,
            partners=[hackney, OrganisationFactory()],
            areas=[newham, hackney],
            topics=["Smart cards", "Broadband"],
            website="https://project.example.org/",
        )
        RelatedLinkFactory(project=project)
        RelatedLinkFactory(project=project)
        project.contacts.add(public, hidden)
        source = FundingSourceFactory(
            owner=newham, applicants=["local-authorities", "nhs"], topics=["Smart cards"],
            contact=public, max_amount=5000, application_url="https://apply.example.org/",
        )  # fmt: skip
        FundingRoundFactory(source=source)
        FundingRoundFactory(source=source, closes_at=None, is_rolling=True)
        group = GroupFactory(convenor=newham, convenor_contact=public, members=[newham, hackney])
        paper = PaperFactory(publisher=newham, group=group, topics=["Smart cards"])
        paper.related_projects.add(project)
        EventFactory(organiser=newham, topics=["Smart cards"], papers=[paper])
        EntryFactory(
            owner=newham, primary_category=standards, other_categories=[law],
            topics=["Smart cards"],
        )  # fmt: skip


def _details(client):
    """One record of each resource, with everything it nests."""
    return [
        client.get(f"{API}/{prefix}/").json()["results"][0]["url"].removeprefix("http://testserver")
        for prefix in ("projects", "funding", "papers", "events", "groups", "contacts", "e-index")
    ] + [f"{API}/organisations/newham/"]


def test_query_counts_do_not_grow_with_the_data(client, org, count_queries):
    _grow(org, 2)
    details = _details(client)
    small = {url: count_queries(client, url) for url in LISTS + details}
    _grow(org, 18)
    large = {url: count_queries(client, url) for url in LISTS + details}
    assert large == small


def test_link_health_of_a_page_is_one_query(client, org):
    _grow(org, 5)
    for url in (f"{API}/projects/", f"{API}/funding/?deadline=all", f"{API}/organisations/"):
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        reads = [
            query["sql"]
            for query in captured.captured_queries
            if Link._meta.db_table in query["sql"] and "MAX(" not in query["sql"].upper()
        ]
        assert len(reads) == 1, (url, reads)


def test_a_304_loads_no_records(client, org):
    _grow(org, 3)
    url = f"{API}/projects/?area=newham"
    with CaptureQueriesContext(connection) as full:
        etag = client.get(url)["ETag"]
    with CaptureQueriesContext(connection) as conditional:
        assert client.get(url, headers={"If-None-Match": etag}).status_code == 304
    assert len(conditional.captured_queries) < len(full.captured_queries)
    assert not any("projects_relatedlink" in q["sql"] for q in conditional.captured_queries)


def test_the_reference_page_does_not_grow_with_the_data(client, org, count_queries):
    """/api/docs/ is written from the schema, built once per process: its queries are the
    site's own on every page, however many records there are."""
    client.get("/api/docs/")  # the schema is built on the first request
    _grow(org, 2)
    small = count_queries(client, "/api/docs/")
    _grow(org, 18)
    assert count_queries(client, "/api/docs/") == small
