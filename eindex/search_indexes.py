"""Search documents for the e-index; results are shown from the stored fields."""

from haystack import indexes

from .models import Entry


class EntryIndex(indexes.SearchIndex, indexes.Indexable):
    text = indexes.CharField(document=True, use_template=True)
    title = indexes.CharField(model_attr="title", stored=True, indexed=False)
    url = indexes.CharField(stored=True, indexed=False)
    summary = indexes.CharField(model_attr="description", stored=True, indexed=False)
    kind = indexes.CharField(stored=True, indexed=False)
    updated = indexes.DateTimeField(model_attr="updated_at")

    def get_model(self):
        return Entry

    def index_queryset(self, using=None):
        return Entry.objects.select_related("primary_category", "owner")

    def prepare_url(self, obj):
        return obj.get_absolute_url()

    def prepare_kind(self, obj):
        return "E-index link"

    def get_updated_field(self):
        return "updated_at"
