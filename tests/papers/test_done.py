"""The issue's "done means", for papers: an officer downloads a partner's IT strategy that
search finds by a phrase inside the PDF; the feed of papers is valid Atom."""

import xml.etree.ElementTree as ET

import pytest
from django.urls import reverse
from haystack.query import SearchQuerySet

from papers.models import PaperKind
from tests.londonconnects.html import assert_sound_page, elements

from .factories import PaperFactory, pdf_bytes

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"


def test_search_finds_a_strategy_by_a_phrase_inside_its_pdf_and_it_downloads(
    client, org, search_index, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        strategy = PaperFactory(
            title="Hackney Business and IT strategy 2005",
            kind=PaperKind.STRATEGY,
            publisher=org("hackney"),
            summary="How Hackney will use technology.",
            pdf=pdf_bytes("Chapter 3", "Every resident will have a marmalade kiosk nearby."),
        )
        PaperFactory(title="Unpublished strategy", publisher=org("hackney"),
                     is_published=False, pdf=pdf_bytes("marmalade kiosk draft"))  # fmt: skip

    assert [r.title for r in SearchQuerySet().auto_query("marmalade kiosk")] == [
        "Hackney Business and IT strategy 2005"
    ]
    html = assert_sound_page(client.get("/search/?q=marmalade+kiosk"))
    link = elements(html, "a", href=strategy.get_absolute_url())
    assert link and link[0]["text"] == "Hackney Business and IT strategy 2005"

    page = assert_sound_page(client.get(strategy.get_absolute_url()))
    download = elements(page, "a", href=strategy.get_download_url())[0]
    response = client.get(download["attrs"]["href"])
    assert response["Content-Disposition"].startswith("attachment;")
    assert b"".join(response.streaming_content).startswith(b"%PDF-")


def test_the_feed_is_atom_and_follows_the_filters(client, org):
    PaperFactory(title="Camden annual review", kind=PaperKind.ANNUAL_REVIEW,
                 publisher=org("camden"))  # fmt: skip
    PaperFactory(title="Newham research", publisher=org("newham"))
    response = client.get(reverse("papers:paper_feed") + "?kind=annual_review")
    assert response["Content-Type"].startswith("application/atom+xml")
    feed = ET.fromstring(response.content)  # noqa: S314 - the site's own feed, under test
    assert feed.find(f"{ATOM}title").text == (
        "LondonConnects papers: Kind of paper: Annual review of e-activity"
    )
    entries = feed.findall(f"{ATOM}entry")
    assert [e.find(f"{ATOM}title").text for e in entries] == ["Camden annual review"]
    for required in ("id", "updated", "link", "summary"):
        assert entries[0].find(f"{ATOM}{required}") is not None
