"""What each resource of /api/v1/ gives: public records only, the fields a reuser needs
(stable ids and slugs, addresses in the API and on the site, topics, link health, dates),
and the list page's filters, alone and combined, with a clear 400 for a filter not understood."""

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from contacts.models import GroupKind, Visibility
from events.models import EventKind
from funding.models import FundingKind, FundingScope
from linkcheck.models import Link
from linkcheck.outcomes import Outcome
from papers.models import PaperKind
from projects.models import ProjectStatus
from tests.accounts.helpers import sign_in_with_second_factor
from tests.eindex.factories import CategoryFactory, EntryFactory
from tests.events.factories import EventFactory, in_days
from tests.factories import ContactFactory, GroupFactory, OrganisationFactory
from tests.funding.factories import FundingRoundFactory, FundingSourceFactory
from tests.papers.factories import PaperFactory
from tests.projects.factories import ProjectFactory, RelatedLinkFactory, programme

from .conftest import listed

pytestmark = pytest.mark.django_db

API = "/api/v1"


def mark(url, outcome):
    """Record what the link checker found at `url` (the row exists once a record shows it)."""
    Link.objects.filter(url=url).update(outcome=outcome, last_checked_at=timezone.now())


# Projects


@pytest.fixture
def register(org):
    newham, hackney, camden, barnet = (org(s) for s in ("newham", "hackney", "camden", "barnet"))
    return {
        "smart": ProjectFactory(
            title="Newham smart cards",
            slug="newham-smart-cards",
            summary="One card for libraries and leisure.",
            lead_organisation=newham,
            programme=programme("invest-to-save"),
            status=ProjectStatus.ACTIVE,
            start_date=datetime.date(2004, 4, 1),
            end_date=datetime.date(2006, 3, 31),
            areas=[newham, hackney],
            topics=["Smart cards"],
            website="https://cards.newham.example.org/",
            budget=Decimal("120000.50"),
        ),
        "web": ProjectFactory(
            title="Camden accessible web",
            slug="camden-accessible-web",
            lead_organisation=camden,
            programme=programme("pathfinder"),
            status=ProjectStatus.COMPLETED,
            start_date=datetime.date(2002, 1, 1),
            end_date=datetime.date(2003, 12, 31),
            partners=[newham],
            areas=[camden],
            topics=["Web accessibility"],
        ),
        "broadband": ProjectFactory(
            title="London-wide broadband",
            slug="london-wide-broadband",
            description="Links every library to broadband.",
            lead_organisation=org("gla"),
            programme=programme("ec-funded"),
            status=ProjectStatus.ACTIVE,
            start_date=datetime.date(2005, 6, 1),
            end_date=None,
            london_wide=True,
            topics=["Broadband", "Smart cards"],
        ),
        "proposed": ProjectFactory(
            title="Barnet kiosks",
            slug="barnet-kiosks",
            lead_organisation=barnet,
            programme=programme("local"),
            status=ProjectStatus.PROPOSED,
            start_date=None,
            areas=[barnet],
        ),
        "draft": ProjectFactory(
            title="Newham unpublished draft",
            slug="newham-unpublished-draft",
            lead_organisation=newham,
            areas=[newham],
            is_published=False,
        ),
    }


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("", {"newham-smart-cards", "camden-accessible-web", "london-wide-broadband",
              "barnet-kiosks"}),
        ("?status=active", {"newham-smart-cards", "london-wide-broadband"}),
        ("?status=active&status=proposed", {"newham-smart-cards", "london-wide-broadband",
                                            "barnet-kiosks"}),
        ("?programme=pathfinder", {"camden-accessible-web"}),
        ("?organisation=newham", {"newham-smart-cards", "camden-accessible-web"}),
        ("?area=hackney", {"newham-smart-cards", "london-wide-broadband"}),
        ("?sub_region=north", {"barnet-kiosks", "london-wide-broadband"}),
        ("?topic=smart-cards", {"newham-smart-cards", "london-wide-broadband"}),
        ("?year=2003", {"camden-accessible-web"}),
        ("?q=library", {"london-wide-broadband"}),
        ("?area=newham&status=active", {"newham-smart-cards", "london-wide-broadband"}),
        ("?area=camden&status=active", {"london-wide-broadband"}),
    ],
)  # fmt: skip
def test_project_filters_are_the_list_pages(fetch, register, query, expected):
    assert set(listed(fetch(f"{API}/projects/{query}"))) == expected


def test_projects_sort_as_the_list_page_does(fetch, register):
    titles = listed(fetch(f"{API}/projects/?sort=title"), key="title")
    assert titles == sorted(titles)


def test_a_filter_not_understood_is_a_400_naming_it(client, register):
    response = client.get(f"{API}/projects/?area=atlantis&status=active")
    assert response.status_code == 400
    assert list(response.json()) == ["area"]
    assert "atlantis" in response.json()["area"][0]


