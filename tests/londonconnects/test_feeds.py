"""/feeds/ and every feed and calendar it lists, read back as feed readers and calendar
programs read them: well-formed, complete, absolute links, and never a draft, a hidden
thread or post, or anything of a private forum."""

import xml.etree.ElementTree as ET
from urllib.parse import urlsplit

import pytest
from django.urls import reverse
from icalendar import Calendar

from core import registry
from tests.accounts.helpers import sign_in_with_second_factor
from tests.eindex.factories import EntryFactory
from tests.forums.factories import CategoryFactory as ForumCategoryFactory
from tests.forums.factories import ModeratorFactory, start_thread

from .html import elements
from .open_data import SECRET, build_records

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"
FEEDS = reverse("feeds")


@pytest.fixture
def records(db):
    return build_records()


def listed_feeds(client):
    """(title, type, href) of each feed on /feeds/, read from the page."""
    html = client.get(FEEDS).content.decode()
    return [
        (a["text"], a["attrs"]["href"])
        for a in elements(html, "a")
        if a["attrs"]["href"].endswith(("/feed/", ".ics"))
    ]


def test_the_page_lists_every_feed_and_calendar(client, records):
    response = client.get(FEEDS)
    assert response.status_code == 200
    html = response.content.decode()
    assert len(elements(html, "h1")) == 1
    hrefs = {href for _, href in listed_feeds(client)}
    forum_feed = reverse("forums:category_feed", args=[records["forum"].slug])
    assert {
        "/projects/feed/",
        "/funding/feed/",
        "/funding/deadlines.ics",
        "/papers/feed/",
        "/events/feed/",
        "/events/calendar.ics",
        "/e-index/feed/",
        forum_feed,
    } <= hrefs
    # The address is shown whole, ready to paste into a feed reader.
    assert "http://testserver/projects/feed/" in html
    assert "Secret forum" not in html
    assert "secret-forum" not in html


def test_each_public_forum_has_a_feed_and_a_private_one_none(client, records):
    hrefs = {href for _, href in listed_feeds(client)}
    from forums.models import Category

    for category in Category.objects.public():
        assert reverse("forums:category_feed", args=[category.slug]) in hrefs
    assert client.get(reverse("forums:category_feed", args=["secret-forum"])).status_code == 404


def test_the_footer_links_to_the_page(client, db):
    html = client.get("/").content.decode()
    footer = html.split('class="govuk-footer"')[1]
    assert f'href="{FEEDS}"' in footer


def _atom(response, path):
    assert response.status_code == 200, path
    assert response["Content-Type"].startswith("application/atom+xml"), path
    feed = ET.fromstring(response.content)  # noqa: S314 - the site's own feed, under test
    assert feed.tag == f"{ATOM}feed", path
    for name in ("id", "title", "updated"):
        assert (feed.findtext(f"{ATOM}{name}") or "").strip(), f"{path}: feed has no {name}"
    links = feed.findall(f"{ATOM}link")
    assert any(link.get("rel") == "alternate" for link in links), path
    assert all(link.get("href", "").startswith("http://testserver/") for link in links), path
    entries = feed.findall(f"{ATOM}entry")
    for entry in entries:
        for name in ("id", "title", "updated"):
            assert (entry.findtext(f"{ATOM}{name}") or "").strip(), f"{path}: entry {name}"
        link = entry.find(f"{ATOM}link")
        assert link is not None and urlsplit(link.get("href")).scheme == "http", path
        assert link.get("href").startswith("http://testserver/"), path
    return [entry.findtext(f"{ATOM}title") for entry in entries]


def _calendar(response, path):
    assert response.status_code == 200, path
    assert response["Content-Type"].startswith("text/calendar"), path
    calendar = Calendar.from_ical(response.content)
    events = calendar.walk("VEVENT")
    for event in events:
        for name in ("UID", "DTSTART", "DTSTAMP", "SUMMARY"):
            assert event.get(name), f"{path}: event without {name}"
        assert str(event.get("URL")).startswith("http://testserver/"), path
    return [str(event.get("SUMMARY")) for event in events]


