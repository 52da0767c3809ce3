"""iCalendar (RFC 5545) files: funding deadlines, events, one event's download.

A leaf module (it imports no app), so every content app may use it, like exports.py.
Times are written in Europe/London with one compact VTIMEZONE (its yearly rules, as
calendar programs publish it), so a 12:00 deadline stays 12:00 whichever side of a clock
change it falls. UIDs are built from the record's kind and key and the site's host name,
never from the request, so a calendar that subscribes sees the same event each time.
The icalendar package folds long lines and escapes text.
"""

import datetime
import zoneinfo
from collections.abc import Iterable
from dataclasses import dataclass
from urllib.parse import urlsplit

from django.conf import settings
from django.http import HttpResponse
from icalendar import Calendar, Event, Timezone, TimezoneDaylight, TimezoneStandard

LONDON = zoneinfo.ZoneInfo("Europe/London")
PRODUCT_ID = "-//LondonConnects//LondonConnects portal//EN"


@dataclass(frozen=True)
class CalendarEntry:
    """One VEVENT. `end` None: the event is an instant (a deadline), as RFC 5545 allows."""

    uid: str
    summary: str
    start: datetime.datetime
    stamp: datetime.datetime
    end: datetime.datetime | None = None
    description: str = ""
    location: str = ""
    url: str = ""
    categories: tuple[str, ...] = ()


def long_date(day: datetime.date) -> str:
    """Friday 5 June 2026 (GOV.UK style: no leading zero, no comma)."""
    return f"{day:%A} {day.day} {day:%B %Y}"


def time_span(start: datetime.datetime, end: datetime.datetime) -> str:
    """In London time: "Tuesday 14 March 2006, 09:30 to 17:00", or across days
    "Tuesday 14 March 2006, 09:30 to Wednesday 15 March 2006, 13:00"."""
    start, end = start.astimezone(LONDON), end.astimezone(LONDON)
    if start.date() == end.date():
        return f"{long_date(start.date())}, {start:%H:%M} to {end:%H:%M}"
    return f"{long_date(start.date())}, {start:%H:%M} to {long_date(end.date())}, {end:%H:%M}"


def uid(kind: str, pk) -> str:
    """A stable, globally unique id: "funding-round-12@londonconnects.example"."""
    host = urlsplit(settings.SITE_URL).hostname or "londonconnects.invalid"
    return f"{kind}-{pk}@{host}"


def _london_timezone() -> Timezone:
    timezone = Timezone()
    timezone.add("tzid", "Europe/London")
    summer = TimezoneDaylight()
    summer.add("tzname", "BST")
    summer.add("dtstart", datetime.datetime(1981, 3, 29, 1, 0))
    summer.add("tzoffsetfrom", datetime.timedelta(hours=0))
    summer.add("tzoffsetto", datetime.timedelta(hours=1))
    summer.add("rrule", {"freq": "yearly", "bymonth": 3, "byday": "-1su"})
    winter = TimezoneStandard()
    winter.add("tzname", "GMT")
    winter.add("dtstart", datetime.datetime(1996, 10, 27, 2, 0))
    winter.add("tzoffsetfrom", datetime.timedelta(hours=1))
    winter.add("tzoffsetto", datetime.timedelta(hours=0))
    winter.add("rrule", {"freq": "yearly", "bymonth": 10, "byday": "-1su"})
    timezone.add_component(summer)
    timezone.add_component(winter)
    return timezone


def _utc(moment: datetime.datetime) -> datetime.datetime:
    return moment.astimezone(datetime.UTC)


def calendar_bytes(name: str, entries: Iterable[CalendarEntry], description: str = "") -> bytes:
    calendar = Calendar()
    calendar.add("prodid", PRODUCT_ID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("name", name)
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", "Europe/London")
    if description:
        calendar.add("description", description)
        calendar.add("x-wr-caldesc", description)
    calendar.add_component(_london_timezone())
    for entry in entries:
        event = Event()
        event.add("uid", entry.uid)
        event.add("dtstamp", _utc(entry.stamp))
        event.add("last-modified", _utc(entry.stamp))
        event.add("dtstart", entry.start.astimezone(LONDON))
        if entry.end is not None:
            event.add("dtend", entry.end.astimezone(LONDON))
        event.add("summary", entry.summary)
        if entry.description:
            event.add("description", entry.description)
        if entry.location:
            event.add("location", entry.location)
        if entry.url:
            event.add("url", entry.url)
        if entry.categories:
            event.add("categories", list(entry.categories))
        calendar.add_component(event)
    return calendar.to_ical()


def calendar_response(filename, name, entries, *, description="", attachment=False):
    """A text/calendar response; `attachment` for a one-off download rather than a feed."""
    response = HttpResponse(
        calendar_bytes(name, entries, description), content_type="text/calendar; charset=utf-8"
    )
    disposition = "attachment" if attachment else "inline"
    response["Content-Disposition"] = f'{disposition}; filename="{filename}"'
    response["X-Content-Type-Options"] = "nosniff"
    return response
