from django.apps import AppConfig
from django.urls import reverse


class FundingConfig(AppConfig):
    name = "funding"
    label = "funding"
    verbose_name = "E-funding sources"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from accounts.roles import register_owned_model
        from core import registry
        from linkcheck.registry import register_url_field

        from . import demo, digest, views
        from .models import FundingRound, FundingSource

        def open_sources():
            return FundingSource.objects.public().current().count()

        def recently_updated_sources(limit):
            return list(FundingSource.objects.public().order_by("-updated_at", "-pk")[:limit])

        registry.register_section(
            registry.Section(
                key="funding",
                label="Funding",
                url_name="funding:source_list",
                order=20,
                description="What money is open: UK, London, European, lottery and private "
                "sources of e-funding, with their deadlines.",
                count=open_sources,
                latest=recently_updated_sources,
            )
        )
        registry.register_organisation_panel(
            registry.OrganisationPanel(
                key="funding",
                order=20,
                template_name="funding/_organisation_panel.html",
                context=views.organisation_panel_context,
            )
        )
        registry.register_seeder(
            registry.Seeder(key="funding", order=30, run=demo.seed, depends_on=("contacts",))
        )

        register_owned_model(FundingSource, "owner")
        register_owned_model(FundingRound, "source__owner")
        register_url_field(FundingSource, "application_url", owner="owner")
        register_url_field(FundingSource, "guidance_url", owner="owner")

        from .filters import FundingFilter

        registry.register_collection(
            registry.Collection(
                key="funding",
                label="funding source",
                label_plural="funding sources",
                order=20,
                public=lambda: FundingSource.objects.public().for_listing(),
                list_url_name="funding:source_list",
                filterset=FundingFilter,
            )
        )

        registry.register_funding_deadlines(digest.FUNDING_DEADLINES)

        from .api import FundingSourceViewSet

        registry.register_api_endpoint(
            registry.ApiEndpoint(
                prefix="funding", viewset=FundingSourceViewSet, basename="funding", order=20
            )
        )

        def funding_feeds():
            page = reverse("funding:source_list")
            return [
                registry.FeedLink(
                    title="Funding",
                    description="New and updated sources of funding, with the next deadline "
                    "of each.",
                    url=reverse("funding:source_feed"),
                    page_url=page,
                ),
                registry.FeedLink(
                    title="Funding deadlines",
                    description="The closing date and time of every funding round still to "
                    "come, as events in your calendar.",
                    url=reverse("funding:deadlines_calendar"),
                    page_url=page,
                    media_type=registry.ICALENDAR,
                ),
            ]

        registry.register_feed_source(
            registry.FeedSource(
                key="funding",
                heading="Funding",
                order=20,
                feeds=funding_feeds,
                page_url_names=("funding:source_list",),
            )
        )
