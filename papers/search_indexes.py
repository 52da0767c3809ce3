"""The search document of a paper: public papers only, with the text read out of its PDF, so
search finds a phrase inside the file; results show the stored fields."""

from haystack import indexes

from .models import Paper


class PaperIndex(indexes.SearchIndex, indexes.Indexable):
    text = indexes.CharField(document=True, use_template=True)
    title = indexes.CharField(model_attr="title", stored=True, indexed=False)
    url = indexes.CharField(stored=True, indexed=False)
    summary = indexes.CharField(stored=True, indexed=False)
    kind = indexes.CharField(stored=True, indexed=False)
    updated = indexes.DateTimeField(model_attr="updated_at")
    paper_kind = indexes.CharField(model_attr="kind", stored=True)
    published = indexes.DateField(model_attr="published_on", stored=True)
    topics = indexes.MultiValueField(stored=True)

    def get_model(self):
        return Paper

    def index_queryset(self, using=None):
        return (
            Paper.objects.public().select_related("publisher", "group").prefetch_related("topics")
        )

    def get_updated_field(self):
        return "updated_at"

    def prepare_url(self, paper):
        return paper.get_absolute_url()

    def prepare_summary(self, paper):
        return f"{paper.get_kind_display()}, {paper.publisher.short_name}, " + (
            f"{paper.published_on.day} {paper.published_on:%B %Y}. {paper.summary[:300]}"
        )

    def prepare_kind(self, paper):
        return "Paper"

    def prepare_topics(self, paper):
        return sorted(topic.name for topic in paper.topics.all())
