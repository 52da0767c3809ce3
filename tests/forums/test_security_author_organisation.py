"""A forum post's author is shown as the privacy notice says: the name they post under
everywhere the post appears; the organisations their account belongs to only beside their
posts on the forum pages (and, for public posts, on those organisations' own pages). Feeds,
search and e-mail digests carry the name alone (tests/digests/test_security_author_name.py),
and search does not file anyone's threads under their organisation."""

import re
import xml.etree.ElementTree as ET

import pytest
from django.urls import reverse

from tests.factories import OrganisationFactory, PartnerEditorFactory
from tests.londonconnects.html import text_of

from .factories import start_thread

pytestmark = pytest.mark.django_db

ORGANISATION = "Quillbury Borough Council"


@pytest.fixture
def partner(db):
    organisation = OrganisationFactory(name=ORGANISATION, slug="quillbury")
    return PartnerEditorFactory(full_name="Pat Partner", organisations=[organisation])


def test_the_privacy_notice_says_what_forum_posts_show(client):
    notice = text_of(client.get(reverse("privacy")).content.decode())
    assert "Forum posts" in notice
    assert "the name on your account" in notice
    assert "the organisations your account belongs to beside your posts" in notice
    assert "feeds, search results and e-mails show your name only" in notice
    assert "search does not list your posts under your organisation" in notice


def test_forum_pages_show_the_name_and_organisation(client, partner, e_democracy):
    thread = start_thread(e_democracy, author=partner, title="Kiosk roll-out")
    page = text_of(client.get(thread.get_absolute_url()).content.decode())
    assert re.search(rf"Pat Partner\s*, {ORGANISATION}", page)


def test_search_does_not_file_a_thread_under_its_authors_organisation(
    client, partner, e_democracy, search_index, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        start_thread(e_democracy, author=partner, title="Ossifrage kiosks")
    by_organisation = client.get(reverse("search"), {"organisation": "quillbury"}).text
    assert "Ossifrage kiosks" not in by_organisation
    results = client.get(reverse("search"), {"q": "ossifrage"}).text
    assert "Ossifrage kiosks" in results
    assert ORGANISATION not in results


def test_feeds_name_the_author_only(client, partner, e_democracy):
    start_thread(e_democracy, author=partner, title="Kiosk roll-out")
    feed = client.get(reverse("forums:category_feed", args=[e_democracy.slug])).content
    root = ET.fromstring(feed)  # noqa: S314 - the site's own feed, under test
    authors = {name.text for name in root.iter("{http://www.w3.org/2005/Atom}name")}
    assert "Pat Partner" in authors
    assert ORGANISATION not in feed.decode()
