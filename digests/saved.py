"""Saved searches: a content list's filters, or a site search, kept as an alert.

A list's search is replayed through the list's own FilterSet (the registry collection's
`filterset`) on its public records, so an alert finds exactly what the page would show; a
list without a FilterSet keeps only its topic. The site search is asked through
core.searching.SiteSearch. Queries are stored in a canonical form (known
parameters only, sorted, no page or sort) so one search saved twice is one search.
"""

from collections import defaultdict

from django.http import QueryDict
from django.urls import reverse
from django.utils.http import urlencode

from core import registry

from .items import Item, absolute, record_item, upper_first

SITE = "site"
# Parameters that change how a list looks, not what it holds.
IGNORED = {"page", "sort"}
# A saved search lists at most this many new matches in one e-mail.
MATCH_LIMIT = 50


class InvalidSearch(ValueError):
    """The parameters are not a search that can be saved (a list that cannot filter, a
    value its filters do not offer)."""


def _collection(scope):
    try:
        collection = registry.collection(scope)
    except KeyError:
        raise InvalidSearch("There is no such list to follow.") from None
    if collection.filterset is None and not collection.topic_param:
        raise InvalidSearch("This list cannot be followed.")
    return collection


def _site_search():
    from core.searching import SiteSearch

    return SiteSearch


def _as_querydict(params):
    if isinstance(params, QueryDict):
        return params
    if isinstance(params, str):
        return QueryDict(params)
    data = QueryDict(mutable=True)
    for key, value in params.items():
        data.setlist(key, list(value) if isinstance(value, list | tuple) else [value])
    return data


def _encode(pairs):
    return urlencode(sorted(pairs), doseq=False)


def _filterset(collection, params):
    return collection.filterset(_as_querydict(params), queryset=collection.public())


def canonical_query(scope, params) -> str:
    """The search's parameters in one stable form; InvalidSearch if it cannot be saved."""
    params = _as_querydict(params)
    if scope == SITE:
        search = _site_search().from_params(params)
        if search.is_empty:
            raise InvalidSearch("Enter words to search for, or choose a filter, first.")
        canonical = search.canonical_params()
        canonical.pop("sort", None)
        pairs = []
        for key, value in canonical.items():
            values = value if isinstance(value, list | tuple) else [value]
            pairs += [(key, str(v)) for v in values]
        return _encode(pairs)
    collection = _collection(scope)
    if collection.filterset is None:
        topic = params.get(collection.topic_param, "").strip()
        return _encode([(collection.topic_param, topic)] if topic else [])
    filterset = _filterset(collection, params)
    if not filterset.is_valid():
        raise InvalidSearch("This search has a filter that is no longer offered.")
    known = set(filterset.form.fields) - IGNORED
    pairs = [(key, value) for key in known for value in params.getlist(key) if value.strip()]
    return _encode(pairs)


def scope_label(scope) -> str:
    if scope == SITE:
        return "the whole site"
    return _collection(scope).label_plural


def search_url(scope, query) -> str:
    """The page that shows this search now."""
    base = reverse("search") if scope == SITE else reverse(_collection(scope).list_url_name)
    return f"{base}?{query}" if query else base


def describe(scope, query) -> list[str]:
    """The search in words, one line a filter: "Topic: E-democracy"."""
    params = QueryDict(query)
    if scope == SITE:
        lines = [f"Words: {params['q']}"] if params.get("q") else []
        return lines + [
            f"{key.replace('_', ' ').capitalize()}: {', '.join(params.getlist(key))}"
            for key in sorted(set(params) - {"q"})
        ]
    collection = _collection(scope)
    if collection.filterset is None:
        return [f"Topic: {params[collection.topic_param]}"] if query else []
    filterset = _filterset(collection, params)
    if not filterset.is_valid():
        return []
    lines = []
    for name, field in filterset.form.fields.items():
        if name in IGNORED:
            continue
        value = filterset.form.cleaned_data.get(name)
        if value in (None, "", [], ()):
            continue
        choices = dict(getattr(field, "choices", ()))
        values = value if isinstance(value, list | tuple) else [value]
        shown = ", ".join(str(choices.get(v, v)) for v in values)
        lines.append(f"{field.label}: {shown}")
    return lines


def default_name(scope, query) -> str:
    lines = describe(scope, query)
    subject = (
        "Site search" if scope == SITE else scope_label(scope)[:1].upper() + scope_label(scope)[1:]
    )
    if not lines:
        return subject if scope == SITE else f"All {scope_label(scope)}"
    return f"{subject}: " + "; ".join(line.split(": ", 1)[1] for line in lines)[:100]


def still_public(hits):
    """The hits whose records anyone may still read, asked of the database at sending: the
    index may not have caught up with a record unpublished or a forum made private. One
    query per kind of record among the hits."""
    wanted = defaultdict(set)
    for hit in hits:
        wanted[hit.type].add(hit.pk)
    public = set()
    for key, pks in wanted.items():
        try:
            records = registry.collection(key).public()
        except KeyError:
            continue
        found = records.prefetch_related(None).filter(pk__in=pks).values_list("pk", flat=True)
        public.update((key, str(pk)) for pk in found)
    return [hit for hit in hits if (hit.type, hit.pk) in public]


def new_matches(scope, query, since, until):
    """Items of the search added or changed in (since, until], newest first."""
    if scope == SITE:
        search = _site_search().from_params(QueryDict(query))
        hits = still_public(search.hits_since(since, limit=MATCH_LIMIT))
        # Hits changed after `since`, newest first; their `date` is the record's own (a
        # project's start), so they are dated `until` here, inside the window.
        return [
            Item(
                title=hit.title,
                url=absolute(hit.url),
                date=until,
                note=upper_first(hit.kind or ""),
                summary=hit.summary,
            )
            for hit in hits
        ]
    try:
        collection = _collection(scope)
    except InvalidSearch:
        return []
    if collection.filterset is None:
        records = collection.public()
        topic = QueryDict(query).get(collection.topic_param)
        if topic:
            records = records.filter(**{f"{collection.topic_lookup}__slug": topic})
    else:
        filterset = _filterset(collection, QueryDict(query))
        if not filterset.is_valid():
            # A filter that is gone must not widen the alert to everything.
            return []
        records = filterset.qs
    window = {
        f"{collection.date_field}__gt": since,
        f"{collection.date_field}__lte": until,
    }
    records = (
        records.filter(**window)
        .prefetch_related(None)
        .order_by(f"-{collection.date_field}", "-pk")[:MATCH_LIMIT]
    )
    return [record_item(collection, record) for record in records]
