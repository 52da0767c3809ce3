"""Papers in the public read API: /api/v1/papers/, filtered as the papers list is."""

from django.db.models import Prefetch
from drf_spectacular.utils import extend_schema_field, extend_schema_view
from rest_framework import serializers

from contacts.api import GroupSummarySerializer, OrganisationSummarySerializer
from core.rest import (
    PublicReadOnlyViewSet,
    PublicRecordSerializer,
    SiteUrlField,
    TopicsField,
    detail_url,
    documented,
)
from linkcheck.api import OutboundLinkField
from projects.api import ProjectSummarySerializer
from projects.models import Project

from .filters import PaperFilter
from .models import FORMAT_CHOICES, Paper


@extend_schema_field({"type": "string", "format": "uri", "nullable": True})
class DownloadUrlField(serializers.Field):
    """Where to download an uploaded paper; null when the paper is a link instead."""

    def __init__(self, **kwargs):
        super().__init__(source="*", read_only=True, **kwargs)

    def to_representation(self, paper):
        if not paper.file:
            return None
        return self.context["request"].build_absolute_uri(paper.get_download_url())


class PaperSummarySerializer(serializers.ModelSerializer):
    """A paper as other resources nest it (an event's papers)."""

    url = detail_url("api:paper-detail")
    html_url = SiteUrlField()

    class Meta:
        model = Paper
        fields = ["id", "slug", "title", "url", "html_url"]


class PaperSerializer(PublicRecordSerializer):
    url = detail_url("api:paper-detail")
    publisher = OrganisationSummarySerializer()
    group = GroupSummarySerializer(allow_null=True, help_text="The group that wrote it, if any.")
    download_url = DownloadUrlField()
    file_format = serializers.ChoiceField(
        choices=FORMAT_CHOICES, allow_null=True, help_text="For an uploaded paper; else null."
    )
    external_url = OutboundLinkField(help_text="Where the paper is published, for a link.")
    related_projects = ProjectSummarySerializer(source="public_projects", many=True)
    topics = TopicsField()

    class Meta:
        model = Paper
        fields = [
            "id",
            "slug",
            "url",
            "html_url",
            "title",
            "kind",
            "publisher",
            "group",
            "published_on",
            "summary",
            "download_url",
            "file_format",
            "file_size",
            "page_count",
            "external_url",
            "related_projects",
            "topics",
            "last_reviewed_on",
            "created_at",
            "updated_at",
        ]
        extra_kwargs = {
            "summary": {"help_text": "What the paper says. Markdown."},
            "file_size": {"help_text": "In bytes, for an uploaded paper."},
        }

    def to_representation(self, paper):
        shown = super().to_representation(paper)
        shown["file_format"] = shown["file_format"] or None
        return shown


@extend_schema_view(**documented("papers", PaperSerializer))
class PaperViewSet(PublicReadOnlyViewSet):
    """Papers of the groups, partners' Business/IT strategies, annual reviews, research,
    guidance and minutes: an uploaded file or a link."""

    serializer_class = PaperSerializer
    filterset_class = PaperFilter
    changes_with = (
        ("contacts.Organisation", "updated_at"),
        ("contacts.Group", "updated_at"),
        ("projects.Project", "updated_at"),
    )

    def get_queryset(self):
        return (
            Paper.objects.public()
            .for_listing()
            .prefetch_related(
                Prefetch(
                    "related_projects",
                    queryset=Project.objects.public().order_by("title", "pk"),
                    to_attr="public_projects",
                )
            )
        )
