"""Events' public pages: the list (upcoming by default, past on request), its feed, calendar
and CSV export, one event's page and its .ics download, and the London e-Government
Conference's own page listing every year's conference."""

import datetime

from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.functional import cached_property

from core.calendars import CalendarEntry, calendar_response, time_span, uid
from core.feeds import FilteredAtomFeed, markdown_summary
from core.listing import FilteredCSVExportView, FilterSetMixin, OpenDataListView

from .filters import EventFilter, When
from .models import Event, EventKind

PANEL_LIMIT = 5
# The calendar keeps recent events too, so a subscriber still sees this week's meetings.
CALENDAR_PAST_DAYS = 90


class FilteredEvents(FilterSetMixin):
    """The public events through the list's filters (upcoming or past as of `now`): the list
    and its export show the same."""

    filterset_class = EventFilter

    @cached_property
    def now(self):
        return timezone.now()

    def get_queryset(self):
        return Event.objects.public()

    def get_filterset_kwargs(self):
        return {"now": self.now}

    def get_filtered_queryset(self):
        return super().get_filtered_queryset().for_listing()


class EventList(FilteredEvents, OpenDataListView):
    template_name = "events/event_list.html"
    context_object_name = "events"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        # Only once the list is filtered has the FilterSet's form read `when`.
        context["past"] = self.filterset.when_key == When.PAST
        return context


event_list = EventList.as_view()


def event_detail(request, slug):
    event = get_object_or_404(
        Event.objects.visible_to(request.user)
        .select_related("organiser")
        .prefetch_related("topics")
        # Papers are listed only when public, whoever is looking: the page is public.
        .with_papers(),
        slug=slug,
    )
    return render(request, "events/event_detail.html", {"event": event})


def conference(request):
    """The annual London e-Government Conference: the next one and every past one."""
    now = timezone.now()
    conferences = Event.objects.public().filter(kind=EventKind.ANNUAL_CONFERENCE).for_listing()
    return render(
        request,
        "events/conference.html",
        {
            "upcoming": list(conferences.upcoming(now)),
            "past": list(conferences.past(now).with_papers()),
        },
    )


def _entry(request, event):
    url = request.build_absolute_uri(event.get_absolute_url())
    lines = [event.summary, "", f"Organised by {event.organiser.name}."]
    if event.booking_url:
        lines.append(f"Book a place: {event.booking_url}")
    if event.online_url:
        lines.append(f"Join online: {event.online_url}")
    lines.append(f"Details: {url}")
    return CalendarEntry(
        uid=uid("event", event.pk),
        summary=event.title,
        start=event.starts_at,
        end=event.ends_at,
        stamp=event.updated_at,
        description="\n".join(lines),
        location=event.place,
        url=url,
        categories=(event.get_kind_display(),),
    )


def events_calendar(request):
    """Upcoming (and the last few months') events of the filtered list, as iCalendar."""
    now = timezone.now()
    since = now - datetime.timedelta(days=CALENDAR_PAST_DAYS)
    filterset = EventFilter(request.GET, queryset=Event.objects.public(), now=now, since=since)
    events = filterset.qs.select_related("organiser")
    return calendar_response(
        "londonconnects-events.ics",
        "LondonConnects events",
        [_entry(request, event) for event in events],
        description="Conferences, workshops, seminars and meetings listed on LondonConnects",
    )


def event_calendar(request, slug):
    """One event as an .ics file to add to a calendar."""
    event = get_object_or_404(
        Event.objects.visible_to(request.user).select_related("organiser"), slug=slug
    )
    return calendar_response(
        f"{event.slug}.ics", event.title, [_entry(request, event)], attachment=True
    )


class EventExport(FilteredEvents, FilteredCSVExportView):
    filename_stem = "events"
    header = (
        "Title",
        "Kind",
        "Starts",
        "Ends",
        "Venue",
        "Address",
        "Online link",
        "Organiser",
        "Booking",
        "Capacity",
        "Topics",
        "Page on LondonConnects",
    )

    def export_row(self, event):
        return (
            event.title,
            event.get_kind_display(),
            timezone.localtime(event.starts_at),
            timezone.localtime(event.ends_at),
            event.venue,
            ", ".join(line.strip() for line in event.address.splitlines() if line.strip()),
            event.online_url,
            event.organiser.name,
            event.booking_url,
            event.capacity,
            sorted(topic.name for topic in event.topics.all()),
            self.request.build_absolute_uri(event.get_absolute_url()),
        )


event_export = EventExport.as_view()


class EventFeed(FilteredAtomFeed):
    filterset_class = EventFilter
    list_url_name = "events:event_list"
    feed_title = "LondonConnects events"
    feed_subtitle = "New and updated events of London's e-government partnership"

    def get_queryset(self):
        return Event.objects.public().for_listing()

    def item_title(self, event):
        return event.title

    def item_description(self, event):
        lead = f"{time_span(event.starts_at, event.ends_at)}. {event.place}."
        return markdown_summary(event.summary, lead=lead)

    def item_author_name(self, event):
        return event.organiser.name

    def item_categories(self, event):
        return [event.get_kind_display()] + sorted(topic.name for topic in event.topics.all())


def organisation_panel_context(organisation, request):
    """The events an organisation runs: coming up, then the most recent (OrganisationPanel)."""
    now = timezone.now()
    events = Event.objects.public().filter(organiser=organisation)
    upcoming, past = events.upcoming(now), events.past(now)
    upcoming_count, past_count = upcoming.count(), past.count()
    if not (upcoming_count or past_count):
        return None
    return {
        "upcoming": list(upcoming[:PANEL_LIMIT]),
        "upcoming_count": upcoming_count,
        "past": list(past[:PANEL_LIMIT]),
        "past_count": past_count,
    }
