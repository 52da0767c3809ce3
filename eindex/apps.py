from django.apps import AppConfig
from django.urls import reverse


class EindexConfig(AppConfig):
    name = "eindex"
    label = "eindex"
    verbose_name = "E-index"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from accounts.roles import register_moderated_model, register_owned_model
        from core import registry
        from linkcheck.registry import register_url_field
        from linkcheck.signals import links_checked

        from . import demo, panels, verification
        from .models import Category, Entry, Suggestion

        registry.register_section(
            registry.Section(
                key="eindex",
                label="E-index",
                url_name="eindex:index",
                order=70,
                description="The partnership’s map of the web for London’s e-government: "
                "legislation, standards, good practice, research and national services.",
                count=lambda: Entry.objects.count(),
                latest=lambda limit: list(
                    Entry.objects.select_related("primary_category").order_by("-added_on", "-pk")[
                        :limit
                    ]
                ),
            )
        )
        registry.register_seeder(
            registry.Seeder(key="eindex", order=70, run=demo.seed, depends_on=("contacts",))
        )
        registry.register_organisation_panel(
            registry.OrganisationPanel(
                key="eindex",
                order=70,
                template_name="eindex/_organisation_panel.html",
                context=panels.organisation_entries,
            )
        )
        register_owned_model(Entry, Entry.OWNER_FIELD)
        register_moderated_model(Suggestion, actions=("view", "change", "delete"))
        register_url_field(Entry, "url", owner=Entry.OWNER_FIELD, label="URL")
        links_checked.connect(
            verification.note_verified_links, dispatch_uid="eindex-note-verified-links"
        )

        from .filters import EntryFilter

        registry.register_collection(
            registry.Collection(
                key="eindex",
                label="e-index link",
                label_plural="e-index links",
                order=50,
                public=lambda: Entry.objects.select_related("primary_category", "owner"),
                list_url_name="eindex:index",
                filterset=EntryFilter,
                pages=lambda: Category.objects.with_last_change(),
            )
        )

        from .api import EntryViewSet

        registry.register_api_endpoint(
            registry.ApiEndpoint(
                prefix="e-index", viewset=EntryViewSet, basename="eindex-entry", order=50
            )
        )

        def eindex_feeds():
            return [
                registry.FeedLink(
                    title="E-index: new links",
                    description="Links as they are added to the e-index, newest first, with "
                    "the category each is filed under.",
                    url=reverse("eindex:feed"),
                    page_url=reverse("eindex:index"),
                )
            ]

        registry.register_feed_source(
            registry.FeedSource(
                key="eindex",
                heading="E-index",
                order=50,
                feeds=eindex_feeds,
                page_url_names=("eindex:index",),
            )
        )
