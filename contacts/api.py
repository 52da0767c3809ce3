"""The directory in the public read API: organisations, groups and the people listed publicly.

A person appears only if `Contact.objects.public()` lists them (public entry, not past its
review-by date), wherever they would appear: in /contacts/, nested in an organisation or as a
group's convenor. Of each, only the details whose own visibility is public are sent; the
others are left out of the record altogether, not sent empty.
"""

import django_filters
from django.db.models import Prefetch
from drf_spectacular.utils import extend_schema_view
from rest_framework import serializers

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

from .filters import ContactFilter, OrganisationFilter
from .models import Contact, Group, GroupKind, Organisation, SubRegion, Visibility

CONTACT_DETAIL = "api:contact-detail"
GROUP_DETAIL = "api:group-detail"
ORGANISATION_DETAIL = "api:organisation-detail"


def public_contacts():
    return Contact.objects.public().order_by("name", "pk")


# Records as other resources nest them


class OrganisationSummarySerializer(serializers.ModelSerializer):
    url = detail_url(ORGANISATION_DETAIL)
    html_url = SiteUrlField()

    class Meta:
        model = Organisation
        fields = ["id", "slug", "name", "short_name", "url", "html_url"]


class ContactSummarySerializer(serializers.ModelSerializer):
    """A person listed publicly: name and addresses only; the details are at `url`."""

    url = detail_url(CONTACT_DETAIL)
    html_url = SiteUrlField()

    class Meta:
        model = Contact
        fields = ["id", "slug", "name", "url", "html_url"]


class GroupSummarySerializer(serializers.ModelSerializer):
    url = detail_url(GROUP_DETAIL)
    html_url = SiteUrlField()

    class Meta:
        model = Group
        fields = ["id", "slug", "name", "url", "html_url"]


# Organisations


class OrganisationSerializer(PublicRecordSerializer):
    url = detail_url(ORGANISATION_DETAIL)
    website = OutboundLinkField()
    parent = OrganisationSummarySerializer(allow_null=True)
    successor = OrganisationSummarySerializer(allow_null=True)
    topics = TopicsField()
    contacts = ContactSummarySerializer(
        source="public_contacts", many=True, help_text="The people listed publicly."
    )

    class Meta:
        model = Organisation
        fields = [
            "id",
            "slug",
            "url",
            "html_url",
            "name",
            "short_name",
            "kind",
            "sub_region",
            "status",
            "closed_on",
            "closed_on_precision",
            "successor",
            "parent",
            "summary",
            "address",
            "website",
            "topics",
            "contacts",
            "updated_at",
        ]


@extend_schema_view(**documented("organisations", OrganisationSerializer))
class OrganisationViewSet(PublicReadOnlyViewSet):
    """London's local authorities and the partner bodies, closed ones included."""

    serializer_class = OrganisationSerializer
    filterset_class = OrganisationFilter
    changes_with = (("contacts.Contact", "updated_at"),)

    def get_queryset(self):
        return (
            Organisation.objects.select_related("parent", "successor")
            .prefetch_related(
                "topics",
                Prefetch("contacts", queryset=public_contacts(), to_attr="public_contacts"),
            )
            .order_by("short_name", "pk")
        )


# Groups


class GroupFilter(django_filters.FilterSet):
    """The group list shows groups by kind, and only those still meeting; the API offers
    the same choices and, unlike the page, the groups that no longer meet."""

    kind = django_filters.ChoiceFilter(choices=GroupKind.choices, label="Kind of group")
    sub_region = django_filters.ChoiceFilter(choices=SubRegion.choices, label="Sub-region")
    active = django_filters.BooleanFilter(
        field_name="is_active", label="Still meeting (true) or no longer meeting (false)"
    )

    class Meta:
        model = Group
        fields = ["kind", "sub_region", "active"]


class GroupSerializer(PublicRecordSerializer):
    url = detail_url(GROUP_DETAIL)
    convenor = OrganisationSummarySerializer()
    convenor_contact = ContactSummarySerializer(
        source="public_convenor_contact",
        allow_null=True,
        help_text="The person to ask about the group, when they are listed publicly.",
    )
    members = OrganisationSummarySerializer(many=True)
    website = OutboundLinkField()
    topics = TopicsField()

    class Meta:
        model = Group
        fields = [
            "id",
            "slug",
            "url",
            "html_url",
            "name",
            "kind",
            "summary",
            "sub_region",
            "shared_project",
            "is_active",
            "convenor",
            "convenor_contact",
            "members",
            "website",
            "topics",
            "updated_at",
        ]


@extend_schema_view(**documented("groups", GroupSerializer))
class GroupViewSet(PublicReadOnlyViewSet):
    """Sub-regional partnerships, cross-sector groups and shareware clubs."""

    serializer_class = GroupSerializer
    filterset_class = GroupFilter
    changes_with = (("contacts.Organisation", "updated_at"), ("contacts.Contact", "updated_at"))

    def get_queryset(self):
        return (
            Group.objects.select_related("convenor")
            .prefetch_related(
                "topics",
                Prefetch("members", queryset=Organisation.objects.order_by("short_name", "pk")),
                Prefetch(
                    "convenor_contact",
                    queryset=Contact.objects.public(),
                    to_attr="public_convenor_contact",
                ),
            )
            .order_by("name", "pk")
        )


# Contacts


class ContactSerializer(PublicRecordSerializer):
    """A person listed publicly. `job_title`, `email`, `phone` and `profile` are present only
    when the person has made that detail public."""

    url = detail_url(CONTACT_DETAIL)
    organisation = OrganisationSummarySerializer()
    role_areas = SlugNameSerializer(many=True)
    topics = TopicsField()
    # Optional: left out of a record unless that detail's visibility is public.
    job_title = serializers.CharField(required=False)
    email = serializers.EmailField(required=False)
    phone = serializers.CharField(required=False)
    profile = serializers.CharField(required=False)

    class Meta:
        model = Contact
        fields = [
            "id",
            "slug",
            "url",
            "html_url",
            "name",
            "organisation",
            "role_areas",
            "topics",
            *Contact.VISIBILITY_FIELDS,
            "updated_at",
        ]

    def to_representation(self, contact):
        shown = super().to_representation(contact)
        for name in Contact.VISIBILITY_FIELDS:
            if not contact.is_field_visible(name, Visibility.PUBLIC) or not shown.get(name):
                shown.pop(name, None)
        return shown


@extend_schema_view(**documented("contacts", ContactSerializer))
class ContactViewSet(PublicReadOnlyViewSet):
    """The people engaged in London's e-government who are listed publicly."""

    serializer_class = ContactSerializer
    filterset_class = ContactFilter
    changes_with = (("contacts.Organisation", "updated_at"),)

    def get_queryset(self):
        return (
            public_contacts()
            .select_related("organisation")
            .prefetch_related("role_areas", "topics")
        )
