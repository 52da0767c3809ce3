"""The register's public pages as a visitor meets them: filters that combine and stay in the
URL, sorting, pagination, one project's page, organisation pages, and reporting a problem."""

import datetime
from decimal import Decimal

import pytest
from django.conf import settings
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from contacts.models import Visibility
from projects.models import ProblemReport, ProjectStatus
from tests.accounts.helpers import sign_in_with_second_factor
from tests.factories import (
    ContactFactory,
    OrganisationFactory,
    PartnerEditorFactory,
    SuperUserFactory,
    UserFactory,
)
from tests.londonconnects.html import assert_sound_page, elements, text_of

from .factories import ProjectFactory, RelatedLinkFactory, programme

pytestmark = pytest.mark.django_db

LIST = reverse("projects:project_list")


@pytest.fixture
def register(org):
    """Five projects whose every filter value is known, and one draft."""
    newham, hackney, camden, barnet = (org(s) for s in ("newham", "hackney", "camden", "barnet"))
    return {
        "smart": ProjectFactory(
            title="Newham smart cards",
            summary="One card for libraries and leisure.",
            lead_organisation=newham,
            programme=programme("invest-to-save"),
            status=ProjectStatus.ACTIVE,
            start_date=datetime.date(2004, 4, 1),
            end_date=datetime.date(2006, 3, 31),
            areas=[newham, hackney],
            topics=["smart cards"],
        ),
        "web": ProjectFactory(
            title="Camden accessible web",
            lead_organisation=camden,
            programme=programme("pathfinder"),
            status=ProjectStatus.COMPLETED,
            start_date=datetime.date(2002, 1, 1),
            end_date=datetime.date(2003, 12, 31),
            partners=[newham],
            areas=[camden],
            topics=["web accessibility"],
        ),
        "broadband": ProjectFactory(
            title="London-wide broadband",
            description="Links every **library** to broadband.",
            lead_organisation=org("gla"),
            programme=programme("ec-funded"),
            status=ProjectStatus.ACTIVE,
            start_date=datetime.date(2005, 6, 1),
            end_date=None,
            london_wide=True,
            topics=["broadband", "smart cards"],
        ),
        "proposed": ProjectFactory(
            title="Barnet kiosks",
            lead_organisation=barnet,
            programme=programme("local"),
            status=ProjectStatus.PROPOSED,
            start_date=None,
            areas=[barnet],
            topics=["smart cards"],
        ),
        "draft": ProjectFactory(
            title="Newham unpublished draft",
            lead_organisation=newham,
            is_published=False,
            areas=[newham],
            topics=["smart cards"],
        ),
    }


def listed(client, query=""):
    response = client.get(LIST + query)
    html = assert_sound_page(response)
    return [h2["text"] for h2 in elements(html, "h2", class_="lc-result-list__title")]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("", {"Newham smart cards", "Camden accessible web", "London-wide broadband",
              "Barnet kiosks"}),
        ("?status=active", {"Newham smart cards", "London-wide broadband"}),
        ("?status=active&status=proposed",
         {"Newham smart cards", "London-wide broadband", "Barnet kiosks"}),
        ("?programme=invest-to-save", {"Newham smart cards"}),
        ("?organisation=newham", {"Newham smart cards", "Camden accessible web"}),
        ("?organisation=camden", {"Camden accessible web"}),
        ("?area=hackney", {"Newham smart cards", "London-wide broadband"}),
        ("?sub_region=east", {"Newham smart cards", "London-wide broadband"}),
        ("?sub_region=central", {"Camden accessible web", "London-wide broadband"}),
        ("?sub_region=north", {"Barnet kiosks", "London-wide broadband"}),
        ("?topic=smart-cards", {"Newham smart cards", "London-wide broadband", "Barnet kiosks"}),
        ("?year=2003", {"Camden accessible web"}),
        ("?year=2005", {"Newham smart cards", "London-wide broadband"}),
        ("?year=2006", {"Newham smart cards", "London-wide broadband"}),
        ("?year=2007", {"London-wide broadband"}),
        ("?q=broadband", {"London-wide broadband"}),
        ("?q=library", {"London-wide broadband"}),
        ("?q=newham+LEISURE", {"Newham smart cards"}),
        ("?q=nothing-like-this", set()),
    ],
)  # fmt: skip
def test_each_filter(client, register, query, expected):
    assert set(listed(client, query)) == expected


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("?status=active&programme=invest-to-save&sub_region=east&topic=smart-cards",
         {"Newham smart cards"}),
        ("?status=active&sub_region=east", {"Newham smart cards", "London-wide broadband"}),
        ("?status=active&sub_region=east&topic=broadband", {"London-wide broadband"}),
        ("?organisation=newham&year=2003", {"Camden accessible web"}),
        ("?area=camden&topic=smart-cards", {"London-wide broadband"}),
        ("?status=completed&programme=invest-to-save", set()),
        ("?topic=smart-cards&q=kiosks&sub_region=north&status=proposed", {"Barnet kiosks"}),
    ],
)  # fmt: skip
def test_filters_combine(client, register, query, expected):
    assert set(listed(client, query)) == expected


