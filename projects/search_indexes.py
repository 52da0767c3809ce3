"""The search document of a project: public projects only; results show the stored fields."""

from haystack import indexes

from core.search_documents import SiteDocument

from .models import Project


class ProjectIndex(SiteDocument, indexes.Indexable):
    collection = "projects"
    kind_label = "Project"
    organisation_lookups = ("lead_organisation", "partners", "areas")

    def get_model(self):
        return Project

    def index_queryset(self, using=None):
        return Project.objects.public().for_listing()

    def prepare_title(self, project):
        return project.title

    def prepare_summary(self, project):
        return project.summary

    def organisations_of(self, project):
        return [project.lead_organisation, *project.partners.all()]

    def areas_of(self, project):
        """The areas the project covers, and its lead or partners that are boroughs."""
        return [*project.areas.all(), *super().areas_of(project)]

    def date_of(self, project):
        return project.start_date or project.updated_at
