"""Atom feeds of filtered lists: a feed takes the same GET filters as its list page.

A leaf module (it imports no app), so every content app may use it, like the registry.
A content app subclasses `FilteredAtomFeed`, names its django-filter FilterSet, the list
page's URL name and a queryset, and maps it at <list>/feed/ so that
/projects/feed/?status=active&topic=smart-cards follows exactly /projects/?status=active&...
Links are absolute from the request, so they are right whatever the Sites framework says.

An Atom summary is type="html": a feed reader renders it. Every feed here writes through
`HtmlSummaryAtom1Feed`, which escapes any description not marked safe, so plain text (a
one-line summary, a name) reaches the reader as text; Markdown goes through
`markdown_summary()`, the sanitised HTML the pages show.
"""

from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import conditional_escape, format_html

from .markdown import render_markdown

# Parameters of a list page that do not change which records it lists.
NON_FILTER_PARAMETERS = frozenset({"page", "sort"})


def describe_filters(filterset) -> list[str]:
    """The filters in force, in words: ["Status: Active", "Topic: smart cards"]."""
    form = filterset.form
    if not filterset.is_bound or not form.is_valid():
        return []
    described = []
    for name, field in form.fields.items():
        value = form.cleaned_data.get(name)
        if name in NON_FILTER_PARAMETERS or value in (None, "", [], ()):
            continue
        values = value if isinstance(value, list | tuple) else [value]
        labels = dict(getattr(field, "choices", ()))
        shown = ", ".join(str(labels.get(item, labels.get(str(item), item))) for item in values)
        described.append(f"{field.label}: {shown}")
    return described


def filter_query_string(query_dict) -> str:
    """The request's query string without paging and sorting ("" when nothing is left)."""
    kept = query_dict.copy()
    for name in NON_FILTER_PARAMETERS:
        kept.pop(name, None)
    return kept.urlencode()


class HtmlSummaryAtom1Feed(Atom1Feed):
    """Atom whose summaries are safe HTML: a description not marked safe is escaped."""

    def add_item(self, title, link, description, *args, **kwargs):
        if description:
            description = conditional_escape(description)
        super().add_item(title, link, description, *args, **kwargs)


def markdown_summary(markdown_text, lead=""):
    """User Markdown as the pages render it, after an optional plain-text `lead` line."""
    body = render_markdown(markdown_text or "")
    return format_html("<p>{}</p>{}", lead, body) if lead else body


class FilteredAtomFeed(Feed):
    """Newest-changed first; subclasses set the class attributes and `get_queryset()`."""

    feed_type = HtmlSummaryAtom1Feed
    filterset_class = None
    list_url_name = ""
    feed_title = ""
    feed_subtitle = ""
    max_items = 50

    def get_queryset(self):
        raise NotImplementedError

    def get_object(self, request, *args, **kwargs):
        self.request = request
        return self.filterset_class(request.GET or None, queryset=self.get_queryset())

    def items(self, filterset):
        return filterset.qs.order_by("-updated_at", "-pk")[: self.max_items]

    def title(self, filterset):
        described = describe_filters(filterset)
        return f"{self.feed_title}: {'; '.join(described)}" if described else self.feed_title

    def subtitle(self, filterset):
        return self.feed_subtitle or None

    def link(self, filterset):
        query = filter_query_string(self.request.GET)
        url = reverse(self.list_url_name) + (f"?{query}" if query else "")
        return self.request.build_absolute_uri(url)

    def feed_url(self, filterset):
        return self.request.build_absolute_uri()

    def feed_guid(self, filterset):
        return self.request.build_absolute_uri()

    def item_link(self, item):
        return self.request.build_absolute_uri(item.get_absolute_url())

    def item_pubdate(self, item):
        return item.created_at

    def item_updateddate(self, item):
        return item.updated_at
