"""The search document of an event: public events only; results show the stored fields."""

from haystack import indexes

from core.calendars import time_span
from core.search_documents import SiteDocument

from .models import Event


class EventIndex(SiteDocument, indexes.Indexable):
    collection = "events"
    kind_label = "Event"
    organisation_lookups = ("organiser",)

    def get_model(self):
        return Event

    def index_queryset(self, using=None):
        return Event.objects.public().for_listing()

    def prepare_title(self, event):
        return event.title

    def prepare_summary(self, event):
        return f"{time_span(event.starts_at, event.ends_at)}. {event.place}."

    def organisations_of(self, event):
        return [event.organiser]

    def date_of(self, event):
        return event.starts_at
