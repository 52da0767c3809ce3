"""/funding/deadlines.ics, /funding/feed/ and /funding/export.csv, read back as calendar
programs, feed readers and spreadsheets read them."""

import csv
import datetime
import io
import re
import xml.etree.ElementTree as ET
import zoneinfo

import icalendar
import pytest
from django.urls import reverse

from .factories import FundingRoundFactory, FundingSourceFactory, london

pytestmark = pytest.mark.django_db

CALENDAR = reverse("funding:deadlines_calendar")
FEED = reverse("funding:source_feed")
EXPORT = reverse("funding:source_export")
ATOM = "{http://www.w3.org/2005/Atom}"
LONDON = zoneinfo.ZoneInfo("Europe/London")


@pytest.fixture
def rounds(org, settings):
    settings.SITE_URL = "https://www.londonconnects.example"
    newham = org("newham")
    wide = FundingSourceFactory(
        name="Smart cards; joined-up, everywhere: a very long fund name that needs folding",
        owner=newham, applicants=["local-authorities"], topics=["smart cards"],
        application_url="https://apply.example.org/smart",
    )  # fmt: skip
    other = FundingSourceFactory(name="NHS records fund", owner=newham, applicants=["nhs"])
    return {
        # After the October clock change (GMT) and before the March one (BST).
        "winter": FundingRoundFactory(source=wide, name="Round 1", closes_at=london(2099, 11, 5)),
        "summer": FundingRoundFactory(source=wide, name="Round 2", closes_at=london(2099, 6, 5)),
        "nhs": FundingRoundFactory(source=other, closes_at=london(2099, 7, 1, 17, 0)),
        "closed": FundingRoundFactory(source=other, closes_at=london(2001, 7, 1)),
        "rolling": FundingRoundFactory(source=other, closes_at=None, is_rolling=True),
        "draft": FundingRoundFactory(
            source=FundingSourceFactory(owner=newham, is_published=False),
            closes_at=london(2099, 1, 1),
        ),
    }


def parse_calendar(response):
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    body = response.content
    lines = body.split(b"\r\n")
    assert lines[-1] == b"", "every line ends in CRLF"
    assert all(len(line) <= 75 for line in lines), "lines are folded at 75 octets"
    return body, icalendar.Calendar.from_ical(body)


def test_the_calendar_is_valid_rfc_5545_one_event_per_deadline(client, rounds):
    body, calendar = parse_calendar(client.get(CALENDAR))

    assert calendar["VERSION"] == "2.0"
    assert "LondonConnects" in str(calendar["PRODID"])
    timezones = calendar.walk("VTIMEZONE")
    assert [str(tz["TZID"]) for tz in timezones] == ["Europe/London"]
    events = calendar.walk("VEVENT")
    assert len(events) == 3, "open deadlines only: not closed, rolling or draft rounds"
    for event in events:
        for required in ("UID", "DTSTAMP", "DTSTART", "SUMMARY"):
            assert required in event
    starts = {str(event["UID"]): event.decoded("DTSTART") for event in events}
    assert starts == {
        f"funding-round-{rounds['summer'].pk}@www.londonconnects.example": london(2099, 6, 5),
        f"funding-round-{rounds['nhs'].pk}@www.londonconnects.example": london(2099, 7, 1, 17),
        f"funding-round-{rounds['winter'].pk}@www.londonconnects.example": london(2099, 11, 5),
    }
    # Wall-clock times with the zone, on both sides of a clock change.
    assert b"DTSTART;TZID=Europe/London:20990605T120000" in body
    assert b"DTSTART;TZID=Europe/London:20991105T120000" in body
    winter = next(
        e for e in events if str(e["UID"]).startswith(f"funding-round-{rounds['winter'].pk}@")
    )
    assert winter.decoded("DTSTART").astimezone(datetime.UTC).hour == 12
    summer = next(
        e for e in events if str(e["UID"]).startswith(f"funding-round-{rounds['summer'].pk}@")
    )
    assert summer.decoded("DTSTART").astimezone(datetime.UTC).hour == 11
    # Text is escaped and folded, and comes back whole.
    assert rb"Smart cards\; joined-up\, everywhere" in body
    assert str(winter["SUMMARY"]) == (
        "Funding deadline: Smart cards; joined-up, everywhere: a very long fund name that "
        "needs folding (Round 1)"
    )
    assert "How to apply: https://apply.example.org/smart" in str(winter["DESCRIPTION"])
    assert str(winter["URL"]).endswith(rounds["winter"].source.get_absolute_url())


def test_uids_are_stable_and_the_calendar_follows_the_filters(client, rounds):
    def uids(query=""):
        return sorted(
            str(e["UID"]) for e in parse_calendar(client.get(CALENDAR + query))[1].walk("VEVENT")
        )

    first = uids()
    rounds["summer"].name = "Round 2 (extended)"
    rounds["summer"].closes_at = london(2099, 6, 12)
    rounds["summer"].save()
    assert uids() == first, "a changed deadline keeps its UID, so calendars update it"
    assert uids("?applicant=nhs") == [
        f"funding-round-{rounds['nhs'].pk}@www.londonconnects.example"
    ]


def test_the_feed_is_atom_and_follows_the_filters(client, rounds):
    response = client.get(FEED + "?applicant=nhs&deadline=all")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    feed = ET.fromstring(response.content)  # noqa: S314 - the site's own feed, under test
    assert feed.tag == f"{ATOM}feed"
    assert feed.find(f"{ATOM}title").text == (
        "LondonConnects funding: Deadline: Any, including closed funding; "
        "Who may apply: NHS and health bodies"
    )
    assert feed.find(f"{ATOM}id").text and feed.find(f"{ATOM}updated").text
    entries = feed.findall(f"{ATOM}entry")
    assert [entry.find(f"{ATOM}title").text for entry in entries] == ["NHS records fund"]
    entry = entries[0]
    for required in ("id", "updated", "link"):
        assert entry.find(f"{ATOM}{required}") is not None
    assert entry.find(f"{ATOM}link").get("href").startswith("http://testserver/funding/")
    alternate = [link for link in feed.findall(f"{ATOM}link") if link.get("rel") == "alternate"]
    assert alternate[0].get("href") == "http://testserver/funding/?applicant=nhs&deadline=all"


def test_the_export_is_the_filtered_list(client, rounds):
    response = client.get(EXPORT + "?applicant=local-authorities")
    assert response.streaming
    body = b"".join(response.streaming_content)
    assert body.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(body.decode("utf-8-sig"), newline="")))
    assert len(rows) == 1
    row = rows[0]
    assert row["Name"].startswith("Smart cards; joined-up")
    assert row["Next round"] == "Round 2"
    assert row["Closes at"] == "2099-06-05T12:00:00+01:00"
    assert row["Who may apply"] == "Local authorities"
    assert row["Kept by"] == "London Borough of Newham"
    assert re.match(r"^http://testserver/funding/test-fund-\d+/$", row["Page on LondonConnects"])
