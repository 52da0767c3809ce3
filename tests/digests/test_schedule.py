"""When digests go out: beat's database scheduler runs the entries of the settings, at
London times across the clock changes, and a run's period is the London day, week or month.
"""

import datetime

import pytest
from django.conf import settings
from django_celery_beat.models import PeriodicTask
from django_celery_beat.schedulers import DatabaseScheduler, ModelEntry

from core.calendars import LONDON
from digests.models import Frequency
from digests.periods import earliest_since, first_since, period_of, since_for
from londonconnects.celery import app

UTC = datetime.UTC


def london(*args):
    return datetime.datetime(*args, tzinfo=LONDON)


def utc(*args):
    return datetime.datetime(*args, tzinfo=UTC)


def load_schedule():
    """What beat does when it starts: CELERY_BEAT_SCHEDULE written into the database."""
    scheduler = DatabaseScheduler(app=app, lazy=True)
    try:
        scheduler.update_from_dict(app.conf.beat_schedule)
    finally:
        # Beat closes Django's connections between its rounds, and would again when this
        # scheduler is collected, in the middle of some later test.
        scheduler._finalize.cancel()


@pytest.fixture
def beat_entries(transactional_db):
    """The entries as beat loads them, read back as the scheduler's entries (beat closes
    the database connection as it goes: these tests commit, as beat does)."""
    load_schedule()
    return {name: ModelEntry(task, app=app) for name, task in _tasks().items()}


def _tasks():
    return {task.name: task for task in PeriodicTask.objects.filter(name__startswith="digests-")}


def test_beat_runs_the_schedule_in_the_settings(beat_entries):
    assert set(beat_entries) == {"digests-daily", "digests-weekly", "digests-monthly"}
    daily = _tasks()["digests-daily"]
    assert daily.task == "digests.tasks.send_scheduled_digests"
    assert daily.args == '["daily"]'
    assert (daily.crontab.hour, daily.crontab.minute) == ("7", "0")
    assert str(daily.crontab.timezone) == settings.CELERY_TIMEZONE == "Europe/London"
    weekly, monthly = _tasks()["digests-weekly"], _tasks()["digests-monthly"]
    assert (weekly.crontab.day_of_week, weekly.crontab.hour) == ("mon", "7")
    assert (monthly.crontab.day_of_month, monthly.crontab.hour) == ("1", "8")


def test_an_entry_edited_in_admin_is_put_back_when_beat_starts(beat_entries):
    task = _tasks()["digests-daily"]
    task.crontab.hour = "3"
    task.crontab.save()
    load_schedule()
    assert _tasks()["digests-daily"].crontab.hour == "7"


def _due(entry, last_run, now):
    entry.last_run_at = last_run
    entry.schedule.nowfun = lambda: now.astimezone(LONDON)
    return entry.is_due()


@pytest.mark.parametrize(
    ("day_before", "seven_am_utc"),
    [
        # Clocks go forward at 01:00 UTC on 30 March 2025: 07:00 in London is 06:00 UTC.
        (london(2025, 3, 29, 7, 0, 2), utc(2025, 3, 30, 6, 0)),
        # Clocks go back at 01:00 UTC on 26 October 2025: 07:00 in London is 07:00 UTC.
        (london(2025, 10, 25, 7, 0, 2), utc(2025, 10, 26, 7, 0)),
    ],
)
def test_the_daily_run_is_at_seven_in_london_on_the_days_the_clocks_change(
    beat_entries, day_before, seven_am_utc
):
    entry = beat_entries["digests-daily"]
    second = datetime.timedelta(seconds=1)
    assert not _due(entry, day_before, seven_am_utc - second).is_due
    assert _due(entry, day_before, seven_am_utc + second).is_due
    # Asked in the small hours, beat waits until seven London time, not a clock hour off.
    early = _due(entry, day_before, seven_am_utc - datetime.timedelta(hours=5))
    assert not early.is_due
    assert abs(early.next - 5 * 3600) <= 1


def test_periods_are_london_days_weeks_and_months():
    late_sunday = london(2025, 3, 30, 23, 30)  # 22:30 UTC, still Sunday in London
    assert period_of(Frequency.DAILY, late_sunday) == "2025-03-30"
    assert period_of(Frequency.WEEKLY, late_sunday) == "2025-W13"
    assert period_of(Frequency.MONTHLY, late_sunday) == "2025-03"
    new_year = london(2025, 1, 1, 0, 30)
    assert period_of(Frequency.DAILY, new_year.astimezone(UTC)) == "2025-01-01"
    assert period_of(Frequency.WEEKLY, new_year) == "2025-W01"


def test_a_first_digest_reaches_back_one_london_day_across_the_clock_change():
    monday_seven = london(2025, 3, 31, 7, 0)  # after the change (BST)
    since = first_since(Frequency.DAILY, monday_seven)
    assert since.astimezone(LONDON) == london(2025, 3, 30, 7, 0)  # a 24-hour day
    after_change = london(2025, 3, 30, 7, 0)
    since = first_since(Frequency.DAILY, after_change)
    assert since.astimezone(LONDON) == london(2025, 3, 29, 7, 0)
    assert after_change - since == datetime.timedelta(hours=23)  # the short day
    autumn = london(2025, 10, 26, 7, 0)
    assert autumn - first_since(Frequency.DAILY, autumn) == datetime.timedelta(hours=25)
    assert first_since(Frequency.MONTHLY, london(2025, 3, 31, 8, 0)).astimezone(LONDON) == london(
        2025, 2, 28, 8, 0
    )
    assert first_since(Frequency.WEEKLY, london(2025, 4, 1, 7, 30)).astimezone(LONDON) == london(
        2025, 3, 25, 7, 30
    )


def test_a_digest_starts_where_the_last_ended_but_never_more_than_two_periods_back():
    until = london(2025, 10, 27, 7, 0)
    last = london(2025, 10, 26, 7, 0, 5)
    assert since_for(Frequency.DAILY, until, last) == last
    long_ago = london(2025, 6, 1, 7, 0)
    assert since_for(Frequency.DAILY, until, long_ago) == earliest_since(Frequency.DAILY, until)
    assert earliest_since(Frequency.DAILY, until).astimezone(LONDON) == london(2025, 10, 25, 7)
