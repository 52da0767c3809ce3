"""The e-index's public pages: the seeded tree with counts, category pages with each link's
health, topic filters, the link-health report, and query counts that do not grow."""

import re

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from eindex.models import Category
from linkcheck.models import Link
from linkcheck.outcomes import Outcome
from tests.factories import OrganisationFactory

from .factories import CategoryFactory, EntryFactory

pytestmark = pytest.mark.django_db

HEADINGS = [
    "Government legislation, policies, standards and infrastructure",
    "Government knowledge network and best practice",
    "Surveys and research",
    "National e-government services",
]


def cells(row):
    return re.findall(r"<td[^>]*>\s*([^<]+?)\s*<", row)


def h1s(html):
    return re.findall(r"<h1[\s>]", html)


def test_the_tree_is_seeded_with_the_partnerships_four_headings_in_order():
    headings = Category.objects.filter(parent=None).order_by("position", "name")
    assert [c.name for c in headings] == HEADINGS
    for heading in headings:
        assert heading.children.count() >= 3


def test_the_index_shows_the_tree_with_counts(client):
    legislation = Category.objects.get(slug="legislation")
    standards = Category.objects.get(slug="standards-and-interoperability")
    EntryFactory(primary_category=legislation, title="FOI Act")
    both = EntryFactory(primary_category=standards, other_categories=[legislation])
    html = client.get(reverse("eindex:index")).content.decode()
    assert len(h1s(html)) == 1
    for heading in HEADINGS:
        assert heading in html
    assert re.search(r">Legislation</a>\s*<span class=\"govuk-body-s\">\(2 links\)", html)
    # The heading counts each entry once, though one is filed twice beneath it.
    assert re.search(
        r"standards and infrastructure</a> <span class=\"govuk-body-s\">\(2 links\)", html
    )
    assert both.title not in html  # the index lists categories, not entries
    assert "2 links." in html


def test_the_topic_filter_narrows_the_counts(client):
    legislation = Category.objects.get(slug="legislation")
    EntryFactory(primary_category=legislation, topics=["data protection"])
    EntryFactory(primary_category=legislation, topics=["broadband"])
    html = client.get(reverse("eindex:index") + "?topic=broadband").content.decode()
    assert "1 link on this topic." in html
    assert "?topic=broadband" in html  # category links keep the filter
    assert '<button type="submit"' in html  # a GET form that works without JavaScript


def test_a_category_lists_its_entries_with_each_links_health(client):
    category = Category.objects.get(slug="guidance-and-toolkits")
    owner = OrganisationFactory(name="Toolkit Owners")
    states = {
        "ok": {"outcome": Outcome.WORKING, "last_checked_at": timezone.now()},
        "moved": {
            "outcome": Outcome.WORKING,
            "last_checked_at": timezone.now(),
            "redirect_chain": [{"status": 301, "url": "https://moved.example.org/new"}],
            "final_url": "https://moved.example.org/new",
        },
        "dead": {
            "outcome": Outcome.BROKEN,
            "first_failed_at": timezone.make_aware(timezone.datetime(2025, 3, 3, 9)),
        },
        "shy": {"outcome": Outcome.UNVERIFIED, "last_checked_at": timezone.now()},
        "new": {},
    }
    for name, fields in states.items():
        entry = EntryFactory(
            primary_category=category, owner=owner, title=f"Entry {name}",
            url=f"https://{name}.example.org/",
        )  # fmt: skip
        if fields:
            Link.objects.filter(url=entry.url).update(**fields)
    html = client.get(category.get_absolute_url()).content.decode()
    assert len(h1s(html)) == 1 and "Guidance and toolkits" in html
    assert "5 links." in html
    assert ">OK</strong>" in html
    assert '>Redirected</strong> <span class="govuk-body-s">now goes to https://moved' in html
    assert '>Broken</strong> <span class="govuk-body-s">since 3 March 2025' in html
    assert ">Could not verify</strong>" in html
    assert ">Not checked yet</strong>" in html
    assert "Toolkit Owners" in html
    # Breadcrumbs run Home > E-index > heading > category.
    assert "Government knowledge network and best practice</a>" in html


def test_a_category_shows_entries_filed_there_as_a_second_category(client):
    legislation = Category.objects.get(slug="legislation")
    standards = Category.objects.get(slug="standards-and-interoperability")
    EntryFactory(primary_category=standards, other_categories=[legislation], title="Cross-filed")
    assert "Cross-filed" in client.get(legislation.get_absolute_url()).content.decode()


