"""The GET filters of the directory's list pages (django-filter; GOV.UK markup comes from
the site's form renderer)."""

import django_filters
from django import forms
from taggit.models import Tag

from core.filtersets import SiteFilterSet

from .models import Contact, Organisation, OrganisationKind, RoleArea, SubRegion


def _with_count(label, count):
    return f"{label} ({count})"


class OrganisationFilter(SiteFilterSet):
    kind = django_filters.ChoiceFilter(
        label="Kind of organisation", choices=OrganisationKind.choices, empty_label="All kinds"
    )
    sub_region = django_filters.MultipleChoiceFilter(
        label="Sub-region",
        choices=SubRegion.choices,
        widget=forms.CheckboxSelectMultiple,
        help_text="London's local authorities, by the London Plan (2004) sub-regions.",
    )

    class Meta:
        model = Organisation
        fields = ["kind", "sub_region"]

    def __init__(self, *args, kind_counts=None, sub_region_counts=None, **kwargs):
        super().__init__(*args, **kwargs)
        if kind_counts is not None:
            self.filters["kind"].extra["choices"] = [
                (value, _with_count(label, kind_counts.get(value, 0)))
                for value, label in OrganisationKind.choices
                if kind_counts.get(value)
            ]
        if sub_region_counts is not None:
            self.filters["sub_region"].extra["choices"] = [
                (value, _with_count(label, sub_region_counts.get(value, 0)))
                for value, label in SubRegion.choices
            ]


class ContactFilter(SiteFilterSet):
    organisation = django_filters.ChoiceFilter(
        label="Organisation", field_name="organisation__slug", empty_label="All organisations"
    )
    role_area = django_filters.ChoiceFilter(
        label="Role", field_name="role_areas__slug", empty_label="All roles"
    )
    topic = django_filters.ChoiceFilter(
        label="Topic", field_name="topics__slug", empty_label="All topics"
    )
    sub_region = django_filters.ChoiceFilter(
        label="Sub-region",
        field_name="organisation__sub_region",
        choices=SubRegion.choices,
        empty_label="All of London",
    )

    class Meta:
        model = Contact
        fields = ["organisation", "role_area", "topic", "sub_region"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Choices come from the rows the viewer may see, so that no filter option reveals
        # a topic or organisation known only from hidden entries.
        visible = self.queryset.values("pk")
        self.filters["organisation"].extra["choices"] = list(
            Organisation.objects.filter(contacts__in=visible)
            .distinct()
            .order_by("short_name")
            .values_list("slug", "short_name")
        )
        self.filters["role_area"].extra["choices"] = list(
            RoleArea.objects.order_by("name").values_list("slug", "name")
        )
        self.filters["topic"].extra["choices"] = list(
            Tag.objects.filter(
                taggit_taggeditem_items__content_type__app_label="contacts",
                taggit_taggeditem_items__content_type__model="contact",
                taggit_taggeditem_items__object_id__in=visible,
            )
            .distinct()
            .order_by("name")
            .values_list("slug", "name")
        )
