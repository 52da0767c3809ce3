"""The site search page, against a real Whoosh index."""

from urllib.parse import parse_qs, urlsplit

import pytest
from haystack import connections

from contacts.models import Organisation
from core.search import indexing_suspended
from tests.factories import OrganisationFactory

from .html import assert_sound_page, elements, text_of

pytestmark = pytest.mark.django_db


def _index_organisations(search_index):
    index = connections["default"].get_unified_index().get_index(Organisation)
    search_index.update(index, index.index_queryset())


def test_a_search_finds_a_record_and_shows_its_stored_fields(
    client, search_index, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        hackney = OrganisationFactory(
            name="Hackney Digital Trust", summary="Runs the borough's smart card scheme."
        )
    response = client.get("/search/", {"q": "smart card"})
    html = assert_sound_page(response)
    assert "1 result for ‘smart card’" in text_of(html)
    (title,) = elements(html, "h2", class_="lc-result-list__title")
    assert title["text"] == "Hackney Digital Trust"
    assert elements(html, "a", href=hackney.get_absolute_url())
    (snippet,) = elements(html, "p", class_="lc-result-list__summary")
    assert "Runs the borough's smart card scheme" in snippet["text"]
    assert "borough&#x27;s <mark>smart</mark> <mark>card</mark> scheme" in html
    (kind,) = elements(html, "strong", class_="govuk-tag--grey")
    assert kind["text"] == "Organisation"


def test_results_come_from_the_index_and_only_facet_names_from_the_database(
    client, search_index, django_assert_num_queries
):
    """One query names the organisations in the facets; results are the stored fields."""
    with indexing_suspended():
        OrganisationFactory.create_batch(3, summary="A partner in the smart card scheme.")
    _index_organisations(search_index)
    with django_assert_num_queries(1):
        response = client.get("/search/", {"q": "smart card"})
    assert len(elements(response.content.decode(), "li", class_="lc-result-list__item")) == 3


def test_no_results_page_gives_tips(client, search_index):
    response = client.get("/search/", {"q": "zeppelin"})
    html = assert_sound_page(response)
    words = text_of(html)
    assert "There are no results for ‘zeppelin’" in words
    assert "double-checking your spelling" in words
    assert not elements(html, "li", class_="lc-result-list__item")
    (search_box,) = elements(html, "input", name="q")
    assert search_box["attrs"]["value"] == "zeppelin"


def test_a_misspelt_search_suggests_the_right_word(client, search_index):
    with indexing_suspended():
        OrganisationFactory(name="Greenwich Council", summary="Regeneration and broadband.")
    _index_organisations(search_index)
    html = client.get("/search/", {"q": "brodband"}).content.decode()
    assert "There are no results for ‘brodband’" in text_of(html)
    (suggestion,) = [
        a for a in elements(html, "a", class_="govuk-link") if "q=" in a["attrs"]["href"]
    ]
    assert suggestion["text"] == "broadband"
    assert parse_qs(urlsplit(suggestion["attrs"]["href"]).query) == {"q": ["broadband"]}
    assert "Did you mean broadband?" in [p["text"] for p in elements(html, "p")]


def test_results_are_paginated_and_page_links_keep_the_query(client, search_index):
    with indexing_suspended():
        for number in range(25):
            OrganisationFactory(name=f"Borough partner {number}", summary="Shared telecare.")
    _index_organisations(search_index)

    first = client.get("/search/", {"q": "telecare"}).content.decode()
    assert "25 results for ‘telecare’, page 1 of 2" in text_of(first)
    assert len(elements(first, "li", class_="lc-result-list__item")) == 20
    (next_link,) = elements(first, "a", rel="next")
    assert parse_qs(urlsplit(next_link["attrs"]["href"]).query) == {
        "q": ["telecare"],
        "page": ["2"],
    }

    second = client.get("/search/", {"q": "telecare", "page": "2"}).content.decode()
    assert len(elements(second, "li", class_="lc-result-list__item")) == 5
    (ordered,) = elements(second, "ol", class_="lc-result-list")
    assert ordered["attrs"]["start"] == "21"
    assert elements(second, "a", rel="prev")
    (current,) = elements(second, "a", **{"aria-current": "page"})
    assert current["text"] == "2"


def test_empty_search_page_invites_a_search_without_querying_the_index(client):
    response = client.get("/search/")
    html = assert_sound_page(response)
    (heading,) = elements(html, "h1")
    assert heading["text"] == "Search LondonConnects"
    (label,) = elements(html, "label", **{"for": "site-search"})
    assert not elements(html, "li", class_="lc-result-list__item")


def test_search_pages_are_kept_out_of_search_engines(client):
    html = client.get("/search/", {"q": ""}).content.decode()
    assert elements(html, "meta", name="robots", content="noindex")
