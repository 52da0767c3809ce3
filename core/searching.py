"""The site search: what a reader asked for, and the page of results with its facets.

`SiteSearch.from_params(request.GET)` reads and cleans the parameters (q, type, topic,
organisation, area, sub_region, year, sort, page); `run()` answers from the index alone
(stored fields, no database rows) except for the labels of the facet values shown, which
take one query for topics and one for organisations. The same object answers digests'
saved-search alerts through `hits_since()`.
"""

import datetime
import hashlib
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from django.core.cache import cache
from django.core.paginator import Paginator
from django.http import QueryDict
from django.urls import reverse
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.http import urlencode
from django.utils.safestring import mark_safe
from haystack import connections

from . import registry
from .whoosh_backend import clean_query_text

RESULTS_PER_PAGE = 20
MAX_PAGE = 500
# Facet values listed before "show more" would be needed; the selected ones always show.
FACET_VALUES_SHOWN = 12
SPELLING_CACHE_SECONDS = 10 * 60
_FACET_VALUE = re.compile(r"[a-z0-9][a-z0-9_-]{0,99}")
SORTS = {"relevance": "Most relevant", "date": "Newest first"}


@dataclass(frozen=True)
class Facet:
    param: str
    field: str
    label: str


FACETS = (
    Facet("type", "type", "Type"),
    Facet("topic", "topics", "Topic"),
    Facet("area", "areas", "Area"),
    Facet("sub_region", "sub_regions", "Sub-region"),
    Facet("organisation", "organisations", "Organisation"),
    Facet("year", "year", "Year"),
)
FACET_BY_PARAM = {facet.param: facet for facet in FACETS}


@dataclass
class Hit:
    title: str
    url: str
    summary: str
    kind: str
    type: str
    owner: str
    date: datetime.datetime | None
    snippet: str = ""
    # The record's primary key, as the index stores it (text).
    pk: str = ""


@dataclass
class FacetValue:
    value: str
    label: str
    count: int
    selected: bool
    url: str = ""


@dataclass
class FacetGroup:
    facet: Facet
    values: list[FacetValue]
    hidden_count: int = 0

    @property
    def selected(self):
        return [value for value in self.values if value.selected]


class _ResultWindow(Sequence):
    """The total number of results and the one page of them fetched, in the shape
    Django's Paginator expects, so the site's pagination component works unchanged."""

    def __init__(self, total, start, hits):
        self.total, self.start, self.hits = total, start, hits

    def __len__(self):
        return self.total

    def __getitem__(self, index):
        if isinstance(index, slice) and index.start == self.start:
            return self.hits
        raise IndexError("Only the page fetched from the index can be read.")


@dataclass
class SearchPage:
    search: "SiteSearch"
    hits: list[Hit]
    total: int
    page: object
    facets: list[FacetGroup] = field(default_factory=list)


def _to_hit(raw):
    fields = raw.fields
    date = fields.get("date")
    if isinstance(date, str):
        date = parse_datetime(date)
    if isinstance(date, datetime.datetime) and timezone.is_naive(date):
        date = timezone.make_aware(date, datetime.UTC)
    return Hit(
        title=fields.get("title", ""),
        url=fields.get("url", ""),
        summary=fields.get("summary", ""),
        kind=fields.get("kind", ""),
        type=(fields.get("type") or "").split(",")[0],
        owner=fields.get("owner", ""),
        date=date,
        snippet=mark_safe(raw.snippet),  # noqa: S308 - Whoosh escapes all but its own <mark>
        pk=str(fields.get("django_id", "")),
    )


def _corrected(corrector, word):
    """The nearest indexed word, from the cache when asked lately: walking the word list is
    the slow part of a suggestion. Whether the corrected search finds anything is checked
    each time, so a word of an erased record is never offered."""
    key = "search:spelling:" + hashlib.sha256(word.encode()).hexdigest()[:32]
    corrected = cache.get(key)
    if corrected is None:
        # Words are compared from their first letter: fast, and a first letter is rarely
        # the one mistyped.
        found = corrector.suggest(word, limit=1, maxdist=2, prefix=1)
        corrected = found[0] if found else ""
        cache.set(key, corrected, SPELLING_CACHE_SECONDS)
    return corrected