def test_a_project_in_full(fetch, register, org):
    smart = register["smart"]
    RelatedLinkFactory(project=smart, title="Evaluation", url="https://reports.example.org/e")
    mark("https://reports.example.org/e", Outcome.BROKEN)
    mark(smart.website, Outcome.WORKING)
    smart.contacts.add(
        ContactFactory(name="Pat Public", slug="pat-public", organisation=org("newham")),
        ContactFactory(
            name="Hidden Person",
            slug="hidden-person",
            organisation=org("newham"),
            listing_visibility=Visibility.PARTNERS,
        ),
    )
    data = fetch(f"{API}/projects/newham-smart-cards/")
    assert data["id"] == smart.pk and data["slug"] == "newham-smart-cards"
    assert data["url"] == "http://testserver/api/v1/projects/newham-smart-cards/"
    assert data["html_url"] == "http://testserver/projects/newham-smart-cards/"
    assert data["status"] == "active" and data["budget"] == "120000.50"
    assert data["programme"] == {"slug": "invest-to-save", "name": "Invest to Save"}
    assert data["lead_organisation"]["slug"] == "newham"
    assert data["lead_organisation"]["html_url"] == "http://testserver/organisations/newham/"
    assert [area["slug"] for area in data["areas"]] == ["hackney", "newham"]
    assert data["sub_regions"] == ["east"]
    assert data["topics"] == [{"slug": "smart-cards", "name": "Smart cards"}]
    assert data["website"]["url"] == smart.website and data["website"]["status"] == "working"
    assert data["website"]["last_checked_at"]
    assert data["related_links"] == [
        {
            "title": "Evaluation",
            "kind": "report",
            "link": {
                "url": "https://reports.example.org/e",
                "status": "broken",
                "last_checked_at": data["related_links"][0]["link"]["last_checked_at"],
            },
        }
    ]
    assert [person["slug"] for person in data["contacts"]] == ["pat-public"]
    assert data["updated_at"].startswith(str(timezone.now().year))
    assert fetch(data["contacts"][0]["url"].removeprefix("http://testserver"))["name"] == (
        "Pat Public"
    )


def test_drafts_are_neither_listed_nor_found(client, fetch, register):
    assert "newham-unpublished-draft" not in listed(fetch(f"{API}/projects/?page_size=200"))
    assert client.get(f"{API}/projects/newham-unpublished-draft/").status_code == 404


def test_pages_of_results(fetch, register):
    first = fetch(f"{API}/projects/?page_size=3&sort=title")
    assert first["count"] == 4 and len(first["results"]) == 3
    assert first["next"] == "http://testserver/api/v1/projects/?page=2&page_size=3&sort=title"
    second = fetch(first["next"].removeprefix("http://testserver"))
    assert len(second["results"]) == 1 and second["previous"]


def test_page_size_is_capped(fetch, org):
    for _ in range(3):
        ProjectFactory(lead_organisation=org("newham"))
    data = fetch(f"{API}/projects/?page_size=100000")
    assert data["count"] == 3 and data["next"] is None


# Funding


def days_from_now(days):
    return timezone.now() + datetime.timedelta(days=days)


@pytest.fixture
def funding(org):
    gla, newham = org("gla"), org("newham")
    sources = {
        "open": FundingSourceFactory(
            name="Smart card fund", slug="smart-card-fund", owner=gla, funder=gla, funder_name="",
            scope=FundingScope.LONDON, kind=FundingKind.GRANT, applicants=["local-authorities"],
            topics=["Smart cards"], max_amount=Decimal("250000"),
            application_url="https://apply.example.org/",
        ),
        "loan": FundingSourceFactory(
            name="Broadband capital", slug="broadband-capital", owner=gla,
            scope=FundingScope.UK_NATIONAL, kind=FundingKind.LOAN,
            applicants=["voluntary-sector"], max_amount=Decimal("20000"),
        ),
        "closed": FundingSourceFactory(name="Old money", slug="old-money", owner=newham),
        "draft": FundingSourceFactory(
            name="Unpublished fund", slug="unpublished-fund", owner=newham, is_published=False
        ),
    }  # fmt: skip
    FundingRoundFactory(source=sources["open"], name="Round 2", closes_at=days_from_now(12))
    FundingRoundFactory(source=sources["open"], name="Round 1", closes_at=days_from_now(-100))
    FundingRoundFactory(source=sources["loan"], closes_at=None, is_rolling=True)
    FundingRoundFactory(source=sources["closed"], closes_at=days_from_now(-2))
    FundingRoundFactory(source=sources["draft"], closes_at=days_from_now(5))
    return sources


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("", {"smart-card-fund", "broadband-capital"}),
        ("?deadline=all", {"smart-card-fund", "broadband-capital", "old-money"}),
        ("?deadline=closing", {"smart-card-fund"}),
        ("?scope=uk_national", {"broadband-capital"}),
        ("?kind=loan", {"broadband-capital"}),
        ("?applicant=local-authorities", {"smart-card-fund"}),
        ("?topic=smart-cards", {"smart-card-fund"}),
        ("?amount=100000", {"smart-card-fund"}),
        ("?q=broadband", {"broadband-capital"}),
    ],
)
def test_funding_filters_are_the_list_pages(fetch, funding, query, expected):
    assert set(listed(fetch(f"{API}/funding/{query}"))) == expected


