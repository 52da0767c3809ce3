"""The search document of a funding source: public sources only; results show stored fields."""

from haystack import indexes

from .models import FundingSource


class FundingSourceIndex(indexes.SearchIndex, indexes.Indexable):
    text = indexes.CharField(document=True, use_template=True)
    title = indexes.CharField(model_attr="name", stored=True, indexed=False)
    url = indexes.CharField(stored=True, indexed=False)
    summary = indexes.CharField(stored=True, indexed=False)
    kind = indexes.CharField(stored=True, indexed=False)
    updated = indexes.DateTimeField(model_attr="updated_at")
    scope = indexes.CharField(model_attr="scope", stored=True)
    topics = indexes.MultiValueField(stored=True)

    def get_model(self):
        return FundingSource

    def index_queryset(self, using=None):
        return FundingSource.objects.public().for_listing()

    def get_updated_field(self):
        return "updated_at"

    def prepare_url(self, source):
        return source.get_absolute_url()

    def prepare_summary(self, source):
        return f"{source.get_scope_display()} {source.get_kind_display().lower()} from " + (
            f"{source.funder_display}."
        )

    def prepare_kind(self, source):
        return "Funding"

    def prepare_topics(self, source):
        return sorted(topic.name for topic in source.topics.all())
