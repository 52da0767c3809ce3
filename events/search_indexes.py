"""The search document of an event: public events only; results show the stored fields."""

from haystack import indexes

from londonconnects.calendars import time_span

from .models import Event


class EventIndex(indexes.SearchIndex, indexes.Indexable):
    text = indexes.CharField(document=True, use_template=True)
    title = indexes.CharField(model_attr="title", stored=True, indexed=False)
    url = indexes.CharField(stored=True, indexed=False)
    summary = indexes.CharField(stored=True, indexed=False)
    kind = indexes.CharField(stored=True, indexed=False)
    updated = indexes.DateTimeField(model_attr="updated_at")
    starts = indexes.DateTimeField(model_attr="starts_at", stored=True)
    topics = indexes.MultiValueField(stored=True)

    def get_model(self):
        return Event

    def index_queryset(self, using=None):
        return Event.objects.public().for_listing()

    def get_updated_field(self):
        return "updated_at"

    def prepare_url(self, event):
        return event.get_absolute_url()

    def prepare_summary(self, event):
        return f"{time_span(event.starts_at, event.ends_at)}. {event.place}."

    def prepare_kind(self, event):
        return "Event"

    def prepare_topics(self, event):
        return sorted(topic.name for topic in event.topics.all())
