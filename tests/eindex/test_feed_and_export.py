"""/e-index/feed/ (links as they are added) and /e-index/export.csv (the links as a
spreadsheet): both take the pages' filters, topic and category, and the pages link to them
with the filters in force."""

import datetime
import xml.etree.ElementTree as ET

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from eindex import views
from eindex.models import Category
from linkcheck.models import Link
from linkcheck.outcomes import Outcome
from tests.factories import OrganisationFactory
from tests.londonconnects.html import elements
from tests.londonconnects.open_data import export_queries, read_csv

from .factories import CategoryFactory, EntryFactory

pytestmark = pytest.mark.django_db

FEED = reverse("eindex:feed")
EXPORT = reverse("eindex:export")
ATOM = "{http://www.w3.org/2005/Atom}"


def days_ago(days):
    return timezone.localdate() - datetime.timedelta(days=days)


@pytest.fixture
def entries(db):
    tools = CategoryFactory(name="Tools", slug="tools")
    guides = CategoryFactory(name="Guides", slug="guides")
    keeper = OrganisationFactory(name="Link Keepers")
    return {
        "old": EntryFactory(
            title="Old guide", primary_category=guides, owner=keeper, added_on=days_ago(30)
        ),
        "new": EntryFactory(
            title="New tool",
            url="https://tools.example.org/new",
            primary_category=tools,
            other_categories=[guides],
            owner=keeper,
            topics=["web accessibility"],
            added_on=days_ago(1),
            description='=HYPERLINK("https://evil.example")',
        ),
        "middle": EntryFactory(
            title="Middle tool",
            primary_category=tools,
            owner=keeper,
            topics=["data protection"],
            added_on=days_ago(10),
        ),
    }


def feed_titles(client, query=""):
    response = client.get(FEED + query)
    assert response.status_code == 200
    feed = ET.fromstring(response.content)  # noqa: S314 - the site's own feed, under test
    return feed, [entry.findtext(f"{ATOM}title") for entry in feed.findall(f"{ATOM}entry")]


def test_the_feed_lists_links_newest_added_first(client, entries):
    feed, titles = feed_titles(client)
    assert titles == ["New tool", "Middle tool", "Old guide"]
    entry = feed.find(f"{ATOM}entry")
    assert entry.find(f"{ATOM}link").get("href") == (
        f"http://testserver/e-index/tools/#entry-{entries['new'].pk}"
    )
    assert entry.findtext(f"{ATOM}author/{ATOM}name") == "Link Keepers"


def test_the_feed_takes_the_topic_and_category_filters(client, entries):
    assert feed_titles(client, "?topic=web-accessibility")[1] == ["New tool"]
    feed, titles = feed_titles(client, "?category=guides")
    assert titles == ["New tool", "Old guide"]  # filed under it first, or also
    alternate = [link for link in feed.findall(f"{ATOM}link") if link.get("rel") == "alternate"]
    assert alternate[0].get("href") == "http://testserver/e-index/guides/"
    feed, titles = feed_titles(client, "?category=tools&topic=data-protection")
    assert titles == ["Middle tool"]
    alternate = [link for link in feed.findall(f"{ATOM}link") if link.get("rel") == "alternate"]
    assert alternate[0].get("href") == "http://testserver/e-index/tools/?topic=data-protection"


def test_the_export_has_every_link_a_to_z_with_its_health(client, entries):
    Link.objects.filter(url="https://tools.example.org/new").update(outcome=Outcome.BROKEN)
    rows = read_csv(client.get(EXPORT))
    assert [row["Title"] for row in rows] == ["Middle tool", "New tool", "Old guide"]
    new = rows[1]
    assert new["URL"] == "https://tools.example.org/new"
    assert new["Category"] == "Tools"
    assert new["Also listed under"] == "Guides"
    assert new["Topics"] == "web accessibility"
    assert new["Kept by"] == "Link Keepers"
    assert new["Added on"] == days_ago(1).isoformat()
    assert new["Link health"] == "Broken"
    assert rows[0]["Link health"] == "Not checked yet"
    assert new["Page on LondonConnects"] == (
        f"http://testserver/e-index/tools/#entry-{entries['new'].pk}"
    )
    # A formula in the text is kept as text, never run by the spreadsheet.
    assert new["Description"] == '\'=HYPERLINK("https://evil.example")'


def test_the_export_takes_the_same_filters(client, entries):
    titles = [row["Title"] for row in read_csv(client.get(EXPORT + "?category=guides"))]
    assert titles == ["New tool", "Old guide"]
    rows = read_csv(client.get(EXPORT + "?category=tools&topic=web-accessibility"))
    assert [row["Title"] for row in rows] == ["New tool"]
    response = client.get(EXPORT)
    assert response["Content-Disposition"].startswith(
        'attachment; filename="londonconnects-e-index-'
    )


def test_the_pages_link_to_the_feed_and_export_with_their_filters(client, entries):
    html = client.get(reverse("eindex:index") + "?topic=web-accessibility").content.decode()
    assert elements(html, "a", href=f"{EXPORT}?topic=web-accessibility")
    assert elements(html, "a", href=f"{FEED}?topic=web-accessibility")
    html = client.get(reverse("eindex:index")).content.decode()
    assert elements(html, "a", href=EXPORT)
    html = client.get("/e-index/tools/?topic=data-protection").content.decode()
    assert elements(html, "a", href=f"{EXPORT}?category=tools&topic=data-protection")
    assert elements(html, "a", href=f"{FEED}?category=tools&topic=data-protection")


def test_feed_is_not_a_category_slug():
    with pytest.raises(ValidationError, match="address of another page"):
        Category(name="Feed", slug="feed").full_clean()


def test_the_export_takes_a_fixed_number_of_queries_per_chunk(client, monkeypatch):
    """The entries stream by .iterator(chunk_size); each chunk fetches its categories, topics
    and link health in one query each, however many entries it holds."""
    monkeypatch.setattr(views, "EXPORT_CHUNK", 5)
    category = CategoryFactory()
    owner = OrganisationFactory()

    def queries_for(count):
        views.Entry.objects.all().delete()
        for n in range(count):
            EntryFactory(primary_category=category, owner=owner, topics=[f"topic {n % 3}"])
        return export_queries(client, EXPORT)

    one_chunk, two_chunks, ten_chunks = queries_for(5), queries_for(10), queries_for(50)
    per_chunk = two_chunks - one_chunk
    assert 0 < per_chunk <= 3
    assert ten_chunks == one_chunk + 9 * per_chunk
