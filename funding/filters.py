"""The funding list's GET filters. They combine and live in the URL, so a filtered list can
be shared, bookmarked, followed as a feed, subscribed to as a calendar or exported.

"Open now" and "closing within 30 days" are worked out here from the rounds' dates, in the
database, not by the search engine (Whoosh has no query facets)."""

import django_filters
from django import forms
from django.db.models.functions import Lower
from django.utils import timezone

from core.ownership_filters import OwnedContentFilterSet

from .models import ApplicantKind, FundingKind, FundingScope, FundingSource

CLOSING_SOON_DAYS = 30


class Deadline:
    CURRENT = "current"
    OPEN = "open"
    CLOSING_SOON = "closing"
    CLOSING_THIS_MONTH = "month"
    ANY = "all"

    CHOICES = (
        (CURRENT, "Open now or opening later"),
        (OPEN, "Open now"),
        (CLOSING_SOON, f"Open and closing within {CLOSING_SOON_DAYS} days"),
        (CLOSING_THIS_MONTH, "Open and closing this month"),
        (ANY, "Any, including closed funding"),
    )


SORTS = {
    "deadline": ("Nearest closing date first", None),
    "name": ("Name (A to Z)", (Lower("name"), "pk")),
    "updated": ("Recently updated", ("-updated_at", "-pk")),
}
DEFAULT_SORT = "deadline"


class FundingFilter(OwnedContentFilterSet):
    q = django_filters.CharFilter(
        label="Search funding",
        method="filter_text",
        max_length=200,
        help_text="Words in the name, summary, eligibility or funder",
    )
    deadline = django_filters.ChoiceFilter(
        label="Deadline",
        choices=Deadline.CHOICES,
        method="keep",
        empty_label=None,
        widget=forms.RadioSelect,
    )
    applicant = django_filters.ChoiceFilter(
        label="Who may apply",
        method="filter_applicant",
        empty_label="Anyone",
    )
    scope = django_filters.MultipleChoiceFilter(
        label="Scope", choices=FundingScope.choices, widget=forms.CheckboxSelectMultiple
    )
    kind = django_filters.MultipleChoiceFilter(
        label="Kind of funding", choices=FundingKind.choices, widget=forms.CheckboxSelectMultiple
    )
    topic = django_filters.ChoiceFilter(
        label="Topic", field_name="topics__slug", empty_label="All topics"
    )
    amount = django_filters.NumberFilter(
        label="Awards of at least (£)",
        method="filter_amount",
        min_value=0,
        max_digits=14,
        decimal_places=2,
        help_text="The largest award (or the whole fund, when no largest award is given)",
    )
    sort = django_filters.ChoiceFilter(
        label="Sort by",
        choices=[(key, label) for key, (label, _) in SORTS.items()],
        method="keep",
        empty_label=None,
    )

    class Meta:
        model = FundingSource
        fields = ["q", "deadline", "applicant", "scope", "kind", "topic", "amount"]

    def __init__(self, data=None, *args, now=None, **kwargs):
        super().__init__(data, *args, **kwargs)
        self.now = now or timezone.now()
        self.filters["applicant"].extra["choices"] = list(
            ApplicantKind.objects.values_list("slug", "name")
        )
        self.form.fields["amount"].widget.attrs.update({"inputmode": "numeric", "step": "any"})
        self.form.fields["amount"].localize = False

    def filter_applicant(self, queryset, name, value: str):
        return queryset.open_to(value)

    def filter_amount(self, queryset, name, value):
        return queryset.offering_at_least(value)

    @property
    def deadline_key(self):
        chosen = self.form.cleaned_data.get("deadline") if self.is_bound else None
        return chosen or Deadline.CURRENT

    @property
    def sort_key(self):
        chosen = self.form.cleaned_data.get("sort") if self.is_bound else None
        return chosen if chosen in SORTS else DEFAULT_SORT

    def filter_queryset(self, queryset):
        queryset = super().filter_queryset(queryset)
        deadline, now = self.deadline_key, self.now
        if deadline == Deadline.CURRENT:
            queryset = queryset.current(now)
        elif deadline == Deadline.OPEN:
            queryset = queryset.open_now(now)
        elif deadline == Deadline.CLOSING_SOON:
            queryset = queryset.closing_within(CLOSING_SOON_DAYS, now)
        elif deadline == Deadline.CLOSING_THIS_MONTH:
            queryset = queryset.closing_this_month(now)
        # Filters across many-to-many relations can repeat a source.
        queryset = queryset.distinct()
        ordering = SORTS[self.sort_key][1]
        return queryset.by_next_deadline(now) if ordering is None else queryset.order_by(*ordering)
