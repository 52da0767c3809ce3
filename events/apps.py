from django.apps import AppConfig


class EventsConfig(AppConfig):
    name = "events"
    label = "events"
    verbose_name = "Events"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from accounts.roles import register_owned_model
        from linkcheck.registry import register_url_field
        from londonconnects import registry

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