def test_drafts_are_never_listed(client, register):
    assert "Newham unpublished draft" not in listed(client, "?organisation=newham")
    assert "Newham unpublished draft" not in listed(client, "?topic=smart-cards")


def test_the_count_and_filters_in_force_are_stated(client, register):
    html = client.get(LIST + "?status=active&sub_region=east").text
    count = elements(html, "p", id="result-count")[0]["text"]
    assert count == "2 projects"
    used = [li["text"] for li in elements(html, "li") if li["text"].startswith(("Status:", "Sub"))]
    assert "Status: Active" in used and "Sub-region: East London" in used
    # The feed and the export follow the same filters.
    assert elements(html, "a", href="/projects/feed/?status=active&sub_region=east")
    assert elements(html, "a", href="/projects/export.csv?status=active&sub_region=east")
    assert "London-wide project covers all 33 London local authorities" in text_of(html)


def test_the_filter_form_keeps_the_choices_and_works_without_javascript(client, register):
    html = client.get(LIST + "?status=active&topic=smart-cards&q=cards").text
    form = elements(html, "form", method="get", action=LIST)
    assert form, "filters are a plain GET form"
    assert elements(html, "button", type="submit")
    assert "checked" in elements(html, "input", name="status", value="active")[0]["attrs"]
    assert "selected" in elements(html, "option", value="smart-cards")[0]["attrs"]
    assert elements(html, "input", name="q", value="cards")
    assert "London-wide projects, which cover all 33 local authorities" in text_of(html)


def test_a_bad_filter_value_is_explained_not_a_crash(client, register):
    response = client.get(LIST + "?year=banana&sub_region=atlantis")
    html = assert_sound_page(response)
    assert "Select a valid choice" in html


@pytest.mark.parametrize(
    ("sort", "expected"),
    [
        ("title", ["Barnet kiosks", "Camden accessible web", "London-wide broadband",
                   "Newham smart cards"]),
        ("start", ["London-wide broadband", "Newham smart cards", "Camden accessible web",
                   "Barnet kiosks"]),
    ],
)  # fmt: skip
def test_sorting(client, register, sort, expected):
    assert listed(client, f"?sort={sort}") == expected


def test_recently_updated_comes_first_by_default(client, register):
    register["web"].summary = "Touched last."
    register["web"].save()
    assert listed(client)[0] == "Camden accessible web"


def test_pagination_keeps_the_filters(client, org):
    for number in range(25):
        ProjectFactory(title=f"Paged project {number:02d}", lead_organisation=org("newham"))
    html = client.get(LIST + "?status=active&sort=title").text
    assert elements(html, "nav", class_="govuk-pagination")
    assert elements(html, "a", href="?status=active&sort=title&page=2", rel="next")
    assert "25 projects, page 1 of 2" in text_of(html)
    second = listed(client, "?status=active&sort=title&page=2")
    assert second == [f"Paged project {number:02d}" for number in range(20, 25)]


# One project's page


def test_a_project_page_shows_everything(client, register, org):
    project = register["smart"]
    project.description = "# Aims\n\nOne card. <script>alert(1)</script>"
    project.outcomes = "Agree **standards** first."
    project.budget = Decimal("1200000")
    project.funding_awarded = Decimal("800000.50")
    project.website = "https://smartcards.example.org/"
    project.save()
    project.partners.add(org("tower-hamlets"))
    RelatedLinkFactory(project=project, title="Evaluation report", url="https://r.example.org/e")

    html = assert_sound_page(client.get(project.get_absolute_url()))
    words = text_of(html)

    assert "One card for libraries and leisure." in words
    assert "Active" in words and "1 April 2004 to 31 March 2006" in words
    assert elements(html, "a", href="/organisations/newham/")
    assert elements(html, "a", href="/organisations/tower-hamlets/")
    assert elements(html, "a", href="/organisations/hackney/")
    assert elements(html, "a", href="/projects/?sub_region=east")
    assert elements(html, "a", href="/projects/?programme=invest-to-save")
    assert elements(html, "a", href="/projects/?topic=smart-cards")
    assert "£1,200,000" in words and "£800,000.50" in words
    assert elements(html, "a", href="https://smartcards.example.org/")
    assert elements(html, "a", href="https://r.example.org/e")
    assert elements(html, "h3", class_="govuk-heading-m")[0]["text"] == "Aims"
    assert "<script>alert(1)" not in html
    assert "<strong>standards</strong>" in html
    assert elements(html, "a", href=reverse("projects:report_problem", args=[project.slug]))
    assert "have not been reviewed" not in words and "has not been reviewed" not in words


