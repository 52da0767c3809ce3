"""The base of the site's list filters (django-filter). A leaf module: content apps import it.

django-filter builds a filter's form field once and keeps it on the filter. Each FilterSet
instance works on a deep copy of its class's filters, so once anything has asked a class's
filter for its field (drf-spectacular does, when it documents the API's parameters), every
later copy carries that field along, and choices a list sets per request in `__init__`
(counts, the topics in use, the organisations with records) would never reach the form.
"""

import django_filters


class SiteFilterSet(django_filters.FilterSet):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for filter_ in self.filters.values():
            # Built again from this instance's `extra` when the form asks for it.
            filter_.__dict__.pop("_field", None)
