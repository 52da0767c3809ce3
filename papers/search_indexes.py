"""The search document of a paper: public papers only, with the text read out of its PDF, so
search finds a phrase inside the file; results show the stored fields."""

from haystack import indexes

from core.search_documents import SiteDocument

from .models import Paper


class PaperIndex(SiteDocument, indexes.Indexable):
    collection = "papers"
    kind_label = "Paper"
    organisation_lookups = ("publisher",)

    def get_model(self):
        return Paper

    def index_queryset(self, using=None):
        return (
            Paper.objects.public().select_related("publisher", "group").prefetch_related("topics")
        )

    def prepare_title(self, paper):
        return paper.title

    def prepare_summary(self, paper):
        return f"{paper.get_kind_display()}, {paper.publisher.short_name}, " + (
            f"{paper.published_on.day} {paper.published_on:%B %Y}. {paper.summary[:300]}"
        )

    def organisations_of(self, paper):
        return [paper.publisher]

    def date_of(self, paper):
        return paper.published_on