def test_a_london_wide_project_says_what_that_means(client, register):
    words = text_of(client.get(register["broadband"].get_absolute_url()).text)
    assert "London-wide: all 33 London local authorities." in words
    assert "Central London" in words and "West London" in words


def test_a_project_not_reviewed_for_a_year_says_so(client, register):
    project = register["smart"]
    project.last_reviewed_on = timezone.localdate() - datetime.timedelta(days=366)
    project.save()
    html = client.get(project.get_absolute_url()).text
    warning = elements(html, "div", class_="govuk-warning-text")
    assert len(warning) == 1
    assert "has not been reviewed for over 12 months" in warning[0]["text"]

    project.last_reviewed_on = timezone.localdate() - datetime.timedelta(days=364)
    project.save()
    assert not elements(client.get(project.get_absolute_url()).text, "div",
                        class_="govuk-warning-text")  # fmt: skip


@pytest.mark.parametrize("viewer", ["anonymous", "partner", "staff"])
def test_only_public_people_are_shown(client, register, org, viewer):
    newham = org("newham")
    public = ContactFactory(name="Pat Public", organisation=newham)
    partners_only = ContactFactory(
        name="Pam Partners-Only", organisation=newham, listing_visibility=Visibility.PARTNERS
    )
    lapsed = ContactFactory(
        name="Larry Lapsed",
        organisation=newham,
        review_by=timezone.localdate() - datetime.timedelta(days=1),
    )
    register["smart"].contacts.add(public, partners_only, lapsed)
    if viewer == "partner":
        sign_in_with_second_factor(client, PartnerEditorFactory(organisations=[newham]))
    elif viewer == "staff":
        sign_in_with_second_factor(client, SuperUserFactory())

    words = text_of(client.get(register["smart"].get_absolute_url()).text)

    assert "Pat Public" in words
    assert "Pam Partners-Only" not in words
    assert "Larry Lapsed" not in words
    assert public.email not in words, "e-mail is staff-only on this entry"


def test_a_draft_is_seen_only_by_its_editors(client, register, org):
    url = register["draft"].get_absolute_url()
    assert client.get(url).status_code == 404
    sign_in_with_second_factor(client, PartnerEditorFactory(organisations=[org("camden")]))
    assert client.get(url).status_code == 404
    sign_in_with_second_factor(client, PartnerEditorFactory(organisations=[org("newham")]))
    assert "This project is a draft" in text_of(assert_sound_page(client.get(url)))


# Organisation pages


def test_organisation_pages_list_lead_and_partner_projects(client, register):
    html = assert_sound_page(client.get(reverse("contacts:organisation_detail", args=["newham"])))
    headings = [h["text"] for h in elements(html, "h3")]
    assert "Leads" in headings and "Partner in" in headings
    assert elements(html, "a", href=register["smart"].get_absolute_url())
    assert elements(html, "a", href=register["web"].get_absolute_url())
    assert not elements(html, "a", href=register["draft"].get_absolute_url())
    assert elements(html, "a", href="/projects/?organisation=newham")
    assert elements(html, "a", href="/projects/?area=newham")


def test_an_organisation_without_projects_has_no_projects_panel(client, register):
    quiet = OrganisationFactory(name="Quiet Trust")
    html = client.get(quiet.get_absolute_url()).text
    assert not elements(html, "h2", id="projects")


# Reporting a problem


@pytest.fixture
def newham_editors(org):
    newham = org("newham")
    return [
        PartnerEditorFactory(email="ed.one@newham.example.org", organisations=[newham]),
        PartnerEditorFactory(email="ed.two@newham.example.org", organisations=[newham]),
        # Not told: a Camden editor, and a Newham user who is not a partner editor.
        PartnerEditorFactory(email="ed@camden.example.org", organisations=[org("camden")]),
    ]


