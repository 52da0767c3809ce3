"""The project register in the public read API: /api/v1/projects/, filtered as the list page is."""

from django.db.models import Prefetch
from drf_spectacular.utils import extend_schema_view
from rest_framework import serializers

from contacts.api import ContactSummarySerializer, OrganisationSummarySerializer, public_contacts
from contacts.models import SubRegion
from core.rest import (
    PublicReadOnlyViewSet,
    PublicRecordSerializer,
    SiteUrlField,
    SlugNameSerializer,
    TopicsField,
    detail_url,
    documented,
)
from linkcheck.api import OutboundLinkField

from .filters import ProjectFilter
from .models import Project, RelatedLink


class RelatedLinkSerializer(serializers.ModelSerializer):
    link = OutboundLinkField(source="url")

    class Meta:
        model = RelatedLink
        fields = ["title", "kind", "link"]


class ProjectSummarySerializer(serializers.ModelSerializer):
    """A project as other resources nest it (a paper's related projects)."""

    url = detail_url("api:project-detail")
    html_url = SiteUrlField()

    class Meta:
        model = Project
        fields = ["id", "slug", "title", "url", "html_url"]


class ProjectSerializer(PublicRecordSerializer):
    url = detail_url("api:project-detail")
    programme = SlugNameSerializer()
    lead_organisation = OrganisationSummarySerializer()
    partners = OrganisationSummarySerializer(many=True)
    areas = OrganisationSummarySerializer(
        many=True, help_text="The local authorities covered; empty when London-wide."
    )
    sub_regions = serializers.ListField(
        child=serializers.ChoiceField(choices=SubRegion.choices),
        help_text="The sub-regions of the areas covered (all five when London-wide).",
    )
    website = OutboundLinkField()
    related_links = RelatedLinkSerializer(many=True)
    contacts = ContactSummarySerializer(
        source="public_contacts", many=True, help_text="The people listed publicly."
    )
    topics = TopicsField()

    class Meta:
        model = Project
        fields = [
            "id",
            "slug",
            "url",
            "html_url",
            "title",
            "summary",
            "description",
            "status",
            "programme",
            "lead_organisation",
            "partners",
            "london_wide",
            "areas",
            "sub_regions",
            "start_date",
            "end_date",
            "budget",
            "funding_awarded",
            "website",
            "related_links",
            "contacts",
            "outcomes",
            "topics",
            "last_reviewed_on",
            "created_at",
            "updated_at",
        ]
        extra_kwargs = {
            "summary": {"help_text": "One sentence: what the project does."},
            "description": {"help_text": "Markdown."},
            "outcomes": {"help_text": "Outcomes and lessons learned. Markdown."},
        }


@extend_schema_view(**documented("projects", ProjectSerializer))
class ProjectViewSet(PublicReadOnlyViewSet):
    """London's e-government projects: who leads them, with whom, where and with what money.

    Filters are those of the project list on the site; `area` takes a local authority's
    slug and includes London-wide projects.
    """

    serializer_class = ProjectSerializer
    filterset_class = ProjectFilter
    changes_with = (("contacts.Organisation", "updated_at"), ("contacts.Contact", "updated_at"))

    def get_queryset(self):
        return (
            Project.objects.public()
            .for_listing()
            .prefetch_related(
                "related_links",
                Prefetch("contacts", queryset=public_contacts(), to_attr="public_contacts"),
            )
        )

    def outbound_urls(self, project):
        return [*super().outbound_urls(project), project.related_links.all()]
