"""The shape every search document shares, so that one results page can show, filter and
facet all of them.

A content app's search index subclasses `SiteDocument`, names its collection key and its
label, and says which organisations and areas a record belongs to. Everything a result
shows is stored in the index (title, url, summary, kind, owner, date), so a results page
never loads a database row. The facet fields hold untokenised slugs (`FacetKeywordField`):
`core.whoosh_backend` indexes them as exact keywords and counts them per segment.

Like markdown.py and exports.py this is a leaf module that content apps import; it imports
no content app (Organisation is reached through the records themselves).
"""

import datetime
from html import unescape

from django.utils import timezone
from haystack import indexes

from . import registry


class FacetKeywordField(indexes.MultiValueField):
    """Exact values to filter and count by (slugs, codes, years): never stemmed or split
    into words. The site's Whoosh backend gives these a keyword field of their own."""

    facet_keyword = True

    def __init__(self, **kwargs):
        kwargs.setdefault("stored", True)
        kwargs.setdefault("default", [])
        super().__init__(**kwargs)


class DocumentTextField(indexes.CharField):
    """The document's words from its text template, as plain text: the template engine
    escapes HTML, and "&#x27;" would otherwise be indexed and shown in snippets."""

    def prepare(self, obj):
        return unescape(super().prepare(obj) or "")


class SiteDocument(indexes.SearchIndex):
    """Abstract: the common fields. Subclasses set `collection` and `kind_label` and usually
    override `organisations_of`, `areas_of` and `date_of`."""

    collection = ""
    kind_label = ""
    # The paths from a record to the organisations its document names (owner, facets): a
    # change to an organisation's name, slug, kind or sub-region re-indexes these records.
    organisation_lookups = ()

    text = DocumentTextField(document=True, use_template=True)
    title = indexes.CharField(stored=True, indexed=False)
    url = indexes.CharField(stored=True, indexed=False)
    summary = indexes.CharField(stored=True, indexed=False, default="")
    kind = indexes.CharField(stored=True, indexed=False)
    owner = indexes.CharField(stored=True, indexed=False, default="")
    date = indexes.DateTimeField(stored=True)
    updated = indexes.DateTimeField(model_attr="updated_at")

    type = FacetKeywordField()
    topics = FacetKeywordField()
    organisations = FacetKeywordField()
    areas = FacetKeywordField()
    sub_regions = FacetKeywordField()
    year = FacetKeywordField()

    def get_updated_field(self):
        return "updated_at"

    # What a subclass says about its records.
    def organisations_of(self, obj):
        """The organisations a record belongs to, the owner first."""
        return []

    def areas_of(self, obj):
        """The London areas (local authorities) a record is about. By default: the record's
        organisations that are local authorities."""
        area_kind = registry.organisations().area_kind
        return [org for org in self.organisations_of(obj) if org.kind == area_kind]

    def date_of(self, obj):
        """The date a reader would put on the record; results sort by it."""
        return obj.updated_at

    def topics_of(self, obj):
        return list(obj.topics.all())

    # haystack's prepare_<field> hooks, built from the above.
    def prepare_title(self, obj):
        return str(obj)

    def prepare_url(self, obj):
        return obj.get_absolute_url()

    def prepare_kind(self, obj):
        return self.kind_label

    def prepare_owner(self, obj):
        organisations = self.organisations_of(obj)
        return organisations[0].name if organisations else ""

    def prepare_date(self, obj):
        return self.date_of(obj)

    def prepare_type(self, obj):
        return [self.collection]

    def prepare_topics(self, obj):
        return sorted({topic.slug for topic in self.topics_of(obj)})

    def prepare_organisations(self, obj):
        return sorted({org.slug for org in self.organisations_of(obj)})

    def prepare_areas(self, obj):
        return sorted({area.slug for area in self.areas_of(obj)})

    def prepare_sub_regions(self, obj):
        return sorted({area.sub_region for area in self.areas_of(obj) if area.sub_region})

    def prepare_year(self, obj):
        date = self.date_of(obj)
        if isinstance(date, datetime.datetime) and timezone.is_aware(date):
            date = timezone.localtime(date)
        return [str(date.year)] if date else []