def test_every_listed_feed_is_valid_and_holds_only_public_records(client, records):
    titles = {}
    for _, href in listed_feeds(client):
        response = client.get(href)
        body = response.content.decode()
        assert SECRET not in body.lower(), f"{href} shows something that is not public"
        if href.endswith(".ics"):
            titles[href] = _calendar(response, href)
        else:
            titles[href] = _atom(response, href)
    assert "Open project" in titles["/projects/feed/"]
    assert "Open fund" in titles["/funding/feed/"]
    assert any("Open fund" in summary for summary in titles["/funding/deadlines.ics"])
    assert "Open paper" in titles["/papers/feed/"]
    assert "Open event" in titles["/events/feed/"]
    assert "Open event" in titles["/events/calendar.ics"]
    assert "Open link" in titles["/e-index/feed/"]
    forum_feed = titles[reverse("forums:category_feed", args=[records["forum"].slug])]
    assert {"Open thread", "Thread whose opening post is hidden"} <= set(forum_feed)


def test_the_registry_and_the_page_agree(client, records):
    registered = {feed.url for source in registry.feed_sources() for feed in source.feeds()}
    assert registered == {href for _, href in listed_feeds(client)}


def test_a_forum_feed_quotes_visible_opening_posts_only(client, records):
    forum = records["forum"]
    response = client.get(reverse("forums:category_feed", args=[forum.slug]))
    feed = ET.fromstring(response.content)  # noqa: S314 - the site's own feed, under test
    summaries = {
        entry.findtext(f"{ATOM}title"): entry.findtext(f"{ATOM}summary") or ""
        for entry in feed.findall(f"{ATOM}entry")
    }
    assert summaries["Open thread"] == "Open words."
    assert summaries["Thread whose opening post is hidden"] == ""
    assert feed.find(f"{ATOM}link").get("href") == f"http://testserver/forums/{forum.slug}/"


def test_a_moderator_gets_no_more_from_a_feed(client, records):
    """A feed is for everyone: being signed in as a moderator adds nothing to it."""
    sign_in_with_second_factor(client, ModeratorFactory())
    url = reverse("forums:category_feed", args=[records["forum"].slug])
    assert SECRET not in client.get(url).content.decode().lower()
    private = reverse("forums:category_feed", args=["secret-forum"])
    assert client.get(private).status_code == 404


def alternates(html):
    return [
        (link["attrs"]["type"], link["attrs"]["title"], link["attrs"]["href"])
        for link in elements(html, "link", rel="alternate")
    ]


def test_list_pages_offer_their_feeds_with_the_filters_in_force(client, records):
    html = client.get("/projects/?status=active&page=1").content.decode()
    assert alternates(html) == [
        ("application/atom+xml", "Projects: Status: Active", "/projects/feed/?status=active")
    ]
    html = client.get("/funding/").content.decode()
    assert alternates(html) == [
        ("application/atom+xml", "Funding", "/funding/feed/"),
        ("text/calendar", "Funding deadlines", "/funding/deadlines.ics"),
    ]
    assert [a[2] for a in alternates(client.get("/papers/").content.decode())] == ["/papers/feed/"]
    assert [a[2] for a in alternates(client.get("/events/").content.decode())] == [
        "/events/feed/",
        "/events/calendar.ics",
    ]
    html = client.get("/e-index/?topic=nothing-such").content.decode()
    assert [a[2] for a in alternates(html)] == ["/e-index/feed/?topic=nothing-such"]


def test_a_forum_page_offers_its_own_feed_and_a_private_one_none(client, records):
    forum = records["forum"]
    html = client.get(forum.get_absolute_url() + "?page=1").content.decode()
    assert alternates(html) == [
        (
            "application/atom+xml",
            f"Forum: {forum.name}",
            reverse("forums:category_feed", args=[forum.slug]),
        )
    ]
    sign_in_with_second_factor(client, ModeratorFactory())
    html = client.get(records["private_forum"].get_absolute_url()).content.decode()
    assert alternates(html) == []


def test_pages_without_feeds_offer_none(client, records):
    for path in ["/", "/about/", FEEDS, "/organisations/", records["project"].get_absolute_url()]:
        assert alternates(client.get(path).content.decode()) == [], path


def test_the_page_and_the_new_feeds_take_queries_that_do_not_grow(client, records, count_queries):
    forum = records["forum"]
    urls = [FEEDS, reverse("forums:category_feed", args=[forum.slug]), "/e-index/feed/", "/"]

    def add(count):
        for n in range(count):
            ForumCategoryFactory()
            start_thread(forum, title=f"Thread {n}")
            EntryFactory()

    add(3)
    few = [count_queries(client, url) for url in urls]
    add(27)
    assert [count_queries(client, url) for url in urls] == few