@dataclass
class SiteSearch:
    q: str = ""
    filters: dict[str, tuple[str, ...]] = field(default_factory=dict)
    sort: str = "relevance"

    @classmethod
    def from_params(cls, params):
        """Read a QueryDict or a plain dict (values may be strings or lists)."""
        if not isinstance(params, QueryDict):
            data = QueryDict(mutable=True)
            for key, value in params.items():
                data.setlist(key, value if isinstance(value, list | tuple) else [value])
            params = data
        q = clean_query_text(params.get("q", ""))
        filters = {}
        for facet in FACETS:
            # Facet values are slugs, codes and years: anything else cannot match.
            values = [v for v in params.getlist(facet.param) if _FACET_VALUE.fullmatch(v)]
            if values:
                filters[facet.param] = tuple(dict.fromkeys(values))
        sort = params.get("sort", "")
        if sort not in SORTS:
            sort = "relevance" if q else "date"
        return cls(q=q, filters=filters, sort=sort)

    @property
    def is_empty(self):
        return not self.q and not self.filters

    def canonical_params(self):
        params = {"q": self.q} if self.q else {}
        for facet in FACETS:
            if facet.param in self.filters:
                params[facet.param] = list(self.filters[facet.param])
        if self.sort != ("relevance" if self.q else "date"):
            params["sort"] = self.sort
        return params

    def url(self, **changes):
        """This search's address with some parameters changed (None drops one)."""
        params = {**self.canonical_params(), **changes}
        return (
            reverse("search") + "?" + urlencode({k: v for k, v in params.items() if v}, doseq=True)
        )

    def toggled_url(self, param, value):
        """The address with one filter value added, or removed if it is chosen already."""
        chosen = list(self.filters.get(param, ()))
        chosen = [v for v in chosen if v != value] if value in chosen else [*chosen, value]
        return self.url(**{param: chosen})

    @property
    def clear_filters_url(self):
        return self.url(**{facet.param: None for facet in FACETS})

    def hidden_inputs(self):
        """(name, value) pairs that keep the chosen filters and sort when the words change."""
        pairs = [(p, v) for p, values in self.filters.items() for v in values]
        if "sort" in self.canonical_params():
            pairs.append(("sort", self.sort))
        return pairs

    @property
    def sort_options(self):
        return [
            {"key": key, "label": label, "current": key == self.sort, "url": self.url(sort=key)}
            for key, label in SORTS.items()
            if key != "relevance" or self.q
        ]

    def _backend(self):
        return connections["default"].get_backend()

    def _index_filters(self):
        return {FACET_BY_PARAM[p].field: values for p, values in self.filters.items()}

    def run(self, page=1, per_page=RESULTS_PER_PAGE):
        try:
            page = max(1, min(int(page), MAX_PAGE))
        except (TypeError, ValueError):
            page = 1
        raw = self._backend().site_search(
            self.q,
            self._index_filters(),
            sort=self.sort,
            page=page,
            per_page=per_page,
        )
        last_page = max(1, -(-raw.total // per_page))
        if page > last_page:
            if raw.total:  # past the end: show the last page, as Paginator.get_page does
                return self.run(page=last_page, per_page=per_page)
            page = 1
        hits = [_to_hit(h) for h in raw.hits]
        window = _ResultWindow(raw.total, (page - 1) * per_page, hits)
        paginated = Paginator(window, per_page).get_page(page)
        return SearchPage(
            search=self,
            hits=hits,
            total=raw.total,
            page=paginated,
            facets=self._facet_groups(raw.facets),
        )

    def hits_since(self, since, limit=50):
        """Documents matching this search that were added or changed after `since`,
        newest first: what a saved search sends in a digest (which checks that each is
        still public, since the index may lag behind the database)."""
        raw = self._backend().site_search(
            self.q, self._index_filters(), sort="date", per_page=limit, since=since, facets=False
        )
        return [_to_hit(h) for h in raw.hits]

    def count(self):
        return (
            self._backend()
            .site_search(self.q, self._index_filters(), facets=False, per_page=0)
            .total
        )

    def suggestion(self):
        """A "did you mean" that finds something, or None. Asked of the word list directly,
        since a search with no hits has no suggestion of its own."""
        if not self.q:
            return None
        backend = self._backend()
        searcher = backend.searcher()
        content = backend.content_field_name
        analyzer = backend.schema[content].analyzer
        corrector = searcher.corrector(content)
        words = []
        changed = False
        for word in self.q.replace('"', " ").split():
            lowered = word.lower()
            terms = [token.text for token in analyzer(lowered)]
            if (
                len(lowered) < 3
                or not terms
                or all(searcher.doc_frequency(content, t) for t in terms)
            ):
                words.append(word)
                continue
            corrected = _corrected(corrector, lowered)
            if corrected and corrected != lowered:
                words.append(corrected)
                changed = True
            else:
                words.append(word)
        if not changed:
            return None
        suggestion = " ".join(words)
        found = backend.site_search(suggestion, self._index_filters(), facets=False, per_page=0)
        return suggestion if found.total else None

    # Facets ------------------------------------------------------------------------------
    def _facet_groups(self, counts):
        labels = self._labels(counts)
        groups = []
        for facet in FACETS:
            chosen = set(self.filters.get(facet.param, ()))
            field_counts = counts.get(facet.field, {})
            values = [
                FacetValue(
                    value=value,
                    label=labels.get((facet.param, value), value),
                    count=field_counts.get(value, 0),
                    selected=value in chosen,
                    url=self.toggled_url(facet.param, value),
                )
                for value in set(field_counts) | chosen
                if (facet.param, value) in labels or value in chosen
            ]
            if facet.param == "year":
                values.sort(key=lambda v: v.value, reverse=True)
            else:
                values.sort(key=lambda v: (-v.count, v.label.lower()))
            shown = values[:FACET_VALUES_SHOWN]
            shown += [v for v in values[FACET_VALUES_SHOWN:] if v.selected]
            if shown:
                groups.append(FacetGroup(facet, shown, hidden_count=len(values) - len(shown)))
        return groups

    def _labels(self, counts):
        """Readable names of the facet values: collections' from the registry, topics' from
        the database (one query), the rest from the rooms that own them (registered facet
        labels, one query each at most). A value with no label (a topic deleted since
        indexing) is not offered."""
        from taggit.models import Tag

        labels = {}
        for collection in registry.collections():
            labels[("type", collection.key)] = collection.label_plural.capitalize()
        for year in counts.get("year", {}):
            labels[("year", year)] = year
        for year in self.filters.get("year", ()):
            if year.isdigit():
                labels[("year", year)] = year
        topics = set(counts.get("topics", {})) | set(self.filters.get("topic", ()))
        if topics:
            for slug, name in Tag.objects.filter(slug__in=topics).values_list("slug", "name"):
                labels[("topic", slug)] = name
        for source in registry.facet_labels():
            values = set()
            for param in source.params:
                values |= set(counts.get(FACET_BY_PARAM[param].field, {}))
                values |= set(self.filters.get(param, ()))
            if not values:
                continue
            for value, label in source.labels(values).items():
                for param in source.params:
                    labels[(param, value)] = label
        return labels
