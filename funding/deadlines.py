"""Deadlines in plain words, in London time: "closes in 12 days, on Friday 5 June 2026, 12:00".

Days are counted between calendar dates in Europe/London, never as 24-hour stretches, so
the count is right across midnight and across the clock changes in March and October (a
"day" then lasts 23 or 25 hours). A deadline at 00:00 is said the way people read it: at
midnight at the end of the day before.
"""

import datetime

from django.utils import timezone

from core.calendars import LONDON, long_date


def _moment(deadline: datetime.datetime) -> tuple[datetime.date, str]:
    """The day a deadline falls on, and its time in words, in London."""
    local = deadline.astimezone(LONDON)
    if local.time() == datetime.time(0, 0):
        day = local.date() - datetime.timedelta(days=1)
        return day, f"at midnight at the end of {long_date(day)}"
    return local.date(), f"{long_date(local.date())}, {local:%H:%M}"


def deadline_phrase(deadline: datetime.datetime, now: datetime.datetime | None = None) -> str:
    """How long until `deadline`, from `now`: "closes tomorrow, Saturday 6 June 2026, 12:00"."""
    now = now or timezone.now()
    day, when = _moment(deadline)
    midnight = when.startswith("at midnight")
    if deadline <= now:
        return f"closed {when}" if midnight else f"closed on {when}"
    days = (day - now.astimezone(LONDON).date()).days
    if days == 0:
        return f"closes today, {when}" if not midnight else f"closes tonight, {when}"
    if days == 1:
        return f"closes tomorrow, {when}"
    return f"closes in {days} days, {when}" if midnight else f"closes in {days} days, on {when}"


def date_and_time(moment: datetime.datetime) -> str:
    """Friday 5 June 2026, 12:00 (or "midnight at the end of ...") in London time."""
    return _moment(moment)[1].removeprefix("at ")


def days_until(deadline: datetime.datetime, now: datetime.datetime | None = None) -> int:
    """Calendar days in London from now until the deadline's day (0 = today)."""
    now = now or timezone.now()
    return (_moment(deadline)[0] - now.astimezone(LONDON).date()).days
