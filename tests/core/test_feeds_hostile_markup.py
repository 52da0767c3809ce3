"""Every Atom feed the site offers carries what people wrote as inert HTML: a feed reader
renders an entry's type="html" summary, so hostile Markdown or HTML in a record or a post
must reach it as the sanitised HTML the pages show, or as escaped text."""

import datetime
import xml.etree.ElementTree as ET

import pytest
from django.urls import reverse
from django.utils import timezone

from core import registry
from forums.models import Category as ForumCategory
from tests.core.test_markdown import HOSTILE_FRAGMENTS, assert_inert
from tests.eindex.factories import EntryFactory
from tests.events.factories import EventFactory
from tests.factories import LocalAuthorityFactory
from tests.forums.factories import start_thread
from tests.funding.factories import FundingRoundFactory, FundingSourceFactory
from tests.papers.factories import PaperFactory
from tests.projects.factories import ProjectFactory

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"
# Long text fields take every hostile fragment; short ones (names, one-line summaries) the
# worst few, within their column sizes.
HOSTILE = "\n\n".join(HOSTILE_FRAGMENTS)
SHORT = '<script>alert(1)</script> <img src=x onerror=alert(1)> <a href="javascript:alert(1)">x</a>'


@pytest.fixture
def hostile_records(db):
    borough = LocalAuthorityFactory(name="Hostile Borough", slug="hostile-borough")
    ProjectFactory(title="Hostile project", summary=SHORT, description=HOSTILE)
    fund = FundingSourceFactory(
        name="Hostile fund", owner=borough, funder_name=SHORT, summary=HOSTILE
    )
    FundingRoundFactory(source=fund, name=SHORT)
    PaperFactory(title="Hostile paper", publisher=borough, summary=HOSTILE)
    EventFactory(
        title="Hostile event", organiser=borough, venue=SHORT, address=SHORT, summary=HOSTILE
    )
    EntryFactory(
        title="Hostile link",
        owner=borough,
        description=HOSTILE,
        added_on=timezone.localdate() - datetime.timedelta(days=1),
    )
    forum = ForumCategory.objects.public().first()
    start_thread(forum, title="Hostile thread", body=HOSTILE)
    return {"forum_feed": reverse("forums:category_feed", args=[forum.slug])}


def atom_feeds():
    """The address of every Atom feed registered with the feeds page."""
    return [
        feed.url
        for source in registry.feed_sources()
        for feed in source.feeds()
        if feed.url.endswith("/feed/")
    ]


def test_every_feed_summary_is_inert_html(client, hostile_records):
    feeds = atom_feeds()
    assert {"/projects/feed/", "/funding/feed/", "/papers/feed/", "/events/feed/"} <= set(feeds)
    assert any(url.startswith("/forums/") for url in feeds)
    hostile_seen = set()
    for url in feeds:
        response = client.get(url)
        assert response.status_code == 200, url
        feed = ET.fromstring(response.content)  # noqa: S314 - the site's own feed, under test
        for entry in feed.findall(f"{ATOM}entry"):
            summary = entry.find(f"{ATOM}summary")
            if summary is None:
                continue
            assert summary.get("type") == "html", url
            # What the reader renders as HTML once the XML is parsed.
            html = summary.text or ""
            assert_inert(html)
            assert "onerror=alert(1)>" not in html, (url, html)
            if "alert(1)" in html:
                hostile_seen.add(url)
    # The hostile records reached each feed (as text), so nothing above passed by omission.
    expected = {"/projects/feed/", "/funding/feed/", "/papers/feed/", "/events/feed/"}
    assert expected | {"/e-index/feed/", hostile_records["forum_feed"]} <= hostile_seen


def test_markdown_summaries_keep_their_formatting(client, db):
    PaperFactory(
        title="Formatted paper", summary="A **bold** plan with [a link](https://example.org)."
    )
    feed = ET.fromstring(client.get("/papers/feed/").content)  # noqa: S314
    [entry] = [
        e for e in feed.findall(f"{ATOM}entry") if e.findtext(f"{ATOM}title") == "Formatted paper"
    ]
    html = entry.findtext(f"{ATOM}summary")
    assert "<strong>bold</strong>" in html
    assert 'href="https://example.org"' in html and 'rel="nofollow ugc noopener noreferrer"' in html


def test_plain_text_summaries_are_escaped_not_dropped(client, db):
    ProjectFactory(title="Ampersand project", summary="Smart cards & kiosks <for> all")
    feed = ET.fromstring(client.get("/projects/feed/").content)  # noqa: S314
    [entry] = [
        e for e in feed.findall(f"{ATOM}entry") if e.findtext(f"{ATOM}title") == "Ampersand project"
    ]
    assert entry.findtext(f"{ATOM}summary") == "Smart cards &amp; kiosks &lt;for&gt; all"