def test_a_heading_shows_its_sub_categories(client):
    heading = Category.objects.get(slug="surveys-and-research")
    html = client.get(heading.get_absolute_url()).content.decode()
    assert "Sub-categories" in html and "Benchmarking" in html
    assert "The links are in the sub-categories above." in html


def test_a_category_filters_by_topic(client):
    category = Category.objects.get(slug="legislation")
    EntryFactory(primary_category=category, title="About data", topics=["data protection"])
    EntryFactory(primary_category=category, title="About cables", topics=["broadband"])
    html = client.get(category.get_absolute_url() + "?topic=broadband").content.decode()
    assert "About cables" in html and "About data" not in html
    assert '<option value="data-protection">data protection</option>' in html


def test_an_unknown_category_is_not_found(client):
    assert client.get("/e-index/no-such-category/").status_code == 404


def test_the_pages_under_e_index_cannot_be_taken_by_a_category():
    for slug in ("suggest", "link-health"):
        with pytest.raises(ValidationError):
            Category(name="Clash", slug=slug).full_clean()


def test_a_category_cannot_sit_inside_itself():
    parent = CategoryFactory()
    child = CategoryFactory(parent=parent)
    parent.parent = child
    with pytest.raises(ValidationError):
        parent.full_clean()


def test_the_link_health_page_shows_each_organisations_shares(client):
    good = OrganisationFactory(name="Good Links Borough", short_name="Good Links")
    poor = OrganisationFactory(name="Poor Links Borough", short_name="Poor Links")
    for n in range(3):
        EntryFactory(owner=good, url=f"https://good{n}.example.org/")
    EntryFactory(owner=poor, url="https://poor.example.org/")
    Link.objects.filter(url__startswith="https://good").update(outcome=Outcome.WORKING)
    Link.objects.filter(url__in=[good.website, "https://poor.example.org/"]).update(
        outcome=Outcome.BROKEN, first_failed_at=timezone.now()
    )
    html = client.get(reverse("eindex:link_health")).content.decode()
    assert len(h1s(html)) == 1
    good_row = re.search(r"Good Links</a></th>(.*?)</tr>", html, re.S).group(1)
    assert cells(good_row)[:3] == ["4", "75%", "25%"]
    poor_row = re.search(r"Poor Links</a></th>(.*?)</tr>", html, re.S).group(1)
    assert cells(poor_row)[:3] == ["2", "0%", "50%"]  # its own website is not checked yet


def test_the_section_is_in_the_navigation_and_on_the_home_page(client):
    EntryFactory(title="A newly added link")
    html = client.get("/").content.decode()
    assert 'href="/e-index/"' in html and "E-index" in html
    assert "A newly added link" in html


def test_an_organisations_page_lists_the_links_it_keeps(client):
    owner = OrganisationFactory()
    EntryFactory(owner=owner, title="Kept by this body")
    html = client.get(owner.get_absolute_url()).content.decode()
    assert "E-index links" in html and "Kept by this body" in html


def _grow(count, categories, owners):
    for n in range(count):
        EntryFactory(
            primary_category=categories[n % len(categories)],
            other_categories=[categories[(n + 1) % len(categories)]],
            owner=owners[n % len(owners)],
            topics=["broadband", f"topic {n % 4}"],
        )


def test_query_counts_do_not_grow_with_the_data(client, count_queries):
    categories = list(Category.objects.filter(parent__isnull=False))
    owners = [OrganisationFactory() for _ in range(3)]
    legislation = Category.objects.get(slug="legislation")
    urls = [
        reverse("eindex:index"),
        reverse("eindex:index") + "?topic=broadband",
        legislation.get_absolute_url(),
        legislation.get_absolute_url() + "?topic=broadband",
        reverse("eindex:link_health"),
        reverse("eindex:suggest"),
    ]
    _grow(4, categories, owners)
    small = {url: count_queries(client, url) for url in urls}
    _grow(40, categories, owners)
    owners += [OrganisationFactory() for _ in range(10)]
    large = {url: count_queries(client, url) for url in urls}
    assert large == small


def test_a_small_share_is_never_shown_as_nothing():
    from linkcheck.reports import percentage

    assert [percentage(1, 300), percentage(1, 151), percentage(0, 10), percentage(3, 0)] == [
        "<1%",
        "1%",
        "0%",
        "0%",
    ]
