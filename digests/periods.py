"""The periods digests are sent for, in London time.

A period is the London calendar day, ISO week or month a run belongs to: two starts of the
daily run on the same London day are one period, so the second sends nothing twice. Steps
back in time are taken on the London wall clock, so "a day before 07:00" is 07:00 the day
before even when that day had 23 or 25 hours.
"""

import calendar
import datetime

from core.calendars import LONDON

from .models import Frequency


def _months_back(local: datetime.datetime, months: int) -> datetime.datetime:
    index = local.year * 12 + local.month - 1 - months
    year, month = divmod(index, 12)
    day = min(local.day, calendar.monthrange(year, month + 1)[1])
    return local.replace(year=year, month=month + 1, day=day)


def period_of(kind: str, moment: datetime.datetime) -> str:
    local = moment.astimezone(LONDON)
    if kind == Frequency.DAILY:
        return local.date().isoformat()
    if kind == Frequency.WEEKLY:
        year, week, _ = local.isocalendar()
        return f"{year}-W{week:02d}"
    if kind == Frequency.MONTHLY:
        return f"{local:%Y-%m}"
    raise ValueError(f"No period for {kind!r}")


def periods_back(kind: str, until: datetime.datetime, count: int = 1) -> datetime.datetime:
    """`count` periods before `until` on the London wall clock."""
    local = until.astimezone(LONDON)
    if kind == Frequency.MONTHLY:
        earlier = _months_back(local, count)
    else:
        days = 7 if kind == Frequency.WEEKLY else 1
        earlier = local - datetime.timedelta(days=days * count)
    # Arithmetic on an aware London time keeps the wall clock: the offset is worked out anew.
    return earlier.astimezone(datetime.UTC)


def first_since(kind: str, until: datetime.datetime) -> datetime.datetime:
    """Where a member's first digest of a kind starts: one period back."""
    return periods_back(kind, until, 1)


def earliest_since(kind: str, until: datetime.datetime) -> datetime.datetime:
    """No digest reaches further back than two periods: a member who comes back to a
    frequency after months is not sent everything since."""
    return periods_back(kind, until, 2)


def since_for(kind, until, last_until=None):
    if last_until is None:
        return first_since(kind, until)
    return max(last_until, earliest_since(kind, until))
