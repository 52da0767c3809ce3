"""Events as a visitor meets them: upcoming by default and past on request, each filter alone
and combined, one event's page with its papers, the conference page, the calendars (parsed
back with icalendar: valid, stable UIDs, London time across clock changes), the feed, the
export, admin scoping, and query counts that do not grow with the data."""

import csv
import datetime
import io
import xml.etree.ElementTree as ET

import icalendar
import pytest
from django.urls import reverse

from events.models import Event, EventKind
from tests.accounts.helpers import sign_in_with_second_factor
from tests.factories import PartnerEditorFactory
from tests.londonconnects.html import assert_sound_page, elements, text_of
from tests.papers.factories import PaperFactory

from .factories import EventFactory, in_days, london

pytestmark = pytest.mark.django_db

LIST = reverse("events:event_list")
CALENDAR = reverse("events:events_calendar")
ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture
def events(org):
    newham, gla = org("newham"), org("gla")
    return {
        "workshop": EventFactory(title="Smart card workshop", organiser=newham,
                                 starts_at=in_days(3), ends_at=in_days(3, 13),
                                 topics=["smart cards"]),
        "online": EventFactory(title="Web accessibility seminar", kind=EventKind.SEMINAR,
                               organiser=gla, starts_at=in_days(10), ends_at=in_days(10, 12),
                               venue="", online_url="https://meet.example.org/a11y",
                               topics=["web accessibility"]),
        "conference": EventFactory(title="London e-Government Conference 2099",
                                   kind=EventKind.ANNUAL_CONFERENCE, organiser=gla,
                                   starts_at=london(2099, 3, 14), ends_at=london(2099, 3, 14, 17)),
        "past": EventFactory(title="Broadband meeting", kind=EventKind.MEETING, organiser=newham,
                             starts_at=in_days(-30), ends_at=in_days(-30, 12),
                             topics=["broadband"]),
        "old_conference": EventFactory(title="London e-Government Conference 2004",
                                       kind=EventKind.ANNUAL_CONFERENCE, organiser=gla,
                                       starts_at=london(2004, 3, 10),
                                       ends_at=london(2004, 3, 10, 17)),
        "draft": EventFactory(title="Draft event", organiser=newham, is_published=False),
    }  # fmt: skip


def listed(client, query=""):
    html = assert_sound_page(client.get(LIST + query))
    return [h2["text"] for h2 in elements(html, "h2", class_="lc-result-list__title")]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("", ["Smart card workshop", "Web accessibility seminar",
              "London e-Government Conference 2099"]),
        ("?when=past", ["Broadband meeting", "London e-Government Conference 2004"]),
        ("?kind=seminar", ["Web accessibility seminar"]),
        ("?kind=annual_conference&when=past", ["London e-Government Conference 2004"]),
        ("?organiser=newham", ["Smart card workshop"]),
        ("?organiser=newham&when=past", ["Broadband meeting"]),
        ("?topic=smart-cards", ["Smart card workshop"]),
        ("?attendance=online", ["Web accessibility seminar"]),
        ("?attendance=in_person&organiser=gla", ["London e-Government Conference 2099"]),
        ("?q=accessibility", ["Web accessibility seminar"]),
        ("?q=broadband&when=past&kind=meeting&organiser=newham&topic=broadband",
         ["Broadband meeting"]),
        ("?kind=workshop&organiser=gla", []),
    ],
)  # fmt: skip
def test_filters_alone_and_combined(client, events, query, expected):
    assert listed(client, query) == expected


def test_an_event_happening_now_is_still_upcoming(client, org):
    EventFactory(title="On now", starts_at=in_days(0) - datetime.timedelta(hours=30),
                 ends_at=in_days(0) + datetime.timedelta(hours=30))  # fmt: skip
    assert listed(client) == ["On now"]


