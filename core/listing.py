"""Filtered list pages and their CSV exports: one way to build both, for every app.

A leaf module (it imports no app), like feeds.py and exports.py. An app names its django-filter
FilterSet and the records it filters once, in a `FilterSetMixin` that its list and its export
share, so that one query string gives both the same records in the same order:
/projects/?status=active and /projects/export.csv?status=active.
"""

from django.core.paginator import Paginator
from django.utils import timezone
from django.utils.functional import cached_property
from django.views import View
from django.views.generic import TemplateView

from .exports import csv_response
from .feeds import describe_filters, filter_query_string


def query_suffix(query: str) -> str:
    """What follows a link's path for `query`: "?status=active", or "" for no query."""
    return f"?{query}" if query else ""


class FilterSetMixin:
    """The FilterSet of the request's GET parameters over `get_queryset()`."""

    filterset_class = None
    # Bound even to an empty query string, so that the FilterSet's defaults (its sort, its
    # deadline or date window) apply to the bare list too.
    bind_empty_query = True

    def get_queryset(self):
        """The records the filters choose among."""
        raise NotImplementedError

    def get_filterset_kwargs(self):
        return {}

    @cached_property
    def filterset(self):
        data = self.request.GET if self.bind_empty_query else self.request.GET or None
        return self.filterset_class(
            data, queryset=self.get_queryset(), **self.get_filterset_kwargs()
        )

    def get_filtered_queryset(self):
        """The records the filters chose, in the FilterSet's order."""
        return self.filterset.qs


class FilteredListView(FilterSetMixin, TemplateView):
    """One page of a filtered list, as includes/pagination.html (GOV.UK pagination) takes it.

    Not a ListView: that answers a page past the end with a 404, where the site shows the
    last page (Paginator.get_page), and it puts the raw records in the context besides.
    """

    paginate_by = 20
    context_object_name = "object_list"

    def page_entries(self, records):
        """What the template lists for the records of the page: the records themselves, unless
        a list shows more than the record."""
        return records

    def get_context_data(self, **kwargs):
        paginator = Paginator(self.get_filtered_queryset(), self.paginate_by)
        page = paginator.get_page(self.request.GET.get("page"))
        context = super().get_context_data(filter=self.filterset, page_obj=page, **kwargs)
        context[self.context_object_name] = self.page_entries(page.object_list)
        return context


class OpenDataListView(FilteredListView):
    """A filtered list whose links to its Atom feed and CSV export carry its filters."""

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            filters_in_words=describe_filters(self.filterset),
            filter_query=query_suffix(filter_query_string(self.request.GET)),
            export_query=query_suffix(self.request.GET.urlencode()),
            **kwargs,
        )


class FilteredCSVExportView(FilterSetMixin, View):
    """The filtered list as a streamed CSV download (core.exports), one row a record, named
    londonconnects-<filename_stem>-<today>.csv.

    Records are read `chunk_size` at a time, so that the rows of a chunk may share lookups
    (`export_rows`) and an export takes a fixed number of queries per chunk, never per row.
    """

    filename_stem = ""
    header = ()
    chunk_size = 500

    def get_chunk_size(self):
        return self.chunk_size

    def export_row(self, record):
        raise NotImplementedError

    def export_rows(self, records):
        """The rows of one chunk of records."""
        for record in records:
            yield self.export_row(record)

    def rows(self, records):
        chunk_size = self.get_chunk_size()
        chunk = []
        for record in records.iterator(chunk_size=chunk_size):
            chunk.append(record)
            if len(chunk) == chunk_size:
                yield from self.export_rows(chunk)
                chunk = []
        yield from self.export_rows(chunk)

    def get(self, request, *args, **kwargs):
        records = self.get_filtered_queryset()
        filename = f"londonconnects-{self.filename_stem}-{timezone.localdate():%Y-%m-%d}.csv"
        return csv_response(filename, self.header, self.rows(records))
