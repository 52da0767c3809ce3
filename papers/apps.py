from django.apps import AppConfig
from django.urls import reverse


class PapersConfig(AppConfig):
    name = "papers"
    label = "papers"
    verbose_name = "Papers"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from accounts.roles import register_owned_model
        from core import registry
        from linkcheck.registry import register_url_field

        from . import demo, views
        from .models import Paper

        def public_papers():
            return Paper.objects.public().count()

        def newest_papers(limit):
            return list(
                Paper.objects.public()
                .defer("extracted_text")
                .order_by("-published_on", "-pk")[:limit]
            )

        registry.register_section(
            registry.Section(
                key="papers",
                label="Papers",
                url_name="papers:paper_list",
                order=30,
                description="What the groups and partners have written: group papers, "
                "Business/IT strategies, annual reviews, research and guidance.",
                count=public_papers,
                latest=newest_papers,
            )
        )
        registry.register_organisation_panel(
            registry.OrganisationPanel(
                key="papers",
                order=30,
                template_name="papers/_organisation_panel.html",
                context=views.organisation_panel_context,
            )
        )
        registry.register_group_panel(
            registry.GroupPanel(
                key="papers",
                order=30,
                template_name="papers/_group_panel.html",
                context=views.group_panel_context,
            )
        )
        registry.register_seeder(
            registry.Seeder(
                key="papers", order=40, run=demo.seed, depends_on=("contacts", "projects")
            )
        )

        from django.db.models.signals import post_delete, post_save, pre_save

        from . import files

        pre_save.connect(files.remember_stored_file, sender=Paper, dispatch_uid="papers-file-a")
        post_save.connect(files.delete_replaced_file, sender=Paper, dispatch_uid="papers-file-b")
        post_delete.connect(
            files.delete_removed_papers_file, sender=Paper, dispatch_uid="papers-file-c"
        )

        register_owned_model(Paper, "publisher")
        register_url_field(Paper, "external_url", owner="publisher")

        from .filters import PaperFilter

        registry.register_collection(
            registry.Collection(
                key="papers",
                label="paper",
                label_plural="papers",
                order=30,
                public=lambda: Paper.objects.public().for_listing(),
                list_url_name="papers:paper_list",
                filterset=PaperFilter,
            )
        )

        from .api import PaperViewSet

        registry.register_api_endpoint(
            registry.ApiEndpoint(prefix="papers", viewset=PaperViewSet, basename="paper", order=30)
        )

        def paper_feeds():
            return [
                registry.FeedLink(
                    title="Papers",
                    description="New and updated papers of the partnership's groups and "
                    "partners: strategies, reports, research and annual reviews.",
                    url=reverse("papers:paper_feed"),
                    page_url=reverse("papers:paper_list"),
                )
            ]

        registry.register_feed_source(
            registry.FeedSource(
                key="papers",
                heading="Papers",
                order=30,
                feeds=paper_feeds,
                page_url_names=("papers:paper_list",),
            )
        )
