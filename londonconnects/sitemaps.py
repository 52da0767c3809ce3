"""/sitemap.xml: an index of one sitemap per public content type, read from the registry,
and one of the fixed pages.

Each type's sitemap lists what its Collection's `pages()` (or `public()`) gives: public
records with a page of their own, so never a draft, a hidden thread or a contact not listed
publicly; lastmod from its `date_field`; 50,000 to a page of the sitemap, in two queries.

The views are Django's sitemap views in small, except that addresses are built from the
request's host: the Sites framework's one Site knows nothing of the host the site runs on.
"""

from django.contrib.sitemaps import Sitemap
from django.contrib.sitemaps.views import SitemapIndexItem
from django.contrib.sites.requests import RequestSite
from django.core.paginator import EmptyPage, PageNotAnInteger
from django.db.models import Max
from django.http import Http404
from django.template.response import TemplateResponse
from django.urls import NoReverseMatch, reverse

from core import registry

# Fixed pages worth finding; a list page of each content type and section is added to them.
FIXED_PAGES = ("home", "about", "accessibility", "privacy", "feeds", "topic_list")

# What robots.txt keeps crawlers out of: the admin, sign-in pages, search results (endless
# and thin), the API's data endpoints (the pages' records again, under a throttle; its
# documentation stays open) and the CSV exports (large, and one per filter).
KEPT_FROM_CRAWLERS = ("/admin/", "/accounts/", "/search/", "/api/v1/", "/*/export.csv")


class CollectionSitemap(Sitemap):
    def __init__(self, collection):
        self.collection = collection

    def records(self):
        return (self.collection.pages or self.collection.public)()

    def items(self):
        # The lists' prefetches are of no use for an address and a date.
        return self.records().prefetch_related(None).order_by("pk")

    def lastmod(self, item):
        return getattr(item, self.collection.date_field)

    def get_latest_lastmod(self):
        """In one query: Django's default reads every record of the sitemap."""
        latest = Max(self.collection.date_field)
        return self.records().order_by().aggregate(latest=latest)["latest"]


class FixedPagesSitemap(Sitemap):
    def items(self):
        names = [*FIXED_PAGES, *(section.url_name for section in registry.sections())]
        names += [collection.list_url_name for collection in registry.collections()]
        paths = []
        for name in names:
            try:
                path = reverse(name)
            except NoReverseMatch:  # a page not (or no longer) in the URLconf
                continue
            if path not in paths and not path.startswith(KEPT_FROM_CRAWLERS):
                paths.append(path)
        return paths

    def location(self, path):
        return path


def sitemaps():
    """The sitemaps by section name: one per content type, and the fixed pages."""
    by_section = {"pages": FixedPagesSitemap()}
    for collection in registry.collections():
        by_section[collection.key] = CollectionSitemap(collection)
    return by_section


def index(request):
    entries = []
    for section, sitemap in sitemaps().items():
        url = request.build_absolute_uri(reverse("sitemap_section", args=[section]))
        lastmod = sitemap.get_latest_lastmod()
        entries.append(SitemapIndexItem(url, lastmod))
        for page in range(2, sitemap.paginator.num_pages + 1):
            entries.append(SitemapIndexItem(f"{url}?p={page}", lastmod))
    return TemplateResponse(
        request,
        "sitemap_index.xml",
        {"sitemaps": entries},
        content_type="application/xml",
        headers={"X-Robots-Tag": "noindex, noodp, noarchive"},
    )


def section(request, section):
    sitemap = sitemaps().get(section)
    if sitemap is None:
        raise Http404(f"No sitemap called {section}.")
    try:
        urls = sitemap.get_urls(
            page=request.GET.get("p", 1), site=RequestSite(request), protocol=request.scheme
        )
    except (EmptyPage, PageNotAnInteger) as error:
        raise Http404(f"No such page of the {section} sitemap.") from error
    return TemplateResponse(
        request,
        "sitemap.xml",
        {"urlset": urls},
        content_type="application/xml",
        headers={"X-Robots-Tag": "noindex, noodp, noarchive"},
    )
