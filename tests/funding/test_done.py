"""The issue's "done means", for funding: an officer sees every open funding round closing
this month that a borough may apply for, and subscribes to those deadlines in a calendar."""

import datetime

import icalendar
import pytest
from django.utils import timezone

from tests.londonconnects.html import assert_sound_page, elements

from .factories import FundingRoundFactory, FundingSourceFactory

pytestmark = pytest.mark.django_db


def later_this_month(minutes):
    """A moment still to come this month, however near its end today is."""
    now = timezone.localtime()
    month_end = (now.replace(day=28) + datetime.timedelta(days=4)).replace(
        day=1, hour=0, minute=0, second=0, microsecond=0
    )
    return min(now + datetime.timedelta(minutes=minutes), month_end - datetime.timedelta(seconds=1))


def test_an_officer_finds_and_subscribes_to_this_months_deadlines(client, org, settings):
    settings.SITE_URL = "https://londonconnects.example"
    wanted = []
    for name in ("Borough broadband fund", "Joint services fund"):
        source = FundingSourceFactory(name=name, applicants=["local-authorities", "nhs"])
        wanted.append(FundingRoundFactory(source=source, closes_at=later_this_month(30)))
    # Each misses one condition: not for boroughs, closes next month, closed, not yet open.
    FundingRoundFactory(source=FundingSourceFactory(applicants=["voluntary-sector"]),
                        closes_at=later_this_month(30))  # fmt: skip
    next_month = timezone.localdate().replace(day=28) + datetime.timedelta(days=10)
    FundingRoundFactory(source=FundingSourceFactory(applicants=["local-authorities"]),
                        closes_at=timezone.make_aware(datetime.datetime.combine(
                            next_month, datetime.time(12))))  # fmt: skip
    FundingRoundFactory(source=FundingSourceFactory(applicants=["local-authorities"]),
                        closes_at=timezone.now() - datetime.timedelta(minutes=1))  # fmt: skip
    FundingRoundFactory(source=FundingSourceFactory(applicants=["local-authorities"]),
                        opens_on=timezone.localdate() + datetime.timedelta(days=1),
                        closes_at=later_this_month(60 * 24 * 3))  # fmt: skip

    html = assert_sound_page(client.get("/funding/?deadline=month&applicant=local-authorities"))
    titles = [h2["text"] for h2 in elements(html, "h2", class_="lc-result-list__title")]
    assert sorted(titles) == ["Borough broadband fund", "Joint services fund"]

    subscribe = [a for a in elements(html, "a") if "iCalendar" in a["text"]][0]
    calendar = icalendar.Calendar.from_ical(client.get(subscribe["attrs"]["href"]).content)
    uids = sorted(str(event["UID"]) for event in calendar.walk("VEVENT"))
    assert uids == sorted(f"funding-round-{r.pk}@londonconnects.example" for r in wanted)
