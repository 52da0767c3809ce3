"""/funding/ and /funding/<slug>/ as a visitor meets them: each filter alone and combined,
closed funding hidden unless asked for, nearest deadline first, the deadline in plain words,
organisation pages, and query counts that do not grow with the data."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from contacts.models import Visibility
from funding.deadlines import long_date
from funding.models import FundingKind, FundingScope
from tests.accounts.helpers import sign_in_with_second_factor
from tests.factories import ContactFactory, PartnerEditorFactory
from tests.londonconnects.html import assert_sound_page, elements, text_of

from .factories import FundingRoundFactory, FundingSourceFactory

pytestmark = pytest.mark.django_db

LIST = reverse("funding:source_list")


def days_from_now(days, hour=12, minute=0):
    """A London wall-clock time `days` calendar days from today."""
    day = timezone.localdate() + datetime.timedelta(days=days)
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, minute)))


@pytest.fixture
def funding(org):
    """Six sources whose every filter value is known, a closed one and a draft."""
    gla, newham = org("gla"), org("newham")
    sources = {
        "soon": FundingSourceFactory(
            name="Smart card fund", owner=gla, funder=gla, funder_name="",
            scope=FundingScope.LONDON, kind=FundingKind.GRANT,
            applicants=["local-authorities", "partnerships"], topics=["smart cards"],
            max_amount=Decimal("250000"),
        ),
        "later": FundingSourceFactory(
            name="Broadband capital", owner=gla, scope=FundingScope.UK_NATIONAL,
            kind=FundingKind.LOAN, applicants=["local-authorities"], topics=["broadband"],
            min_amount=Decimal("10000"), max_amount=Decimal("2000000"),
        ),
        "rolling": FundingSourceFactory(
            name="Community IT grants", owner=newham, scope=FundingScope.LOTTERY,
            applicants=["voluntary-sector"], topics=["digital inclusion"],
            total_pot=Decimal("5000000"),
        ),
        "future": FundingSourceFactory(
            name="European e-services call", owner=gla, scope=FundingScope.EUROPEAN,
            kind=FundingKind.MATCH_FUNDING, applicants=["local-authorities", "nhs"],
            topics=["smart cards"], max_amount=Decimal("1000000"), match_funding_percent=50,
        ),
        "closed": FundingSourceFactory(
            name="Old pathfinder money", owner=gla, scope=FundingScope.UK_NATIONAL,
            applicants=["local-authorities"], topics=["smart cards"],
        ),
        "draft": FundingSourceFactory(
            name="Unpublished fund", owner=newham, is_published=False,
            applicants=["local-authorities"],
        ),
    }  # fmt: skip
    FundingRoundFactory(source=sources["soon"], name="Round 2",
                        opens_on=timezone.localdate() - datetime.timedelta(days=20),
                        closes_at=days_from_now(12))  # fmt: skip
    FundingRoundFactory(source=sources["soon"], name="Round 1", closes_at=days_from_now(-100))
    FundingRoundFactory(source=sources["later"], closes_at=days_from_now(45))
    FundingRoundFactory(source=sources["rolling"], closes_at=None, is_rolling=True)
    FundingRoundFactory(source=sources["future"],
                        opens_on=timezone.localdate() + datetime.timedelta(days=10),
                        closes_at=days_from_now(20))  # fmt: skip
    FundingRoundFactory(source=sources["closed"], closes_at=days_from_now(-2))
    FundingRoundFactory(source=sources["draft"], closes_at=days_from_now(5))
    return sources


def listed(client, query=""):
    html = assert_sound_page(client.get(LIST + query))
    return [h2["text"] for h2 in elements(html, "h2", class_="lc-result-list__title")]


CURRENT = ["Smart card fund", "European e-services call", "Broadband capital",
           "Community IT grants"]  # fmt: skip


def test_current_funding_nearest_deadline_first_closed_hidden(client, funding):
    # Rolling funding, with no deadline, comes after every dated one.
    assert listed(client) == CURRENT
    assert listed(client, "?deadline=current") == CURRENT


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("?deadline=open", {"Smart card fund", "Broadband capital", "Community IT grants"}),
        ("?deadline=closing", {"Smart card fund"}),
        ("?deadline=all", {*CURRENT, "Old pathfinder money"}),
        ("?scope=london", {"Smart card fund"}),
        ("?scope=london&scope=lottery", {"Smart card fund", "Community IT grants"}),
        ("?kind=loan", {"Broadband capital"}),
        ("?kind=grant&kind=match_funding",
         {"Smart card fund", "Community IT grants", "European e-services call"}),
        ("?applicant=local-authorities",
         {"Smart card fund", "Broadband capital", "European e-services call"}),
        ("?applicant=nhs", {"European e-services call"}),
        ("?topic=smart-cards", {"Smart card fund", "European e-services call"}),
        ("?amount=1000000", {"Broadband capital", "European e-services call",
                             "Community IT grants"}),
        ("?amount=2000001", {"Community IT grants"}),
        ("?q=community", {"Community IT grants"}),
        ("?q=fictional+agency+capital", {"Broadband capital"}),
    ],
)  # fmt: skip
def test_each_filter(client, funding, query, expected):
    assert set(listed(client, query)) == expected


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("?deadline=closing&applicant=local-authorities", {"Smart card fund"}),
        ("?deadline=open&applicant=local-authorities&topic=smart-cards", {"Smart card fund"}),
        ("?deadline=all&topic=smart-cards&scope=uk_national", {"Old pathfinder money"}),
        ("?applicant=local-authorities&amount=500000",
         {"Broadband capital", "European e-services call"}),
        ("?applicant=local-authorities&amount=500000&kind=loan&scope=uk_national",
         {"Broadband capital"}),
        ("?deadline=closing&scope=lottery", set()),
    ],
)  # fmt: skip
def test_filters_combine(client, funding, query, expected):
    assert set(listed(client, query)) == expected


def test_closing_within_30_days_is_bucketed_at_the_edges(client, org):
    for days, name in ((29, "Day 29"), (30, "Day 30"), (31, "Day 31")):
        FundingRoundFactory(
            source=FundingSourceFactory(name=name, owner=org("gla")),
            closes_at=timezone.now() + datetime.timedelta(days=days, minutes=-1),
        )
    assert set(listed(client, "?deadline=closing")) == {"Day 29", "Day 30"}


def test_closing_this_month(client, org):
    today = timezone.localdate()
    last_day = (today.replace(day=28) + datetime.timedelta(days=4)).replace(day=1)
    last_day -= datetime.timedelta(days=1)
    end_of_month = timezone.make_aware(datetime.datetime.combine(last_day, datetime.time(23, 59)))
    next_month = end_of_month + datetime.timedelta(minutes=2)
    FundingRoundFactory(source=FundingSourceFactory(name="This month"), closes_at=end_of_month)
    FundingRoundFactory(source=FundingSourceFactory(name="Next month"), closes_at=next_month)
    assert listed(client, "?deadline=month") == ["This month"]


def test_sorting_by_name_and_drafts_never_listed(client, funding):
    assert listed(client, "?deadline=all&sort=name") == sorted([*CURRENT, "Old pathfinder money"])
    assert "Unpublished fund" not in listed(client, "?deadline=all&applicant=local-authorities")


def test_the_list_states_the_deadline_and_the_filters(client, funding):
    html = client.get(LIST + "?applicant=local-authorities&deadline=closing").text
    words = text_of(html)
    assert "1 funding source" in words
    assert f"Round 2 closes in 12 days, on {long_date(days_from_now(12).date())}, 12:00" in words
    assert "Who may apply: Local authorities" in words
    assert "Deadline: Open and closing within 30 days" in words
    query = "?applicant=local-authorities&deadline=closing"
    assert elements(html, "a", href=f"/funding/deadlines.ics{query}")
    assert elements(html, "a", href=f"/funding/feed/{query}")
    assert elements(html, "a", href=f"/funding/export.csv{query}")


def test_a_bad_filter_value_is_explained_not_a_crash(client, funding):
    html = assert_sound_page(client.get(LIST + "?amount=lots&deadline=someday"))
    assert "Enter a number" in html and "Select a valid choice" in html


def test_the_detail_page_states_the_next_deadline_plainly(client, funding, org):
    source = funding["soon"]
    source.eligibility = "Boroughs **only**. <script>alert(1)</script>"
    source.application_url = "https://apply.example.org/"
    source.save()
    contact = ContactFactory(name="Fay Funder", organisation=org("gla"))
    source.contact = contact
    source.save()
    html = assert_sound_page(client.get(source.get_absolute_url()))
    words = text_of(html)
    deadline = elements(html, "div", id="next-deadline")[0]["text"]
    assert deadline == (
        f"Round 2 closes in 12 days, on {long_date(days_from_now(12).date())}, 12:00."
    )
    assert "Up to £250,000" in words
    assert "Match funding Not required" in words
    assert "<strong>only</strong>" in html and "<script>alert(1)" not in html
    assert elements(html, "a", href="https://apply.example.org/")
    assert elements(html, "a", href="/funding/?applicant=local-authorities")
    assert elements(html, "a", href="/organisations/gla/")
    assert "Fay Funder" in words
    assert "Closed rounds (1)" in words


def test_a_contact_not_in_the_public_directory_is_not_shown(client, funding, org):
    source = funding["soon"]
    source.contact = ContactFactory(
        name="Pam Private", organisation=org("gla"), listing_visibility=Visibility.PARTNERS
    )
    source.save()
    assert "Pam Private" not in client.get(source.get_absolute_url()).text


def test_opening_later_rolling_and_closed_are_stated(client, funding):
    future = text_of(client.get(funding["future"].get_absolute_url()).text)
    opens = long_date(timezone.localdate() + datetime.timedelta(days=10))
    assert f"opens on {opens}, and closes in 20 days" in future
    assert "You must find 50% of the cost elsewhere" in future
    rolling = text_of(client.get(funding["rolling"].get_absolute_url()).text)
    assert "Rolling: applications are taken at any time." in rolling
    closed = text_of(client.get(funding["closed"].get_absolute_url()).text)
    assert "Closed: no round is open or announced." in closed


def test_a_draft_is_seen_only_by_its_editors(client, funding, org):
    url = funding["draft"].get_absolute_url()
    assert client.get(url).status_code == 404
    sign_in_with_second_factor(client, PartnerEditorFactory(organisations=[org("newham")]))
    assert "is a draft" in text_of(assert_sound_page(client.get(url)))


def test_organisation_pages_list_funding_offered_and_kept(client, funding):
    html = assert_sound_page(client.get(reverse("contacts:organisation_detail", args=["gla"])))
    assert elements(html, "h2", id="funding")
    assert elements(html, "a", href=funding["soon"].get_absolute_url())
    assert elements(html, "a", href=funding["later"].get_absolute_url())
    quiet = client.get(reverse("contacts:organisation_detail", args=["camden"])).text
    assert not elements(quiet, "h2", id="funding")


def _grow(org, count):
    for number in range(count):
        source = FundingSourceFactory(
            owner=org("newham"),
            funder=org("gla"),
            funder_name="",
            applicants=["local-authorities", "nhs"],
            topics=["smart cards", "broadband"],
            max_amount=Decimal("100000"),
        )
        FundingRoundFactory(source=source, closes_at=days_from_now(5 + number % 20))
        FundingRoundFactory(source=source, closes_at=days_from_now(-30))


def test_query_counts_do_not_grow_with_the_data(client, org, count_queries):
    _grow(org, 3)
    detail = FundingSourceFactory(owner=org("newham"), applicants=["nhs"])
    urls = [
        LIST,
        LIST + "?deadline=closing&applicant=local-authorities&topic=smart-cards&amount=5000",
        LIST + "?deadline=all&sort=name&scope=uk_national&kind=grant&q=fund",
        reverse("funding:source_feed") + "?applicant=nhs",
        reverse("funding:source_export") + "?deadline=all",
        reverse("funding:deadlines_calendar"),
        reverse("contacts:organisation_detail", args=["newham"]),
        reverse("contacts:organisation_detail", args=["gla"]),
    ]

    def counts():
        found = {url: count_queries(client, url) for url in urls}
        found["detail"] = count_queries(client, detail.get_absolute_url())
        return found

    small = counts()
    _grow(org, 27)
    for days in range(10):
        FundingRoundFactory(source=detail, closes_at=days_from_now(days - 5))
    detail.topics.add(*(f"topic {n}" for n in range(10)))
    assert counts() == small
