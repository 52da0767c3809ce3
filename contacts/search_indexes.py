"""Search documents for the directory. Only public listings are indexed, and of a contact
only the fields whose visibility is public; results are shown from the stored fields."""

from haystack import indexes

from .models import Contact, Group, Organisation


class DirectoryIndex(indexes.SearchIndex):
    text = indexes.CharField(document=True, use_template=True)
    title = indexes.CharField(stored=True, indexed=False)
    url = indexes.CharField(stored=True, indexed=False)
    summary = indexes.CharField(stored=True, indexed=False)
    kind = indexes.CharField(stored=True, indexed=False)
    updated = indexes.DateTimeField(model_attr="updated_at")

    kind_label = ""

    def prepare_title(self, obj):
        return obj.name

    def prepare_url(self, obj):
        return obj.get_absolute_url()

    def prepare_kind(self, obj):
        return self.kind_label

    def get_updated_field(self):
        return "updated_at"


class OrganisationIndex(DirectoryIndex, indexes.Indexable):
    kind_label = "Organisation"

    def get_model(self):
        return Organisation

    def index_queryset(self, using=None):
        return Organisation.objects.select_related("successor")

    def prepare_summary(self, obj):
        if obj.is_closed and obj.successor:
            return f"Closed {obj.closed_on_phrase}; its work passed to {obj.successor.name}."
        return obj.summary


class ContactIndex(DirectoryIndex, indexes.Indexable):
    kind_label = "Contact"

    def get_model(self):
        return Contact

    def index_queryset(self, using=None):
        return Contact.objects.public().select_related("organisation")

    def prepare_summary(self, obj):
        parts = [obj.job_title] if obj.job_title_visibility == "public" and obj.job_title else []
        parts.append(obj.organisation.name)
        return ", ".join(parts)


class GroupIndex(DirectoryIndex, indexes.Indexable):
    kind_label = "Group"

    def get_model(self):
        return Group

    def index_queryset(self, using=None):
        return Group.objects.select_related("convenor")

    def prepare_summary(self, obj):
        return obj.summary or obj.get_kind_display()