def test_a_funding_source_with_its_rounds(fetch, funding, org):
    source = funding["open"]
    source.contact = ContactFactory(organisation=org("gla"), slug="gla-funding-officer")
    source.save()
    data = fetch(f"{API}/funding/smart-card-fund/")
    assert data["funder"]["slug"] == "gla" and data["funder_name"] == org("gla").name
    assert data["owner"]["slug"] == "gla"
    assert data["eligible_applicants"][0]["slug"] == "local-authorities"
    assert data["max_amount"] == "250000.00"
    assert data["application_url"]["url"] == "https://apply.example.org/"
    assert data["guidance_url"] is None
    assert data["contact"]["slug"] == "gla-funding-officer"
    assert [r["name"] for r in data["rounds"]] == ["Round 1", "Round 2"]
    assert data["rounds"][1]["is_rolling"] is False and data["rounds"][1]["closes_at"]
    assert data["html_url"] == "http://testserver/funding/smart-card-fund/"


def test_closed_funding_is_found_by_its_address_but_drafts_are_not(client, fetch, funding):
    assert fetch(f"{API}/funding/old-money/")["slug"] == "old-money"
    assert client.get(f"{API}/funding/unpublished-fund/").status_code == 404


# Papers


@pytest.fixture
def papers(org, register):
    group = GroupFactory(name="East London e-group", slug="east-london-e-group")
    link = PaperFactory(
        title="Smart cards evaluation", slug="smart-cards-evaluation",
        kind=PaperKind.RESEARCH, publisher=org("newham"), topics=["Smart cards"],
        published_on=datetime.date(2005, 5, 1),
    )  # fmt: skip
    link.related_projects.add(register["smart"], register["draft"])
    return {
        "link": link,
        "file": PaperFactory(
            title="Group minutes", slug="group-minutes", kind=PaperKind.MINUTES,
            publisher=group.convenor, group=group, pdf=True,
            published_on=datetime.date(2006, 1, 10),
        ),
        "draft": PaperFactory(slug="draft-paper", is_published=False),
    }  # fmt: skip


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("", {"smart-cards-evaluation", "group-minutes"}),
        ("?kind=minutes", {"group-minutes"}),
        ("?organisation=newham", {"smart-cards-evaluation"}),
        ("?group=east-london-e-group", {"group-minutes"}),
        ("?year=2005", {"smart-cards-evaluation"}),
        ("?topic=smart-cards", {"smart-cards-evaluation"}),
        ("?q=evaluation", {"smart-cards-evaluation"}),
    ],
)
def test_paper_filters_are_the_list_pages(fetch, papers, query, expected):
    assert set(listed(fetch(f"{API}/papers/{query}"))) == expected


def test_papers_as_a_link_or_a_file(fetch, papers):
    link = fetch(f"{API}/papers/smart-cards-evaluation/")
    assert link["download_url"] is None and link["external_url"]["url"]
    assert [p["slug"] for p in link["related_projects"]] == ["newham-smart-cards"]
    upload = fetch(f"{API}/papers/group-minutes/")
    assert upload["download_url"] == "http://testserver/papers/group-minutes/download/"
    assert upload["external_url"] is None and upload["file_format"] == "pdf"
    assert upload["group"]["slug"] == "east-london-e-group"


# Events


@pytest.fixture
def events(org):
    return {
        "workshop": EventFactory(
            title="Smart cards workshop", slug="smart-cards-workshop",
            kind=EventKind.WORKSHOP, organiser=org("newham"), topics=["Smart cards"],
        ),
        "online": EventFactory(
            title="Webinar", slug="webinar", kind=EventKind.SEMINAR, organiser=org("gla"),
            venue="", online_url="https://meet.example.org/webinar",
        ),
        "past": EventFactory(
            title="Last year's conference", slug="last-years-conference",
            kind=EventKind.ANNUAL_CONFERENCE, organiser=org("gla"),
            starts_at=in_days(-300), ends_at=in_days(-299),
        ),
        "draft": EventFactory(slug="draft-event", is_published=False),
    }  # fmt: skip


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("", {"smart-cards-workshop", "webinar"}),
        ("?when=past", {"last-years-conference"}),
        ("?kind=seminar", {"webinar"}),
        ("?organiser=newham", {"smart-cards-workshop"}),
        ("?attendance=online", {"webinar"}),
        ("?topic=smart-cards", {"smart-cards-workshop"}),
    ],
)
def test_event_filters_are_the_list_pages(fetch, events, query, expected):
    assert set(listed(fetch(f"{API}/events/{query}"))) == expected


