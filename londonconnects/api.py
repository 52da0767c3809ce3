"""The public read API's front door, at /api/: a page saying what the API is and on what
terms, the version 1 resources (a router built from registry.api_endpoints(), which each
content app fills from its own api.py), the OpenAPI schema and its reference page."""

import functools

from django.conf import settings
from django.shortcuts import render
from django.urls import include, path, reverse
from django.views.decorators.cache import cache_page
from drf_spectacular.generators import SchemaGenerator
from drf_spectacular.views import SpectacularAPIView
from rest_framework.routers import DefaultRouter

from core import registry

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


def _type_of(schema, components):
    """A field's or parameter's type in words: "string", "list of Organisation" ..."""
    if "$ref" in schema:
        return schema["$ref"].rsplit("/", 1)[-1]
    if "allOf" in schema or "oneOf" in schema:
        parts = [_type_of(part, components) for part in schema.get("allOf", schema.get("oneOf"))]
        return " or ".join(dict.fromkeys(part for part in parts if part))
    kind = schema.get("type", "")
    if kind == "array":
        return f"list of {_type_of(schema.get('items', {}), components)}"
    if "enum" in schema:
        values = ", ".join(str(v) for v in schema["enum"] if v not in ("", None))
        return f"one of: {values}"
    detail = schema.get("format")
    return f"{kind} ({detail})" if detail else kind


def _fields(name, components):
    """The fields of a component schema, with their types and descriptions."""
    schema = components.get(name, {})
    required = set(schema.get("required", ()))
    return [
        {
            "name": field,
            "type": _type_of(spec, components) + ("" if field in required else ", optional"),
            "description": spec.get("description", ""),
        }
        for field, spec in schema.get("properties", {}).items()
    ]


@functools.cache
def reference():
    """The resources of the schema as the reference page shows them: built once per
    process, since the schema changes only with the code."""
    schema = SchemaGenerator().get_schema(request=None, public=True)
    components = schema.get("components", {}).get("schemas", {})
    resources = {}
    for address, methods in schema["paths"].items():
        operation = methods.get("get")
        if operation is None:
            continue
        tag = operation.get("tags", ["other"])[0]
        resource = resources.setdefault(tag, {"key": tag, "operations": []})
        content = operation["responses"].get("200", {}).get("content", {})
        returned = _type_of(content.get("application/json", {}).get("schema", {}), components)
        if returned.startswith("Paginated") and returned.endswith("List"):
            resource["record"] = returned.removeprefix("Paginated").removesuffix("List")
        resource["operations"].append(
            {
                "path": address,
                "summary": operation.get("summary", ""),
                "description": operation.get("description", ""),
                "parameters": [
                    {
                        "name": parameter["name"],
                        "where": parameter["in"],
                        "type": _type_of(parameter.get("schema", {}), components),
                        "description": parameter.get("description", ""),
                        "required": parameter.get("required", False),
                    }
                    for parameter in operation.get("parameters", [])
                ],
            }
        )
    for resource in resources.values():
        resource["fields"] = _fields(resource.get("record", ""), components)
        resource["nested"] = sorted(
            {
                field["type"].removeprefix("list of ").split(",")[0]
                for field in resource["fields"]
                if field["type"].removeprefix("list of ").split(",")[0] in components
            }
        )
    nested = sorted({name for r in resources.values() for name in r["nested"]})
    return {
        "resources": sorted(resources.values(), key=lambda r: r["key"]),
        "records": [{"name": name, "fields": _fields(name, components)} for name in nested],
    }


def api_reference(request):
    """Every resource, its addresses, filters and fields, read from the OpenAPI schema and
    written out as a page of the site: readable without JavaScript and by screen readers."""
    return render(request, "api/docs.html", {**reference(), "schema_url": reverse("api:schema")})


urlpatterns = [
    path("", api_home, name="home"),
    path("v1/", include(version_1_router().urls)),
    path(
        "schema/",
        cache_page(SCHEMA_CACHE_SECONDS)(SpectacularAPIView.as_view()),
        name="schema",
    ),
    path("docs/", api_reference, name="docs"),
]
