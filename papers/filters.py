"""The papers list's GET filters; they combine and live in the URL (feeds and exports follow)."""

import django_filters
from django import forms
from django.db.models import Q
from django.db.models.functions import ExtractYear, Lower

from contacts.models import Group, Organisation
from core.ownership_filters import OwnedContentFilterSet

from .models import Paper, PaperKind

SORTS = {
    "newest": ("Newest first", ("-published_on", "title", "pk")),
    "oldest": ("Oldest first", ("published_on", "title", "pk")),
    "title": ("Title (A to Z)", (Lower("title"), "pk")),
}
DEFAULT_SORT = "newest"


class PaperFilter(OwnedContentFilterSet):
    q = django_filters.CharFilter(
        label="Search papers",
        method="filter_text",
        max_length=200,
        help_text="Words in the title, summary or the paper itself",
    )
    kind = django_filters.MultipleChoiceFilter(
        label="Kind of paper", choices=PaperKind.choices, widget=forms.CheckboxSelectMultiple
    )
    organisation = django_filters.ChoiceFilter(
        label="Organisation",
        method="filter_organisation",
        empty_label="All organisations",
        help_text="Publishing the paper, or convening the group that wrote it",
    )
    group = django_filters.ChoiceFilter(
        label="Group", field_name="group__slug", empty_label="All groups"
    )
    year = django_filters.ChoiceFilter(
        label="Year published", method="filter_year", empty_label="Any year"
    )
    topic = django_filters.ChoiceFilter(
        label="Topic", field_name="topics__slug", empty_label="All topics"
    )
    sort = django_filters.ChoiceFilter(
        label="Sort by",
        choices=[(key, label) for key, (label, _) in SORTS.items()],
        method="keep",
        empty_label=None,
    )

    class Meta:
        model = Paper
        fields = ["q", "kind", "organisation", "group", "year", "topic"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["organisation"].extra["choices"] = list(
            Organisation.objects.filter(
                Q(pk__in=self.queryset.values("publisher"))
                | Q(pk__in=self.queryset.values("group__convenor"))
            )
            .order_by("short_name")
            .values_list("slug", "short_name")
        )
        self.filters["group"].extra["choices"] = list(
            Group.objects.filter(pk__in=self.queryset.values("group"))
            .order_by("name")
            .values_list("slug", "name")
        )
        years = (
            self.queryset.annotate(year=ExtractYear("published_on"))
            .order_by("-year")
            .values_list("year", flat=True)
            .distinct()
        )
        self.filters["year"].extra["choices"] = [(str(year), str(year)) for year in years]

    def filter_organisation(self, queryset, name, value: str):
        return queryset.by_organisation(Organisation.objects.filter(slug=value).values("pk"))

    def filter_year(self, queryset, name, value: str):
        return queryset.published_in(int(value))

    def filter_queryset(self, queryset):
        queryset = super().filter_queryset(queryset).distinct()
        return queryset.order_by(*SORTS[self.sort_key][1])

    @property
    def sort_key(self):
        chosen = self.form.cleaned_data.get("sort") if self.is_bound else None
        return chosen if chosen in SORTS else DEFAULT_SORT
