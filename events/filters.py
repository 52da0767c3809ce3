"""The events list's GET filters: upcoming by default, past on request; they combine and live
in the URL, so the feed, the calendar and the export follow them."""

import django_filters
from django import forms
from django.utils import timezone

from contacts.models import Organisation
from core.ownership_filters import OwnedContentFilterSet

from .models import Event, EventKind


class When:
    UPCOMING = "upcoming"
    PAST = "past"
    CHOICES = ((UPCOMING, "Coming up"), (PAST, "Past events"))


class EventFilter(OwnedContentFilterSet):
    when = django_filters.ChoiceFilter(
        label="When",
        choices=When.CHOICES,
        method="keep",
        empty_label=None,
        widget=forms.RadioSelect,
    )
    q = django_filters.CharFilter(
        label="Search events",
        method="filter_text",
        max_length=200,
        help_text="Words in the title, summary, agenda or venue",
    )
    kind = django_filters.MultipleChoiceFilter(
        label="Kind of event", choices=EventKind.choices, widget=forms.CheckboxSelectMultiple
    )
    organiser = django_filters.ChoiceFilter(
        label="Organiser", field_name="organiser__slug", empty_label="All organisers"
    )
    topic = django_filters.ChoiceFilter(
        label="Topic", field_name="topics__slug", empty_label="All topics"
    )
    attendance = django_filters.ChoiceFilter(
        label="Taking part",
        choices=(("online", "Online or hybrid"), ("in_person", "In person only")),
        method="filter_attendance",
        empty_label="Any way",
    )

    class Meta:
        model = Event
        fields = ["when", "q", "kind", "organiser", "topic", "attendance"]

    def __init__(self, data=None, *args, now=None, since=None, **kwargs):
        """`since`: list every event ending after it instead of upcoming or past (calendars)."""
        super().__init__(data, *args, **kwargs)
        self.now = now or timezone.now()
        self.since = since
        self.filters["organiser"].extra["choices"] = list(
            Organisation.objects.filter(pk__in=self.queryset.values("organiser"))
            .order_by("short_name")
            .values_list("slug", "short_name")
        )

    def filter_attendance(self, queryset, name, value):
        if value == "online":
            return queryset.exclude(online_url="")
        return queryset.filter(online_url="")

    @property
    def when_key(self):
        chosen = self.form.cleaned_data.get("when") if self.is_bound else None
        return chosen or When.UPCOMING

    def filter_queryset(self, queryset):
        queryset = super().filter_queryset(queryset).distinct()
        if self.since is not None:
            return queryset.filter(ends_at__gte=self.since).order_by("starts_at", "pk")
        if self.when_key == When.PAST:
            return queryset.past(self.now)
        return queryset.upcoming(self.now)
