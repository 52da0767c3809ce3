"""What every resource of the public read API shares (/api/v1/, see londonconnects/api.py).

Each content app's api.py builds its serializer and viewset from these parts and registers
them as a registry.ApiEndpoint; like exports.py and feeds.py, this module is a helper the
apps stand on and names no content app. Everything served is public: there is no sign-in,
so every reader is an anonymous visitor, and the viewsets read only public querysets.
"""

import hashlib
from dataclasses import dataclass
from datetime import datetime

from django.apps import apps
from django.core.validators import slug_re
from django.db.models import Count, Max
from django.http import HttpResponse
from django.utils import timezone
from django.utils.cache import get_conditional_response, patch_cache_control, quote_etag
from django.utils.http import http_date
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_field
from rest_framework import serializers, viewsets
from rest_framework.exceptions import NotFound
from rest_framework.response import Response

from . import registry

# Part of every ETag: raise it when a representation changes, so that the ETags clients
# have stored stop matching and they fetch the new shape.
API_REVISION = 1
# How long a client or shared cache may reuse a response before asking again.
CACHE_SECONDS = 60


# Serializer parts


class TopicSerializer(serializers.Serializer):
    slug = serializers.SlugField()
    name = serializers.CharField()


@extend_schema_field(TopicSerializer(many=True))
class TopicsField(serializers.Field):
    """A record's topics (prefetched), A to Z; declare it as the serializer's `topics`."""

    def __init__(self, **kwargs):
        super().__init__(read_only=True, **kwargs)

    def to_representation(self, manager):
        topics = sorted(manager.all(), key=lambda topic: topic.name.casefold())
        return [{"slug": topic.slug, "name": topic.name} for topic in topics]


class SlugNameSerializer(serializers.Serializer):
    """A small lookup record (programme, kind of applicant, role) as its slug and name."""

    slug = serializers.SlugField()
    name = serializers.CharField()


@extend_schema_field(OpenApiTypes.URI)
class SiteUrlField(serializers.Field):
    """The absolute address of the record's page on the site (its `get_absolute_url`)."""

    def __init__(self, **kwargs):
        super().__init__(source="*", read_only=True, **kwargs)

    def to_representation(self, record):
        return self.context["request"].build_absolute_uri(record.get_absolute_url())


class PublicRecordSerializer(serializers.ModelSerializer):
    """Base of every resource: stable `id` and `slug`, `url` (this API, declared by each
    subclass with `detail_url`) and `html_url` (the page on the site)."""

    html_url = SiteUrlField()


def detail_url(view_name, lookup_field="slug"):
    return serializers.HyperlinkedIdentityField(view_name=view_name, lookup_field=lookup_field)


# Conditional GET


@dataclass(frozen=True)
class Validators:
    etag: str
    last_modified: datetime | None
    count: int


ERROR = {
    "type": "object",
    "properties": {"detail": {"type": "string"}},
    "required": ["detail"],
}
FILTER_ERRORS = {
    "type": "object",
    "description": "For each filter that was not understood, what was wrong with it.",
    "additionalProperties": {"type": "array", "items": {"type": "string"}},
}
NOT_MODIFIED = OpenApiResponse(
    description="Not modified: the ETag in If-None-Match (or the date in If-Modified-Since) "
    "is still current."
)
TOO_MANY = OpenApiResponse(
    ERROR, description="Too many requests: wait the number of seconds in Retry-After."
)


