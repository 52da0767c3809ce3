"""The e-index in the public read API: /api/v1/e-index/, each link with what the link checker
last found there, filtered by topic and category as the e-index's pages are."""

from django.db.models import Prefetch
from drf_spectacular.utils import extend_schema_view
from rest_framework import serializers

from contacts.api import OrganisationSummarySerializer
from core.rest import (
    PublicReadOnlyViewSet,
    PublicRecordSerializer,
    SiteUrlField,
    TopicsField,
    detail_url,
    documented,
)
from linkcheck.api import OutboundLinkField

from .filters import EntryFilter
from .models import Category, Entry


class CategorySerializer(serializers.ModelSerializer):
    html_url = SiteUrlField()

    class Meta:
        model = Category
        fields = ["slug", "name", "html_url"]


class EntrySerializer(PublicRecordSerializer):
    url = detail_url("api:eindex-entry-detail", lookup_field="pk")
    link = OutboundLinkField(source="url", help_text="The page the entry points to.")
    primary_category = CategorySerializer()
    other_categories = CategorySerializer(many=True)
    owner = OrganisationSummarySerializer(help_text="The organisation that keeps the entry.")
    topics = TopicsField()

    class Meta:
        model = Entry
        fields = [
            "id",
            "url",
            "html_url",
            "title",
            "link",
            "description",
            "primary_category",
            "other_categories",
            "owner",
            "topics",
            "added_on",
            "last_verified_on",
            "created_at",
            "updated_at",
        ]


@extend_schema_view(**documented("e-index entries", EntrySerializer))
class EntryViewSet(PublicReadOnlyViewSet):
    """The e-index: useful links for London's e-government, filed under categories.

    `category` lists the entries filed under that category, first or also.
    """

    lookup_field = "pk"
    lookup_value_converter = "int"
    serializer_class = EntrySerializer
    filterset_class = EntryFilter
    changes_with = (("contacts.Organisation", "updated_at"),)

    def get_queryset(self):
        by_position = Category.objects.order_by("position", "name")
        return (
            Entry.objects.select_related("primary_category", "owner")
            .prefetch_related("topics", Prefetch("other_categories", queryset=by_position))
            .order_by("title", "pk")
        )
