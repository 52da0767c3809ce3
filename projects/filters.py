"""The project list's GET filters. They combine (each narrows the list further) and live in
the URL, so a filtered list can be shared, bookmarked, followed as a feed or exported."""

import django_filters
from django import forms
from django.db.models import F, Max, Min, Q
from django.utils import timezone

from contacts.models import Organisation, SubRegion
from core.ownership_filters import OwnedContentFilterSet

from .models import Programme, Project, ProjectStatus

SORTS = {
    "updated": ("Recently updated", ("-updated_at", "-pk")),
    "title": ("Title (A to Z)", ("title", "pk")),
    # Projects without a start date last, whatever the database's habit with NULLs.
    "start": ("Start date (newest first)", (F("start_date").desc(nulls_last=True), "title")),
}
DEFAULT_SORT = "updated"


class ProjectFilter(OwnedContentFilterSet):
    q = django_filters.CharFilter(
        label="Search projects",
        method="filter_text",
        max_length=200,
        help_text="Words in the title, summary or description",
    )
    status = django_filters.MultipleChoiceFilter(
        label="Status", choices=ProjectStatus.choices, widget=forms.CheckboxSelectMultiple
    )
    programme = django_filters.ChoiceFilter(
        label="Programme or funding stream",
        field_name="programme__slug",
        empty_label="All programmes",
    )
    organisation = django_filters.ChoiceFilter(
        label="Organisation",
        method="filter_organisation",
        empty_label="All organisations",
        help_text="Leading the project or a partner in it",
    )
    area = django_filters.ChoiceFilter(label="Area", method="filter_area", empty_label="All areas")
    sub_region = django_filters.ChoiceFilter(
        label="Sub-region",
        choices=SubRegion.choices,
        method="filter_sub_region",
        empty_label="All of London",
    )
    topic = django_filters.ChoiceFilter(
        label="Topic", field_name="topics__slug", empty_label="All topics"
    )
    year = django_filters.ChoiceFilter(
        label="Active in year", method="filter_year", empty_label="Any year"
    )
    sort = django_filters.ChoiceFilter(
        label="Sort by",
        choices=[(key, label) for key, (label, _) in SORTS.items()],
        method="keep",
        empty_label=None,
    )

    class Meta:
        model = Project
        fields = ["q", "status", "programme", "organisation", "area", "sub_region", "topic"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        listed = self.queryset.values("pk")
        self.filters["programme"].extra["choices"] = list(
            Programme.objects.values_list("slug", "name")
        )
        partnered = Project.partners.through.objects.filter(project__in=listed)
        self.filters["organisation"].extra["choices"] = list(
            Organisation.objects.filter(
                Q(pk__in=self.queryset.values("lead_organisation"))
                | Q(pk__in=partnered.values("organisation_id"))
            )
            .order_by("short_name")
            .values_list("slug", "short_name")
        )
        self.filters["area"].extra["choices"] = list(
            Organisation.objects.local_authorities()
            .order_by("short_name")
            .values_list("slug", "short_name")
        )
        self.filters["year"].extra["choices"] = self._year_choices()
        self.form.fields[
            "sub_region"
        ].help_text = (
            "London-wide projects, which cover all 33 local authorities, are always included"
        )
        self.form.fields["area"].help_text = "London-wide projects are included"

    def _year_choices(self):
        span = self.queryset.aggregate(first=Min("start_date"), last=Max("end_date"))
        this_year = timezone.localdate().year
        if span["first"] is None:
            return [(str(this_year), str(this_year))]
        last = max(this_year, span["last"].year if span["last"] else this_year)
        return [(str(year), str(year)) for year in range(last, span["first"].year - 1, -1)]

    # Filter methods

    def filter_organisation(self, queryset, name, value: str):
        return queryset.involving(Organisation.objects.filter(slug=value).values("pk"))

    def filter_area(self, queryset, name, value: str):
        return queryset.covering_area(Organisation.objects.filter(slug=value).values("pk"))

    def filter_sub_region(self, queryset, name, value):
        return queryset.in_sub_region(value)

    def filter_year(self, queryset, name, value: str):
        return queryset.active_in_year(int(value))

    def filter_queryset(self, queryset):
        queryset = super().filter_queryset(queryset)
        return queryset.order_by(*SORTS[self.sort_key][1])

    @property
    def sort_key(self):
        chosen = self.form.cleaned_data.get("sort") if self.is_bound else None
        return chosen if chosen in SORTS else DEFAULT_SORT
