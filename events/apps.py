from django.apps import AppConfig
from django.urls import reverse


class EventsConfig(AppConfig):
    name = "events"
    label = "events"
    verbose_name = "Events"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from accounts.roles import register_owned_model
        from core import registry
        from linkcheck.registry import register_url_field

        from . import demo, views
        from .models import Event

        def upcoming_events():
            return Event.objects.public().upcoming().count()

        def next_events(limit):
            return list(Event.objects.public().upcoming()[:limit])

        registry.register_section(
            registry.Section(
                key="events",
                label="Events",
                url_name="events:event_list",
                order=40,
                description="What is coming up: the annual London e-Government Conference, "
                "workshops, seminars and meetings.",
                count=upcoming_events,
                latest=next_events,
            )
        )
        registry.register_organisation_panel(
            registry.OrganisationPanel(
                key="events",
                order=40,
                template_name="events/_organisation_panel.html",
                context=views.organisation_panel_context,
            )
        )
        registry.register_seeder(
            registry.Seeder(key="events", order=50, run=demo.seed, depends_on=("papers",))
        )

        register_owned_model(Event, "organiser")
        register_url_field(Event, "booking_url", owner="organiser")
        register_url_field(Event, "online_url", owner="organiser")

        from .filters import EventFilter

        registry.register_collection(
            registry.Collection(
                key="events",
                label="event",
                label_plural="events",
                order=40,
                public=lambda: Event.objects.public().for_listing(),
                list_url_name="events:event_list",
                filterset=EventFilter,
            )
        )

        from .api import EventViewSet

        registry.register_api_endpoint(
            registry.ApiEndpoint(prefix="events", viewset=EventViewSet, basename="event", order=40)
        )

        def event_feeds():
            page = reverse("events:event_list")
            return [
                registry.FeedLink(
                    title="Events",
                    description="New and updated conferences, workshops, seminars and meetings.",
                    url=reverse("events:event_feed"),
                    page_url=page,
                ),
                registry.FeedLink(
                    title="Events calendar",
                    description="Every event still to come and those of the last three months, "
                    "with its times, place and link, in your calendar.",
                    url=reverse("events:events_calendar"),
                    page_url=page,
                    media_type=registry.ICALENDAR,
                ),
            ]

        registry.register_feed_source(
            registry.FeedSource(
                key="events",
                heading="Events",
                order=40,
                feeds=event_feeds,
                page_url_names=("events:event_list",),
            )
        )
