"""Deadlines in plain words, counted in London calendar days: across midnight and across the
clock changes, when a "day" lasts 23 or 25 hours."""

import datetime
import zoneinfo

import pytest

from funding.deadlines import date_and_time, days_until, deadline_phrase

LONDON = zoneinfo.ZoneInfo("Europe/London")
UTC = datetime.UTC


def at(*args):
    return datetime.datetime(*args, tzinfo=LONDON)


@pytest.mark.parametrize(
    ("now", "deadline", "expected"),
    [
        # The example.
        (at(2026, 5, 24, 9, 0), at(2026, 6, 5, 12, 0),
         "closes in 12 days, on Friday 5 June 2026, 12:00"),
        (at(2026, 6, 5, 8, 0), at(2026, 6, 5, 12, 0), "closes today, Friday 5 June 2026, 12:00"),
        (at(2026, 6, 4, 23, 59), at(2026, 6, 5, 0, 30),
         "closes tomorrow, Friday 5 June 2026, 00:30"),
        (at(2026, 6, 5, 12, 0), at(2026, 6, 5, 12, 0), "closed on Friday 5 June 2026, 12:00"),
        (at(2026, 6, 6, 9, 0), at(2026, 6, 5, 12, 0), "closed on Friday 5 June 2026, 12:00"),
        # A deadline at 00:00 is midnight at the end of the day before, as people read it.
        (at(2026, 6, 4, 9, 0), at(2026, 6, 5, 0, 0),
         "closes tonight, at midnight at the end of Thursday 4 June 2026"),
        (at(2026, 6, 1, 9, 0), at(2026, 6, 5, 0, 0),
         "closes in 3 days, at midnight at the end of Thursday 4 June 2026"),
        (at(2026, 6, 5, 0, 1), at(2026, 6, 5, 0, 0),
         "closed at midnight at the end of Thursday 4 June 2026"),
        # Autumn: the clocks go back at 02:00 BST on Sunday 25 October 2026. From 23:30 on
        # Saturday to 00:30 on Monday is 26 hours (timedelta.days == 1) but two days.
        (at(2026, 10, 24, 23, 30), at(2026, 10, 26, 0, 30),
         "closes in 2 days, on Monday 26 October 2026, 00:30"),
        (at(2026, 10, 24, 13, 0), at(2026, 11, 5, 12, 0),
         "closes in 12 days, on Thursday 5 November 2026, 12:00"),
        # Spring: the clocks go forward at 01:00 GMT on Sunday 29 March 2026. From 23:30 on
        # Saturday to 23:59 on Sunday is under 24 hours (timedelta.days == 0) but tomorrow.
        (at(2026, 3, 28, 23, 30), at(2026, 3, 29, 23, 59),
         "closes tomorrow, Sunday 29 March 2026, 23:59"),
        (at(2026, 3, 17, 12, 0), at(2026, 4, 1, 12, 0),
         "closes in 15 days, on Wednesday 1 April 2026, 12:00"),
    ],
)  # fmt: skip
def test_deadline_phrase(now, deadline, expected):
    assert deadline_phrase(deadline, now) == expected


def test_the_time_is_london_time_whatever_zone_the_value_is_in():
    # Stored as UTC, as the database keeps it: 11:00 UTC in June is 12:00 in London, and
    # 12:00 UTC in December is 12:00 in London.
    assert date_and_time(datetime.datetime(2026, 6, 5, 11, 0, tzinfo=UTC)) == (
        "Friday 5 June 2026, 12:00"
    )
    assert date_and_time(datetime.datetime(2026, 12, 4, 12, 0, tzinfo=UTC)) == (
        "Friday 4 December 2026, 12:00"
    )
    now = datetime.datetime(2026, 10, 24, 22, 30, tzinfo=UTC)  # 23:30 BST on Saturday
    deadline = datetime.datetime(2026, 10, 26, 0, 30, tzinfo=UTC)  # 00:30 GMT on Monday
    assert (deadline - now).days == 1
    assert days_until(deadline, now) == 2
