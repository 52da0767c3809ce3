"""Search documents for the directory. Only public listings are indexed, and of a contact
only the fields whose visibility is public; results are shown from the stored fields."""

from haystack import indexes

from core.search_documents import SiteDocument

from .models import Contact, Group, Organisation, Visibility


class OrganisationIndex(SiteDocument, indexes.Indexable):
    collection = "organisations"
    kind_label = "Organisation"

    def get_model(self):
        return Organisation

    def index_queryset(self, using=None):
        return Organisation.objects.select_related("successor").prefetch_related("topics")

    def prepare_title(self, organisation):
        return organisation.name

    def prepare_summary(self, organisation):
        if organisation.is_closed and organisation.successor:
            return (
                f"Closed {organisation.closed_on_phrase}; its work passed to "
                f"{organisation.successor.name}."
            )
        return organisation.summary

    def organisations_of(self, organisation):
        return [organisation]


class ContactIndex(SiteDocument, indexes.Indexable):
    collection = "contacts"
    kind_label = "Contact"
    organisation_lookups = ("organisation",)

    def get_model(self):
        return Contact

    def index_queryset(self, using=None):
        return (
            Contact.objects.public()
            .select_related("organisation")
            .prefetch_related("topics", "role_areas")
        )

    def prepare_title(self, contact):
        return contact.name

    def prepare_summary(self, contact):
        parts = [contact.job_title] if contact.job_title_visibility == Visibility.PUBLIC else []
        parts.append(contact.organisation.name)
        return ", ".join(part for part in parts if part)

    def organisations_of(self, contact):
        return [contact.organisation]


class GroupIndex(SiteDocument, indexes.Indexable):
    collection = "groups"
    kind_label = "Group"
    organisation_lookups = ("convenor", "members")

    def get_model(self):
        return Group

    def index_queryset(self, using=None):
        return Group.objects.select_related("convenor").prefetch_related("topics", "members")

    def prepare_title(self, group):
        return group.name

    def prepare_summary(self, group):
        return group.summary or group.get_kind_display()

    def organisations_of(self, group):
        return [group.convenor, *group.members.all()]

    def prepare_sub_regions(self, group):
        return [group.sub_region] if group.sub_region else super().prepare_sub_regions(group)
