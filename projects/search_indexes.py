"""The search document of a project: public projects only; results show the stored fields."""

from haystack import indexes

from .models import Project


class ProjectIndex(indexes.SearchIndex, indexes.Indexable):
    text = indexes.CharField(document=True, use_template=True)
    title = indexes.CharField(model_attr="title", stored=True, indexed=False)
    url = indexes.CharField(stored=True, indexed=False)
    summary = indexes.CharField(model_attr="summary", stored=True, indexed=False)
    kind = indexes.CharField(stored=True, indexed=False)
    updated = indexes.DateTimeField(model_attr="updated_at")
    programme = indexes.CharField(model_attr="programme__name", stored=True)
    status = indexes.CharField(model_attr="status", stored=True)
    topics = indexes.MultiValueField(stored=True)

    def get_model(self):
        return Project

    def index_queryset(self, using=None):
        return (
            Project.objects.public()
            .select_related("lead_organisation", "programme")
            .prefetch_related("topics", "partners", "areas")
        )

    def get_updated_field(self):
        return "updated_at"

    def prepare_url(self, project):
        return project.get_absolute_url()

    def prepare_kind(self, project):
        return "Project"

    def prepare_topics(self, project):
        return sorted(topic.name for topic in project.topics.all())
