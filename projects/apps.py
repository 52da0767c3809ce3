from django.apps import AppConfig
from django.urls import reverse


class ProjectsConfig(AppConfig):
    name = "projects"
    label = "projects"
    verbose_name = "Project register"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from accounts.roles import register_owned_model
        from core import registry
        from linkcheck.registry import register_url_field

        from . import demo, views
        from .models import ProblemReport, Project, RelatedLink

        def public_projects():
            return Project.objects.public().count()

        def recently_updated_projects(limit):
            return list(Project.objects.public().order_by("-updated_at", "-pk")[:limit])

        registry.register_section(
            registry.Section(
                key="projects",
                label="Projects",
                url_name="projects:project_list",
                order=10,
                description="Who in London is already doing it, with whom, and with what money: "
                "Pathfinders, Invest to Save and joint projects.",
                count=public_projects,
                latest=recently_updated_projects,
            )
        )
        registry.register_organisation_panel(
            registry.OrganisationPanel(
                key="projects",
                order=10,
                template_name="projects/_organisation_panel.html",
                context=views.organisation_panel_context,
            )
        )
        registry.register_seeder(
            registry.Seeder(key="projects", order=20, run=demo.seed, depends_on=("contacts",))
        )

        register_owned_model(Project, "lead_organisation")
        register_owned_model(RelatedLink, "project__lead_organisation")
        register_url_field(Project, "website", owner="lead_organisation")
        register_url_field(RelatedLink, "url", owner="project__lead_organisation")
        # Reports come from visitors; the owner's editors read them and mark them dealt with.
        register_owned_model(
            ProblemReport, "project__lead_organisation", editor_actions=("change", "view")
        )

        from .filters import ProjectFilter

        registry.register_collection(
            registry.Collection(
                key="projects",
                label="project",
                label_plural="projects",
                order=10,
                public=lambda: Project.objects.public().for_listing(),
                list_url_name="projects:project_list",
                filterset=ProjectFilter,
            )
        )

        from .api import ProjectViewSet

        registry.register_api_endpoint(
            registry.ApiEndpoint(
                prefix="projects", viewset=ProjectViewSet, basename="project", order=10
            )
        )

        def project_feeds():
            return [
                registry.FeedLink(
                    title="Projects",
                    description="New and updated projects in the project register, the most "
                    "recently changed first.",
                    url=reverse("projects:project_feed"),
                    page_url=reverse("projects:project_list"),
                )
            ]

        registry.register_feed_source(
            registry.FeedSource(
                key="projects",
                heading="Projects",
                order=10,
                feeds=project_feeds,
                page_url_names=("projects:project_list",),
            )
        )
