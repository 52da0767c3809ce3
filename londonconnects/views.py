import logging

from django.core.cache import cache
from django.db import connection
from django.http import HttpResponse, HttpResponseServerError, JsonResponse
from django.shortcuts import render
from django.template import loader
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.generic import TemplateView

from core import registry
from core.searching import SiteSearch

from . import sitemaps
from .context_processors import site

logger = logging.getLogger(__name__)


def home(request):
    sections = []
    for section in registry.sections():
        if section.count is None:
            continue
        sections.append(
            {
                "section": section,
                "count": section.count(),
                "latest": section.latest(3) if section.latest else [],
            }
        )
    return render(request, "pages/home.html", {"sections": sections})


class StaticPage(TemplateView):
    pass


def feeds(request):
    """Every Atom feed and calendar the apps register, under their headings."""
    sources = []
    for source in registry.feed_sources():
        links = [
            {"feed": feed, "address": request.build_absolute_uri(feed.url)}
            for feed in source.feeds()
        ]
        if links:
            sources.append({"heading": source.heading, "key": source.key, "links": links})
    return render(
        request,
        "pages/feeds.html",
        {"sources": sources, "atom": registry.ATOM, "icalendar": registry.ICALENDAR},
    )


def search(request):
    """Site-wide search with facets; results show the fields each index stores, so the page
    reads the database only for the names of the facet values it shows."""
    site_search = SiteSearch.from_params(request.GET)
    results = suggestion = None
    if not site_search.is_empty:
        results = site_search.run(page=request.GET.get("page", 1))
        suggestion = site_search.suggestion()
    return render(
        request,
        "search/results.html",
        {
            "search": site_search,
            "query": site_search.q,
            "results": results,
            "suggestion": suggestion,
            "suggestion_url": site_search.url(q=suggestion) if suggestion else "",
        },
    )


@never_cache
def healthz(request):
    checks = {}
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        checks["database"] = "ok"
    except Exception as exc:  # noqa: BLE001 - any failure means unhealthy
        checks["database"] = f"error: {type(exc).__name__}"
    try:
        cache.set("healthz", "ok", 5)
        checks["cache"] = "ok" if cache.get("healthz") == "ok" else "error: read back failed"
    except Exception as exc:  # noqa: BLE001
        checks["cache"] = f"error: {type(exc).__name__}"
    healthy = all(value == "ok" for value in checks.values())
    return JsonResponse(
        {"status": "ok" if healthy else "error", "checks": checks}, status=200 if healthy else 503
    )


def robots_txt(request):
    lines = [
        "User-agent: *",
        *(f"Disallow: {path}" for path in sitemaps.KEPT_FROM_CRAWLERS),
        "",
        f"Sitemap: {request.build_absolute_uri(reverse('sitemap'))}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain")


def csrf_failure(request, reason=""):
    """The CSRF_FAILURE_VIEW: a 403 in plain words, in the site's layout."""
    return render(request, "403_csrf.html", status=403)


def server_error(request):
    """handler500: renders without the context processors, so it needs neither the database
    nor the session (either may be what failed)."""
    context = {"request": request}
    try:
        context.update(site(request))
    except Exception:  # noqa: BLE001 - the error page must render whatever else is broken
        logger.exception("The main navigation could not be built for the error page.")
    try:
        body = loader.get_template("500.html").render(context)
    except Exception:  # noqa: BLE001 - e.g. a missing static manifest entry in the layout
        logger.exception("The error page could not be rendered in the site's layout.")
        body = PLAIN_SERVER_ERROR
    return HttpResponseServerError(body)


PLAIN_SERVER_ERROR = (
    '<!DOCTYPE html><html lang="en-GB"><head><meta charset="utf-8">'
    "<title>Sorry, there is a problem with the service – LondonConnects</title></head>"
    "<body><main><h1>Sorry, there is a problem with the service</h1>"
    "<p>Try again later. If you were sending a form, what you entered has not been saved.</p>"
    "</main></body></html>"
)
