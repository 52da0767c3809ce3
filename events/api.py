"""Events in the public read API: /api/v1/events/, filtered as the events list is (by
default, events not yet over; `when=past` for the past ones)."""

from drf_spectacular.utils import extend_schema_field, extend_schema_view
from rest_framework import serializers

from contacts.api import OrganisationSummarySerializer
from core.rest import (
    PublicReadOnlyViewSet,
    PublicRecordSerializer,
    TopicsField,
    detail_url,
    documented,
)
from linkcheck.api import OutboundLinkField
from papers.api import PaperSummarySerializer

from .filters import EventFilter
from .models import Event


@extend_schema_field({"type": "string", "format": "uri"})
class CalendarUrlField(serializers.Field):
    """The event as an iCalendar file, to add to a calendar."""

    def __init__(self, **kwargs):
        super().__init__(source="*", read_only=True, **kwargs)

    def to_representation(self, event):
        return self.context["request"].build_absolute_uri(event.get_calendar_url())


class EventSerializer(PublicRecordSerializer):
    url = detail_url("api:event-detail")
    organiser = OrganisationSummarySerializer()
    online_url = OutboundLinkField(help_text="Where to join online, for an online event.")
    booking_url = OutboundLinkField()
    calendar_url = CalendarUrlField()
    papers = PaperSummarySerializer(
        source="public_papers", many=True, help_text="Slides, minutes and papers."
    )
    topics = TopicsField()

    class Meta:
        model = Event
        fields = [
            "id",
            "slug",
            "url",
            "html_url",
            "title",
            "kind",
            "starts_at",
            "ends_at",
            "organiser",
            "venue",
            "address",
            "online_url",
            "booking_url",
            "capacity",
            "summary",
            "agenda",
            "calendar_url",
            "papers",
            "topics",
            "last_reviewed_on",
            "created_at",
            "updated_at",
        ]
        extra_kwargs = {
            "summary": {"help_text": "What the event is about. Markdown."},
            "agenda": {"help_text": "Markdown."},
            "address": {"help_text": "The venue's address, one part a line."},
        }


@extend_schema_view(**documented("events", EventSerializer))
class EventViewSet(PublicReadOnlyViewSet):
    """The annual London e-Government Conference, workshops, seminars and meetings."""

    serializer_class = EventSerializer
    filterset_class = EventFilter
    changes_with = (("contacts.Organisation", "updated_at"), ("papers.Paper", "updated_at"))

    def get_queryset(self):
        return Event.objects.public().for_listing().with_papers()
