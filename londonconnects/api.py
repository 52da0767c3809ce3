"""The public read API's front door, at /api/: a page saying what the API is and on what
terms, the version 1 resources (a router built from registry.api_endpoints(), which each
content app fills from its own api.py), the OpenAPI schema and its reference page."""

from django.conf import settings
from django.shortcuts import render
from django.urls import include, path, reverse
from django.views.decorators.cache import cache_page
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView
from rest_framework.authentication import SessionAuthentication
from rest_framework.routers import DefaultRouter

from . import registry

app_name = "api"

# The schema only changes with the code; building it takes a moment of CPU.
SCHEMA_CACHE_SECONDS = 60 * 60


def version_1_router():
    # Path converters, not regular expressions: stable, readable routes.
    router = DefaultRouter(use_regex_path=False)
    router.include_format_suffixes = False
    for endpoint in registry.api_endpoints():
        router.register(endpoint.prefix, endpoint.viewset, basename=endpoint.basename)
    return router


def rate_in_words(rate: str) -> str:
    """ "120/minute" as "120 requests a minute"."""
    number, _, period = rate.partition("/")
    unit = {"s": "second", "m": "minute", "h": "hour", "d": "day"}.get(period[:1], period)
    return f"{number} requests a {unit}"


def api_home(request):
    resources = [
        {
            "prefix": endpoint.prefix,
            "href": reverse(f"api:{endpoint.basename}-list"),
            "description": (endpoint.viewset.__doc__ or "").strip().split("\n\n")[0],
        }
        for endpoint in registry.api_endpoints()
    ]
    return render(
        request,
        "api/index.html",
        {
            "resources": resources,
            "rate": rate_in_words(settings.API_ANONYMOUS_RATE),
            "example": reverse("api:project-list") + "?area=newham&status=active",
        },
    )


class ApiReference(SpectacularSwaggerView):
    """Swagger UI from the site's own static files, inside the site's layout.

    Swagger UI's script and styles come from drf-spectacular-sidecar; the page starts it with
    static/js/api-docs.mjs, so the strict content security policy needs no exception.
    """

    template_name = "api/docs.html"
    # Only so that the site's header knows a signed-in visitor, as on every other page.
    authentication_classes = [SessionAuthentication]


urlpatterns = [
    path("", api_home, name="home"),
    path("v1/", include(version_1_router().urls)),
    path(
        "schema/",
        cache_page(SCHEMA_CACHE_SECONDS)(SpectacularAPIView.as_view()),
        name="schema",
    ),
    path("docs/", ApiReference.as_view(url_name="api:schema"), name="docs"),
]
