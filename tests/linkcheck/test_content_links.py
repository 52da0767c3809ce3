"""Funding sources, papers and events: each outbound link they show carries the quiet
"may be broken" note once the checker has found it broken, and only then."""

import pytest
from django.utils import timezone

from linkcheck.models import Link
from linkcheck.outcomes import Outcome
from tests.events.factories import EventFactory, in_days
from tests.funding.factories import FundingRoundFactory, FundingSourceFactory
from tests.papers.factories import PaperFactory

pytestmark = pytest.mark.django_db

NOTE = "this link may be broken"


def mark(url, outcome):
    fields = {"outcome": outcome}
    if outcome == Outcome.BROKEN:
        fields["first_failed_at"] = timezone.now()
    assert Link.objects.filter(url=url).update(**fields) == 1


def test_a_funding_page_notes_its_broken_links(client):
    source = FundingSourceFactory(
        application_url="https://apply.example.org/", guidance_url="https://guide.example.org/"
    )
    FundingRoundFactory(source=source)
    mark(source.application_url, Outcome.WORKING)
    mark(source.guidance_url, Outcome.WORKING)
    assert NOTE not in client.get(source.get_absolute_url()).content.decode()
    mark(source.guidance_url, Outcome.BROKEN)
    html = client.get(source.get_absolute_url()).content.decode()
    assert html.count(NOTE) == 1
    assert html.index("Guidance for applicants") < html.index(NOTE)


def test_a_paper_published_elsewhere_notes_a_broken_link(client):
    paper = PaperFactory(external_url="https://papers.example.org/strategy.pdf")
    assert NOTE not in client.get(paper.get_absolute_url()).content.decode()
    mark(paper.external_url, Outcome.BROKEN)
    assert NOTE in client.get(paper.get_absolute_url()).content.decode()


def test_an_event_page_notes_a_broken_booking_link(client):
    event = EventFactory(
        starts_at=in_days(10),
        booking_url="https://book.example.org/",
        online_url="https://join.example.org/",
    )
    mark(event.booking_url, Outcome.BROKEN)
    mark(event.online_url, Outcome.WORKING)
    html = client.get(event.get_absolute_url()).content.decode()
    assert html.count(NOTE) == 1
    assert html.index("Book a place") < html.index(NOTE)
