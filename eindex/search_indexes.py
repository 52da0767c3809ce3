"""Search documents for the e-index; results are shown from the stored fields."""

from haystack import indexes

from core.search_documents import SiteDocument

from .models import Entry


class EntryIndex(SiteDocument, indexes.Indexable):
    collection = "eindex"
    kind_label = "E-index link"
    organisation_lookups = ("owner",)

    def get_model(self):
        return Entry

    def index_queryset(self, using=None):
        return Entry.objects.select_related("primary_category", "owner").prefetch_related("topics")

    def prepare_title(self, entry):
        return entry.title

    def prepare_summary(self, entry):
        return entry.description

    def organisations_of(self, entry):
        return [entry.owner]

    def date_of(self, entry):
        return entry.added_on