class PublicReadOnlyViewSet(viewsets.ReadOnlyModelViewSet):
    """A read-only resource over public records, answering conditional GETs.

    Lists are filtered with the site's own FilterSet (the filters of the list page), which
    also gives the site's default sort. Every response carries an ETag and Last-Modified,
    worked out without loading the records: for a list, the number of records that match
    and the latest `updated_at` among them; for one record, its `updated_at`. To these are
    added the latest change in `changes_with` (models whose records the representation
    nests, as (app_label.Model, field)), the link checker's latest check, today's date (an
    entry can lapse overnight) and the address asked for. A record edited, added or leaving
    the set therefore changes the ETag, and a matching If-None-Match is answered 304.
    """

    lookup_field = "slug"
    modified_field = "updated_at"
    changes_with: tuple[tuple[str, str], ...] = ()

    def filter_queryset(self, queryset):
        # One record is found by its slug whatever the list's default filters would hide
        # (a past event, closed funding): those defaults are for lists.
        if self.action != "list":
            return queryset
        return super().filter_queryset(queryset)

    def outbound_urls(self, record):
        """The outbound addresses a record shows (its registered URL fields); resources
        that nest records with URLs (a project's related links) add theirs."""
        return registry.link_health().urls_of(record)

    def get_serializer(self, *args, **kwargs):
        records = args[0] if args else kwargs.get("instance")
        if records is not None and not kwargs.get("many"):
            records = [records]
        urls = [self.outbound_urls(record) for record in records or ()]
        health = registry.link_health().health_of(urls)
        kwargs["context"] = {**self.get_serializer_context(), "link_health": health}
        return self.get_serializer_class()(*args, **kwargs)

    def validators(self, queryset) -> Validators:
        summary = queryset.order_by().aggregate(count=Count("pk"), latest=Max(self.modified_field))
        stamps = [summary["latest"]]
        for label, field in self.changes_with:
            model = apps.get_model(label)
            stamps.append(model._default_manager.aggregate(latest=Max(field))["latest"])
        stamps.append(registry.link_health().last_checked())
        known = [stamp for stamp in stamps if stamp is not None]
        parts = [
            API_REVISION,
            self.request.get_host(),
            self.request.get_full_path(),
            summary["count"],
            timezone.localdate(),
            *(stamp.isoformat() if stamp else "-" for stamp in stamps),
        ]
        digest = hashlib.sha256("|".join(map(str, parts)).encode()).hexdigest()[:40]
        return Validators(quote_etag(digest), max(known) if known else None, summary["count"])

    def conditional(self, validators: Validators, respond):
        """304 when the client's copy is current; otherwise `respond()`, with the headers."""
        headers = HttpResponse()
        headers["ETag"] = validators.etag
        if validators.last_modified:
            headers["Last-Modified"] = http_date(validators.last_modified.timestamp())
        patch_cache_control(headers, public=True, max_age=CACHE_SECONDS)
        answer = get_conditional_response(
            self.request,
            etag=validators.etag,
            last_modified=(
                int(validators.last_modified.timestamp()) if validators.last_modified else None
            ),
            response=headers,
        )
        if answer is not headers:
            return answer
        response = respond()
        for name in ("ETag", "Last-Modified", "Cache-Control"):
            if name in headers:
                response[name] = headers[name]
        return response

    def list(self, request, *args, **kwargs):
        queryset = self.filter_queryset(self.get_queryset())

        def respond():
            page = self.paginate_queryset(queryset)
            return self.get_paginated_response(self.get_serializer(page, many=True).data)

        return self.conditional(self.validators(queryset), respond)

    def retrieve(self, request, *args, **kwargs):
        value = kwargs[self.lookup_url_kwarg or self.lookup_field]
        # What cannot be a slug is no record's: answered without asking the database, which
        # may refuse some characters (PostgreSQL refuses NUL) rather than find nothing.
        if self.lookup_field == "slug" and not slug_re.match(value):
            raise NotFound()
        validators = self.validators(self.get_queryset().filter(**{self.lookup_field: value}))
        if not validators.count:
            raise NotFound()
        return self.conditional(
            validators, lambda: Response(self.get_serializer(self.get_object()).data)
        )


def documented(resource: str, serializer):
    """The OpenAPI description of a resource's list and detail operations (for
    extend_schema_view), with the answers other than 200 that a client should expect."""
    return {
        "list": extend_schema(
            summary=f"List {resource}",
            responses={
                200: serializer,
                304: NOT_MODIFIED,
                400: OpenApiResponse(FILTER_ERRORS, description="A filter was not understood."),
                404: OpenApiResponse(ERROR, description="No such page of results."),
                429: TOO_MANY,
            },
        ),
        "retrieve": extend_schema(
            summary=f"One of the {resource}",
            responses={
                200: serializer,
                304: NOT_MODIFIED,
                404: OpenApiResponse(ERROR, description="Not found, or not public."),
                429: TOO_MANY,
            },
        ),
    }