def test_the_event_page(client, events, org):
    event = events["workshop"]
    event.agenda = "1. Welcome\n2. **Cards**"
    event.booking_url = "https://book.example.org/cards"
    event.address = "1 Broadway\nStratford\nE15 4BQ"
    event.save()
    minutes = PaperFactory(title="Workshop minutes", publisher=org("newham"))
    hidden = PaperFactory(title="Hidden notes", publisher=org("newham"), is_published=False)
    event.papers.add(minutes, hidden)
    html = assert_sound_page(client.get(event.get_absolute_url()))
    words = text_of(html)
    assert "10:00 to 13:00 (London time)" in words
    assert "1 Broadway" in words and "<strong>Cards</strong>" in html
    assert elements(html, "a", href="https://book.example.org/cards")
    assert elements(html, "a", href=event.get_calendar_url())
    assert elements(html, "a", href=minutes.get_absolute_url())
    assert "Hidden notes" not in words


def test_a_past_event_has_no_booking_and_a_draft_is_hidden(client, events, org):
    past = events["past"]
    past.booking_url = "https://book.example.org/old"
    past.save()
    html = client.get(past.get_absolute_url()).text
    assert "This event has taken place." in text_of(html)
    assert not elements(html, "a", href="https://book.example.org/old")
    assert client.get(events["draft"].get_absolute_url()).status_code == 404
    sign_in_with_second_factor(client, PartnerEditorFactory(organisations=[org("newham")]))
    assert client.get(events["draft"].get_absolute_url()).status_code == 200


def test_the_conference_page_lists_the_next_and_past_conferences(client, events):
    html = assert_sound_page(client.get(reverse("events:conference")))
    assert elements(html, "a", href=events["conference"].get_absolute_url())
    assert elements(html, "a", href=events["old_conference"].get_absolute_url())
    assert not elements(html, "a", href=events["workshop"].get_absolute_url())
    assert "Wednesday 10 March 2004, 09:00 to 17:00" in text_of(html)


def parse(response):
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert all(len(line) <= 75 for line in response.content.split(b"\r\n"))
    return icalendar.Calendar.from_ical(response.content)


def test_the_calendar_is_valid_and_keeps_london_time_across_clock_changes(client, events, settings):
    settings.SITE_URL = "https://londonconnects.example"
    winter = EventFactory(title="Winter workshop", starts_at=london(2099, 11, 5, 14),
                          ends_at=london(2099, 11, 5, 16))  # fmt: skip
    calendar = parse(client.get(CALENDAR))
    assert calendar["VERSION"] == "2.0" and calendar["PRODID"]
    assert [str(tz["TZID"]) for tz in calendar.walk("VTIMEZONE")] == ["Europe/London"]
    by_uid = {str(event["UID"]): event for event in calendar.walk("VEVENT")}
    assert set(by_uid) == {
        f"event-{events[key].pk}@londonconnects.example"
        for key in ("workshop", "online", "conference", "past")
    } | {f"event-{winter.pk}@londonconnects.example"}, "recent past kept, old and drafts not"
    conference = by_uid[f"event-{events['conference'].pk}@londonconnects.example"]
    assert conference.decoded("DTSTART") == london(2099, 3, 14)
    assert conference.decoded("DTEND") == london(2099, 3, 14, 17)
    assert "DTSTAMP" in conference and "SUMMARY" in conference
    # 14:00 in November is 14:00 GMT; 09:00 on 14 March is before the clocks go forward.
    assert by_uid[f"event-{winter.pk}@londonconnects.example"].decoded("DTSTART").hour == 14
    assert b"DTSTART;TZID=Europe/London:20991105T140000" in client.get(CALENDAR).content
    online = by_uid[f"event-{events['online'].pk}@londonconnects.example"]
    assert str(online["LOCATION"]) == "Online"
    # Filters apply; UIDs do not change when the event does.
    events["online"].starts_at += datetime.timedelta(hours=1)
    events["online"].save()
    filtered = parse(client.get(CALENDAR + "?attendance=online"))
    assert [str(e["UID"]) for e in filtered.walk("VEVENT")] == [str(online["UID"])]


def test_one_event_downloads_as_an_ics_file(client, events):
    event = events["conference"]
    response = client.get(event.get_calendar_url())
    assert response["Content-Disposition"] == f'attachment; filename="{event.slug}.ics"'
    calendar = parse(response)
    (only,) = calendar.walk("VEVENT")
    assert str(only["SUMMARY"]) == "London e-Government Conference 2099"
    assert str(only["URL"]) == f"http://testserver{event.get_absolute_url()}"


