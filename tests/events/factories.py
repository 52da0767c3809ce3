"""Builders for events (factory-boy)."""

import datetime

import factory
from django.utils import timezone

from events.models import Event, EventKind
from tests.factories import LocalAuthorityFactory


def london(year, month, day, hour=9, minute=0):
    return timezone.make_aware(datetime.datetime(year, month, day, hour, minute))


def in_days(days, hour=10):
    day = timezone.localdate() + datetime.timedelta(days=days)
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


class EventFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Event
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Test event {n}")
    slug = factory.Sequence(lambda n: f"test-event-{n}")
    kind = EventKind.WORKSHOP
    starts_at = factory.LazyFunction(lambda: in_days(7))
    ends_at = factory.LazyAttribute(lambda event: event.starts_at + datetime.timedelta(hours=3))
    organiser = factory.SubFactory(LocalAuthorityFactory)
    venue = "Town hall"
    summary = "A fictional event for tests."
    last_reviewed_on = factory.LazyFunction(timezone.localdate)

    @factory.post_generation
    def topics(self, create, extracted, **kwargs):
        if create and extracted:
            self.topics.add(*extracted)

    @factory.post_generation
    def papers(self, create, extracted, **kwargs):
        if create and extracted:
            self.papers.add(*extracted)