def test_an_event_with_its_public_papers(fetch, events, papers):
    events["past"].papers.add(papers["link"], papers["draft"])
    data = fetch(f"{API}/events/last-years-conference/")
    assert [paper["slug"] for paper in data["papers"]] == ["smart-cards-evaluation"]
    assert data["calendar_url"] == "http://testserver/events/last-years-conference/event.ics"
    assert data["starts_at"] and data["online_url"] is None
    assert fetch(f"{API}/events/webinar/")["online_url"]["status"] == "unchecked"


# Organisations and groups


def test_organisation_filters_and_fields(fetch, org):
    assert {
        o["slug"] for o in fetch(f"{API}/organisations/?sub_region=east&page_size=200")["results"]
    } >= {"newham", "hackney"}
    kinds = {o["kind"] for o in fetch(f"{API}/organisations/?kind=health&page_size=200")["results"]}
    assert kinds == {"health"}
    newham = fetch(f"{API}/organisations/newham/")
    assert newham["kind"] == "local_authority" and newham["sub_region"] == "east"
    assert newham["website"]["url"] == org("newham").website


def test_groups_with_their_members(fetch, org):
    GroupFactory(
        name="East partnership", slug="east-partnership", kind=GroupKind.SUB_REGIONAL,
        sub_region="east", convenor=org("newham"), members=[org("newham"), org("hackney")],
    )  # fmt: skip
    GroupFactory(name="Old club", slug="old-club", is_active=False)
    assert listed(fetch(f"{API}/groups/?kind=sub_regional")) == ["east-partnership"]
    assert listed(fetch(f"{API}/groups/?active=false")) == ["old-club"]
    data = fetch(f"{API}/groups/east-partnership/")
    assert [m["slug"] for m in data["members"]] == ["hackney", "newham"]
    assert data["convenor"]["slug"] == "newham" and data["convenor_contact"] is None


def test_no_login_and_no_private_view_for_staff(client, register):
    """The API has no sign-in: a signed-in administrator gets the public answer."""
    from tests.factories import SuperUserFactory

    sign_in_with_second_factor(client, SuperUserFactory())
    assert client.get(f"{API}/projects/newham-unpublished-draft/").status_code == 404


def test_an_organisation_the_directory_does_not_know_is_a_404(client, reference_data):
    response = client.get(f"{API}/organisations/{OrganisationFactory.build().slug}x/")
    assert response.status_code == 404 and response.json() == {"detail": "Not found."}


# E-index


@pytest.fixture
def eindex(org):
    standards = CategoryFactory(name="Standards", slug="standards")
    law = CategoryFactory(name="Legislation", slug="legislation")
    return {
        "gov": EntryFactory(
            title="Government service design manual", url="https://manual.example.org/",
            primary_category=standards, other_categories=[law], owner=org("gla"),
            topics=["Web accessibility"],
        ),
        "act": EntryFactory(
            title="Freedom of Information Act", url="https://foi.example.org/",
            primary_category=law, owner=org("newham"),
        ),
    }  # fmt: skip


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("", {"gov", "act"}),
        ("?category=standards", {"gov"}),
        ("?category=legislation", {"gov", "act"}),
        ("?topic=web-accessibility", {"gov"}),
    ],
)
def test_eindex_filters_are_the_pages(fetch, eindex, query, expected):
    found = listed(fetch(f"{API}/e-index/{query}"), key="id")
    assert set(found) == {eindex[key].pk for key in expected}


def test_an_eindex_entry_with_its_link_health(fetch, eindex):
    mark("https://manual.example.org/", Outcome.UNVERIFIED)
    entry = eindex["gov"]
    data = fetch(f"{API}/e-index/{entry.pk}/")
    assert data["url"] == f"http://testserver/api/v1/e-index/{entry.pk}/"
    assert data["html_url"] == f"http://testserver/e-index/standards/#entry-{entry.pk}"
    assert data["link"]["url"] == "https://manual.example.org/"
    assert data["link"]["status"] == "unverified"
    assert data["primary_category"]["slug"] == "standards"
    assert [c["slug"] for c in data["other_categories"]] == ["legislation"]
    assert data["owner"]["slug"] == "gla"


@pytest.mark.parametrize("slug", ["no-such-project", "Year%20published", "%00", "caf%C3%A9"])
def test_an_address_that_is_no_records_is_a_json_404(client, reference_data, slug):
    response = client.get(f"{API}/projects/{slug}/")
    assert response.status_code == 404 and response.json() == {"detail": "Not found."}