def test_feed_and_export(client, events):
    feed = ET.fromstring(client.get(reverse("events:event_feed") + "?kind=seminar").content)  # noqa: S314
    assert feed.tag == f"{ATOM}feed"
    assert [e.find(f"{ATOM}title").text for e in feed.findall(f"{ATOM}entry")] == [
        "Web accessibility seminar"
    ]
    response = client.get(reverse("events:event_export") + "?when=past")
    body = b"".join(response.streaming_content).decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(body, newline="")))
    assert [row["Title"] for row in rows] == [
        "Broadband meeting",
        "London e-Government Conference 2004",
    ]
    assert rows[1]["Starts"] == "2004-03-10T09:00:00+00:00"


def test_organisation_pages_list_their_events(client, events):
    html = assert_sound_page(client.get(reverse("contacts:organisation_detail", args=["newham"])))
    assert elements(html, "h2", id="events")
    assert elements(html, "a", href=events["workshop"].get_absolute_url())
    assert elements(html, "a", href=events["past"].get_absolute_url())
    assert not elements(html, "a", href=events["draft"].get_absolute_url())


def test_a_camden_editor_cannot_touch_newhams_events(client, admin_login, events, org):
    admin_login(client, PartnerEditorFactory(organisations=[org("camden")]))
    mine = EventFactory(title="Camden meeting", organiser=org("camden"))
    listing = client.get(reverse("admin:events_event_changelist")).text
    assert "Camden meeting" in listing and "Smart card workshop" not in listing
    theirs = events["workshop"]
    for action in ("change", "delete", "history"):
        url = reverse(f"admin:events_event_{action}", args=[theirs.pk])
        assert client.get(url).status_code in (302, 403, 404), action
    client.post(reverse("admin:events_event_delete", args=[theirs.pk]), {"post": "yes"})
    assert Event.objects.filter(pk=theirs.pk).exists()
    assert client.get(reverse("admin:events_event_change", args=[mine.pk])).status_code == 200


def test_an_event_must_end_after_it_starts_and_say_where(client, admin_login, org):
    admin_login(client, PartnerEditorFactory(organisations=[org("camden")]))
    response = client.post(reverse("admin:events_event_add"), {
        "title": "Backwards", "slug": "backwards", "kind": "meeting", "summary": "S",
        "starts_at_0": "05/06/2099", "starts_at_1": "14:00",
        "ends_at_0": "05/06/2099", "ends_at_1": "13:00",
        "venue": "", "address": "", "online_url": "", "organiser": org("camden").pk,
        "last_reviewed_on": "2026-01-01",
    })  # fmt: skip
    assert "The event must end after it starts." in response.text
    assert "Say where the event is" in response.text
    assert not Event.objects.exists()


def test_query_counts_do_not_grow_with_the_data(client, org, count_queries):
    def grow(count):
        for number in range(count):
            days = number % 2 * 40 - 20 + number % 20  # upcoming and past from the start
            event = EventFactory(
                organiser=org("newham"),
                topics=["smart cards", "broadband"],
                starts_at=in_days(days),
                ends_at=in_days(days, 15),
            )
            event.papers.add(PaperFactory(publisher=org("newham")))

    grow(3)
    detail = EventFactory(organiser=org("newham"), kind=EventKind.ANNUAL_CONFERENCE,
                          starts_at=in_days(-5), ends_at=in_days(-5, 16))  # fmt: skip
    urls = [
        LIST, LIST + "?when=past&kind=workshop&organiser=newham&topic=smart-cards",
        LIST + "?q=event&attendance=in_person", CALENDAR, reverse("events:event_feed"),
        reverse("events:event_export"), reverse("events:conference"),
        reverse("contacts:organisation_detail", args=["newham"]), detail.get_absolute_url(),
        detail.get_calendar_url(),
    ]  # fmt: skip
    detail.papers.add(PaperFactory(publisher=org("newham")))
    small = {url: count_queries(client, url) for url in urls}
    grow(27)
    detail.papers.add(*(PaperFactory(publisher=org("newham")) for _ in range(10)))
    assert {url: count_queries(client, url) for url in urls} == small
