"""The search document of a funding source: public sources only; results show stored fields."""

from haystack import indexes

from core.search_documents import SiteDocument

from .models import FundingSource


class FundingSourceIndex(SiteDocument, indexes.Indexable):
    collection = "funding"
    kind_label = "Funding"
    organisation_lookups = ("funder", "owner")

    def get_model(self):
        return FundingSource

    def index_queryset(self, using=None):
        return FundingSource.objects.public().for_listing()

    def prepare_title(self, source):
        return source.name

    def prepare_summary(self, source):
        return f"{source.get_scope_display()} {source.get_kind_display().lower()} from " + (
            f"{source.funder_display}."
        )

    def organisations_of(self, source):
        return [org for org in (source.funder, source.owner) if org is not None]

    def prepare_owner(self, source):
        return source.funder_display
