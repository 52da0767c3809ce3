"""E-funding in the public read API: /api/v1/funding/, each source with its rounds, filtered
as the funding list is (by default, sources with a round open now or opening later)."""

from django.db.models import Prefetch
from drf_spectacular.utils import extend_schema_view
from rest_framework import serializers

from contacts.api import ContactSummarySerializer, OrganisationSummarySerializer
from contacts.models import Contact
from core.rest import (
    PublicReadOnlyViewSet,
    PublicRecordSerializer,
    SlugNameSerializer,
    TopicsField,
    detail_url,
    documented,
)
from linkcheck.api import OutboundLinkField

from .filters import FundingFilter
from .models import FundingRound, FundingSource


class FundingRoundSerializer(serializers.ModelSerializer):
    class Meta:
        model = FundingRound
        fields = ["id", "name", "opens_on", "closes_at", "is_rolling", "decision_on", "notes"]
        extra_kwargs = {
            "closes_at": {"help_text": "The deadline; null for a rolling round."},
            "is_rolling": {"help_text": "Applications are taken at any time."},
        }


class FundingSourceSerializer(PublicRecordSerializer):
    url = detail_url("api:funding-detail")
    owner = OrganisationSummarySerializer(help_text="The partner that keeps this entry.")
    funder = OrganisationSummarySerializer(
        allow_null=True, help_text="The funder, when it is in the directory."
    )
    funder_name = serializers.CharField(source="funder_display")
    eligible_applicants = SlugNameSerializer(many=True, help_text="Who may apply.")
    application_url = OutboundLinkField()
    guidance_url = OutboundLinkField()
    contact = ContactSummarySerializer(
        source="public_contact", allow_null=True, help_text="When listed publicly."
    )
    rounds = FundingRoundSerializer(many=True, help_text="Every round, past and to come.")
    topics = TopicsField()

    class Meta:
        model = FundingSource
        fields = [
            "id",
            "slug",
            "url",
            "html_url",
            "name",
            "owner",
            "funder",
            "funder_name",
            "scope",
            "kind",
            "summary",
            "eligibility",
            "eligible_applicants",
            "min_amount",
            "max_amount",
            "total_pot",
            "match_funding_percent",
            "application_url",
            "guidance_url",
            "contact",
            "rounds",
            "topics",
            "last_reviewed_on",
            "created_at",
            "updated_at",
        ]
        extra_kwargs = {
            "summary": {"help_text": "What the money is for. Markdown."},
            "eligibility": {"help_text": "Who may apply and for what. Markdown."},
        }


@extend_schema_view(**documented("funding sources", FundingSourceSerializer))
class FundingSourceViewSet(PublicReadOnlyViewSet):
    """Sources of money for e-government work and their rounds.

    As on the site, a list shows the sources with a round open now or opening later unless
    `deadline` says otherwise (`deadline=all` for every source).
    """

    serializer_class = FundingSourceSerializer
    filterset_class = FundingFilter
    changes_with = (
        ("funding.FundingRound", "updated_at"),
        ("contacts.Organisation", "updated_at"),
        ("contacts.Contact", "updated_at"),
    )

    def get_queryset(self):
        return (
            FundingSource.objects.public()
            .for_listing()
            .prefetch_related(
                Prefetch("contact", queryset=Contact.objects.public(), to_attr="public_contact")
            )
        )