def test_reporting_a_problem_tells_the_owners_editors_and_the_site_managers(
    client, register, newham_editors, django_capture_on_commit_callbacks
):
    plain = UserFactory(email="member@newham.example.org")
    plain.organisations.add(register["smart"].lead_organisation)
    url = reverse("projects:report_problem", args=[register["smart"].slug])
    assert_sound_page(client.get(url))

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            url,
            {
                "details": "The project ended in 2005, not 2006.",
                "reporter_name": "Robin Reader",
                "reporter_email": "robin@example.org",
                "website": "",
            },
        )

    assert response.status_code == 302
    sent_page = assert_sound_page(client.get(response["Location"]))
    assert "Report sent" in text_of(sent_page)
    report = ProblemReport.objects.get()
    assert report.project == register["smart"] and report.reporter_name == "Robin Reader"
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert set(message.to) == {
        "ed.one@newham.example.org",
        "ed.two@newham.example.org",
        *settings.SITE_MANAGERS_EMAIL,
    }
    assert message.reply_to == ["robin@example.org"]
    assert "Newham smart cards" in message.subject
    assert "The project ended in 2005, not 2006." in message.body
    assert f"/admin/projects/project/{register['smart'].pk}/change/" in message.body


def test_a_report_without_details_shows_the_error_summary(client, register):
    url = reverse("projects:report_problem", args=[register["smart"].slug])
    response = client.post(url, {"details": "  ", "reporter_email": "not-an-address"})
    html = assert_sound_page(response)
    summary = elements(html, "div", class_="govuk-error-summary")
    assert len(summary) == 1
    assert elements(html, "a", href="#id_details")
    assert "Tell us what is wrong or out of date" in summary[0]["text"]
    assert "Enter an e-mail address in the correct format" in summary[0]["text"]
    assert elements(html, "title")[0]["text"].startswith("Error: ")
    assert elements(html, "input", name="reporter_email", value="not-an-address")
    assert not ProblemReport.objects.exists() and not mail.outbox


def test_a_robot_filling_the_honeypot_is_turned_away(client, register):
    url = reverse("projects:report_problem", args=[register["smart"].slug])
    response = client.post(url, {"details": "Buy cheap pills", "website": "http://spam"})
    assert response.status_code == 200
    assert "We could not accept this report" in response.text
    assert not ProblemReport.objects.exists() and not mail.outbox


def test_no_problem_reports_for_drafts(client, register):
    url = reverse("projects:report_problem", args=[register["draft"].slug])
    assert client.get(url).status_code == 404


# Query counts: the same for N projects as for 10N


def _grow(org, count):
    newham, hackney = org("newham"), org("hackney")
    for _ in range(count):
        project = ProjectFactory(
            lead_organisation=newham,
            partners=[hackney, org("camden")],
            areas=[newham, hackney],
            topics=["smart cards", "broadband"],
        )
        RelatedLinkFactory(project=project)
        project.contacts.add(ContactFactory(organisation=newham))


@pytest.mark.parametrize("viewer", ["anonymous", "partner"])
def test_query_counts_do_not_grow_with_the_data(client, org, count_queries, viewer):
    if viewer == "partner":
        sign_in_with_second_factor(client, PartnerEditorFactory(organisations=[org("newham")]))
    _grow(org, 3)
    detail = ProjectFactory(lead_organisation=org("newham"))
    urls = [
        LIST,
        LIST + "?status=active&sub_region=east&topic=smart-cards&organisation=newham&year=2005",
        LIST + "?q=test&area=hackney&sort=start",
        reverse("projects:project_feed") + "?sub_region=east",
        reverse("projects:project_export") + "?sub_region=east",
        reverse("contacts:organisation_detail", args=["newham"]),
        reverse("contacts:organisation_detail", args=["hackney"]),
        reverse("projects:report_problem", args=[detail.slug]),
    ]

    def counts():
        found = {url: count_queries(client, url) for url in urls}
        found["detail"] = count_queries(client, detail.get_absolute_url())
        return found

    _grow_links_and_people(detail, org, 2)
    small = counts()
    _grow(org, 27)
    _grow_links_and_people(detail, org, 18)
    large = counts()
    assert large == small


def _grow_links_and_people(project, org, count):
    for _ in range(count):
        RelatedLinkFactory(project=project)
        project.contacts.add(ContactFactory(organisation=org("newham")))
        project.partners.add(OrganisationFactory())
        project.topics.add(f"topic {project.topics.count()}")
