"""/sitemap.xml, the sitemaps it points to, and /robots.txt: public pages only, absolute
addresses on the request's host, lastmod, and queries that do not grow with the records."""

import xml.etree.ElementTree as ET

import pytest
from django.urls import NoReverseMatch, reverse

from core import registry
from eindex.models import Entry
from tests.eindex.factories import EntryFactory
from tests.projects.factories import ProjectFactory

from .open_data import SECRET, build_records

pytestmark = pytest.mark.django_db

SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
HOST = "open.example.org"


@pytest.fixture(autouse=True)
def _served_on_another_host(settings):
    """Addresses come from the request's host, not the Sites framework's example.com."""
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, HOST]


@pytest.fixture
def records(db):
    return build_records()


def read(client, url):
    response = client.get(url, HTTP_HOST=HOST)
    assert response.status_code == 200, url
    assert response["Content-Type"].startswith("application/xml")
    return ET.fromstring(response.content)  # noqa: S314 - the site's own sitemap


def section_url(section):
    return f"http://{HOST}{reverse('sitemap_section', args=[section])}"


def urls_of(client, section):
    """{location: lastmod} of one per-type sitemap."""
    urlset = read(client, reverse("sitemap_section", args=[section]))
    return {
        url.findtext(f"{SITEMAP}loc"): url.findtext(f"{SITEMAP}lastmod")
        for url in urlset.findall(f"{SITEMAP}url")
    }


def test_the_index_lists_one_sitemap_per_type_and_the_fixed_pages(client, records):
    index = read(client, reverse("sitemap"))
    assert index.tag == f"{SITEMAP}sitemapindex"
    listed = {
        sitemap.findtext(f"{SITEMAP}loc"): sitemap.findtext(f"{SITEMAP}lastmod")
        for sitemap in index.findall(f"{SITEMAP}sitemap")
    }
    sections = [collection.key for collection in registry.collections()]
    assert {"projects", "funding", "papers", "events", "eindex", "forums"} <= set(sections)
    assert {"organisations", "contacts", "groups"} <= set(sections)
    assert set(listed) == {section_url(section) for section in ["pages", *sections]}
    for section in sections:
        assert listed[section_url(section)], f"the {section} sitemap has no lastmod"


def test_each_sitemap_lists_public_pages_only_with_lastmod(client, records):
    expected = {
        "projects": records["project"],
        "funding": records["fund"],
        "papers": records["paper"],
        "events": records["event"],
        "eindex": records["eindex_category"],
        "forums": records["thread"],
        "organisations": records["borough"],
        "contacts": records["contact"],
        "groups": records["private_forum"].group,
    }
    for section, record in expected.items():
        urls = urls_of(client, section)
        location = f"http://{HOST}{record.get_absolute_url()}"
        assert location in urls, f"{section}: {location} missing"
        assert all(lastmod for url, lastmod in urls.items() if "/e-index/" not in url), section
        assert not [url for url in urls if SECRET in url], f"{section} lists a hidden page"
    forums = urls_of(client, "forums")
    assert f"http://{HOST}{records['hidden_thread'].get_absolute_url()}" not in forums
    assert f"http://{HOST}{records['private_thread'].get_absolute_url()}" not in forums
    assert f"http://{HOST}{records['hidden_opening'].get_absolute_url()}" in forums


def test_an_eindex_category_dates_from_its_latest_link(client, records):
    urls = urls_of(client, "eindex")
    category = records["eindex_category"]
    entry = Entry.objects.get(pk=records["entry"].pk)
    location = f"http://{HOST}{category.get_absolute_url()}"
    assert urls[location] == entry.updated_at.date().isoformat()
    # Entries live on their category's page: no address with a fragment.
    assert not [url for url in urls if "#" in url]


def test_the_fixed_pages(client, db):
    urls = urls_of(client, "pages")
    paths = {url.removeprefix(f"http://{HOST}") for url in urls}
    assert {"/", "/about/", "/accessibility/", "/privacy/", "/feeds/"} <= paths
    assert {"/projects/", "/funding/", "/papers/", "/events/", "/e-index/"} <= paths
    assert {"/organisations/", "/contacts/", "/groups/", "/forums/"} <= paths
    assert "/search/" not in paths  # robots.txt keeps crawlers out of search results
    try:
        assert reverse("topic_list") in paths
    except NoReverseMatch:
        assert "/topics/" not in paths


def test_an_unknown_sitemap_or_page_is_not_found(client, records):
    assert client.get(reverse("sitemap_section", args=["nothing"])).status_code == 404
    projects = reverse("sitemap_section", args=["projects"])
    assert client.get(projects + "?p=2").status_code == 404
    assert client.get(projects + "?p=x").status_code == 404


def test_a_large_sitemap_is_split_into_pages(client, records, monkeypatch):
    from londonconnects.sitemaps import CollectionSitemap

    monkeypatch.setattr(CollectionSitemap, "limit", 2)
    ProjectFactory.create_batch(3)  # four published projects: two pages
    index = read(client, reverse("sitemap"))
    locations = [
        sitemap.findtext(f"{SITEMAP}loc") for sitemap in index.findall(f"{SITEMAP}sitemap")
    ]
    assert f"{section_url('projects')}?p=2" in locations
    assert f"{section_url('projects')}?p=3" not in locations
    second = read(client, reverse("sitemap_section", args=["projects"]) + "?p=2")
    assert len(second.findall(f"{SITEMAP}url")) == 2


def test_robots_txt_points_at_the_sitemap_and_keeps_crawlers_out(client, db):
    response = client.get("/robots.txt", HTTP_HOST=HOST)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    lines = response.content.decode().splitlines()
    assert lines[0] == "User-agent: *"
    for path in ["/admin/", "/accounts/", "/search/", "/api/v1/", "/*/export.csv"]:
        assert f"Disallow: {path}" in lines
    assert f"Sitemap: http://{HOST}/sitemap.xml" in lines
    # The API's documentation stays open to crawlers.
    assert "Disallow: /api/" not in lines


@pytest.mark.parametrize("section", ["projects", "eindex"])
def test_a_sitemaps_queries_do_not_grow_with_the_records(client, records, section, count_queries):
    url = reverse("sitemap_section", args=[section])

    def add(count):
        if section == "projects":
            ProjectFactory.create_batch(count)
        else:
            EntryFactory.create_batch(count)

    add(5)
    few = count_queries(client, url)
    add(45)
    assert count_queries(client, url) == few
    index = count_queries(client, reverse("sitemap"))
    add(50)
    assert count_queries(client, reverse("sitemap")) == index
