"""haystack's Whoosh backend, tuned for one search box over the whole site.

haystack's own Whoosh search path is slow at London scale (seconds per query on a
250,000-document index, measured on this kind of machine): it filters every document by
model on every search and counts facets by rescanning the index. This subclass keeps
haystack for indexing (the signal processor, update_index, rebuild_index) and answers the
site's searches itself:

- Facet fields (`search_documents.FacetKeywordField`) are exact keywords, never stemmed.
- Facets are counted with bitsets: for each segment, each facet value's documents are
  read once into a Python int and kept while the segment lives (segments never change);
  a query's matches become one more int, and a count is `(value & matches).bit_count()`.
  A search with facets costs one pass over its matches, whatever the number of values.
- One searcher per thread, refreshed only when the index has changed.
- User input is words, not query syntax: only quoted phrases are understood, so field
  names, wildcards, ranges and brackets cannot make a query fail or run away.
- Every document's text is also indexed as word pairs ("data protect", after stemming), so
  a quoted phrase is looked up as pairs rather than checked position by position in every
  document holding its words: the slowest searches were common phrases with thousands of
  hits. A two-word phrase is one pair; a longer one needs all its pairs and then its
  positions, in the few documents that have them all.
"""

import re
import threading
import unicodedata
from dataclasses import dataclass, field

from django.utils.html import escape
from haystack.backends.whoosh_backend import WhooshEngine, WhooshSearchBackend
from haystack.exceptions import SkipDocument
from whoosh import collectors, highlight, idsets, query, sorting
from whoosh.analysis import Filter
from whoosh.fields import KEYWORD, TEXT
from whoosh.qparser import PhrasePlugin, QueryParser
from whoosh.writing import AsyncWriter

# A query longer than this is cut: nobody types more, and each word costs a posting scan.
MAX_QUERY_CHARS = 200
MAX_QUERY_WORDS = 12
SNIPPET_CHARS = 240
# Snippets are looked for in the first part of a document only: Whoosh re-reads the text
# of each result shown, and a long thread or paper would otherwise cost more than the search.
SNIPPET_SCAN_CHARS = 8000
# A bulk build writes batches of at least this many documents without merging segments,
# until there are MAX_SEGMENTS of them.
BULK_DOCUMENTS = 200
MAX_SEGMENTS = 24
WRITER_MEMORY_MB = 256
WRITER_LOCK_WAIT = 60
# Results beyond this are not ranked: nobody pages that far.
MAX_RESULTS = 10000
# The field of word pairs: Whoosh's own, not a haystack field, never stored.
PAIRS_FIELD = "word_pairs"
PAIR_SEPARATOR = " "


@dataclass
class RawHit:
    fields: dict
    snippet: str = ""


@dataclass
class RawResults:
    hits: list
    total: int
    facets: dict = field(default_factory=dict)


def clean_query_text(text):
    """Printable text of a sane length: odd Unicode (controls, lone surrogates, other
    normal forms) becomes plain words, and query syntax other than quotes is just text."""
    text = text.encode("utf-8", "ignore").decode("utf-8")
    text = unicodedata.normalize("NFKC", text)
    text = "".join(ch if unicodedata.category(ch)[0] not in "CZ" else " " for ch in text)
    words = text[:MAX_QUERY_CHARS].split()
    return " ".join(words[:MAX_QUERY_WORDS])


class MarkFormatter(highlight.Formatter):
    """Matched words in <mark>, everything HTML-escaped, fragments joined by an ellipsis."""

    between = " … "

    def _text(self, text):
        return escape(re.sub(r"\s+", " ", text))

    def format_token(self, text, token, replace=False):
        return f"<mark>{escape(highlight.get_text(text, token, replace))}</mark>"


class PairFilter(Filter):
    """Adjacent words as pairs: "data", "protect", "act" gives "data protect", "protect act".
    Whoosh's BiWordFilter does the same but fails on an empty text."""

    def __call__(self, tokens):
        previous = None
        for token in tokens:
            word = token.text
            if previous is not None:
                token.text = previous + PAIR_SEPARATOR + word
                yield token
            previous = word


def phrases_as_pairs(parsed, content_field):
    """The query with each phrase of the content field looked up by its word pairs."""
    if isinstance(parsed, query.Phrase) and parsed.fieldname == content_field:
        words = parsed.words
        if len(words) < 2:
            return query.Term(content_field, words[0]) if words else query.NullQuery
        pairs = [
            query.Term(PAIRS_FIELD, a + PAIR_SEPARATOR + b)
            for a, b in zip(words, words[1:], strict=False)
        ]
        return pairs[0] if len(pairs) == 1 else query.And([*pairs, parsed])
    if isinstance(parsed, query.CompoundQuery):
        return parsed.__class__(
            [phrases_as_pairs(sub, content_field) for sub in parsed.subqueries],
            boost=parsed.boost,
        )
    return parsed


def _mask_of(docnums, size):
    bits = bytearray((size >> 3) + 1)
    for docnum in docnums:
        bits[docnum >> 3] |= 1 << (docnum & 7)
    return int.from_bytes(bits, "little")


class SiteWhooshBackend(WhooshSearchBackend):
    def __init__(self, connection_alias, **connection_options):
        super().__init__(connection_alias, **connection_options)
        self._local = threading.local()
        self._segment_masks = {}
        self._segment_lock = threading.Lock()

    # Schema --------------------------------------------------------------------------
    def build_schema(self, fields):
        content_field_name, schema = super().build_schema(fields)
        self.facet_fields = []
        for field_class in fields.values():
            if getattr(field_class, "facet_keyword", False):
                name = field_class.index_fieldname
                schema.remove(name)
                schema.add(name, KEYWORD(stored=True, commas=True, lowercase=False))
                self.facet_fields.append(name)
        words = schema[content_field_name].analyzer
        schema.add(PAIRS_FIELD, TEXT(analyzer=words | PairFilter(), phrase=False))
        return content_field_name, schema

    def setup(self):
        super().setup()
        self.user_parser = QueryParser(self.content_field_name, self.schema, plugins=[PhrasePlugin])
        self._forget_searcher()

    def clear(self, models=None, commit=True):
        self._forget_searcher()
        super().clear(models=models, commit=commit)
        self._forget_searcher()

    def _forget_searcher(self):
        searcher = getattr(self._local, "searcher", None)
        if searcher is not None:
            searcher.close()
        self._local.searcher = None
        self._segment_masks = {}

    # Writing -------------------------------------------------------------------------
    def update(self, index, iterable, commit=True):
        """Write the records' documents, each with its text's word pairs.

        A small update (the signal path: one record) goes through an AsyncWriter, as
        haystack's does. A batch of a bulk build is written by one writer and committed
        without merging: merging the index into itself after every batch cost most of a
        full rebuild. Segments are merged once there are many of them."""
        if not self.setup_complete:
            self.setup()
        self.index = self.index.refresh()
        bulk = len(iterable) >= BULK_DOCUMENTS
        if bulk:
            writer = self.index.writer(limitmb=WRITER_MEMORY_MB, timeout=WRITER_LOCK_WAIT)
        else:
            writer = AsyncWriter(self.index)
        try:
            for obj in iterable:
                try:
                    document = index.full_prepare(obj)
                except SkipDocument:
                    continue
                document = {key: self._from_python(value) for key, value in document.items()}
                document.pop("boost", None)
                document[PAIRS_FIELD] = document.get(self.content_field_name, "")
                writer.update_document(**document)
        except BaseException:
            writer.cancel()
            raise
        if not len(iterable):
            writer.cancel()
        elif bulk:
            writer.commit(merge=len(self.index._segments()) >= MAX_SEGMENTS)
        else:
            writer.commit()
            if writer.ident is not None:
                writer.join()

    # Reading -------------------------------------------------------------------------
    def searcher(self):
        """This thread's searcher, reopened only when the index has a new generation.

        Whoosh's own `Searcher.refresh()` is not used: in whoosh-reloaded 2.7.5 its reader
        reuse keeps the segments a merge replaced, so documents come back twice and removed
        ones return.
        """
        if not self.setup_complete:
            self.setup()
        current = getattr(self._local, "searcher", None)
        if current is not None and current.reader().generation() == self.index.latest_generation():
            return current
        if current is not None:
            current.close()
        fresh = self._local.searcher = self.index.searcher()
        # Forget the bitsets of segments that merges have retired.
        live = {leaf.segment().segment_id() for leaf, _ in self._leaves(fresh) if leaf.segment()}
        with self._segment_lock:
            self._segment_masks = {k: v for k, v in self._segment_masks.items() if k[0] in live}
        return fresh

    def parse_user_query(self, text):
        """The user's words as a query, or None when nothing searchable is left."""
        text = clean_query_text(text)
        if not text:
            return None
        if not self.setup_complete:
            self.setup()
        # An unmatched quote would otherwise swallow the rest of the line.
        if text.count('"') % 2:
            text = text.replace('"', " ")
        parsed = self.user_parser.parse(text)
        return None if parsed is query.NullQuery else parsed

    def value_masks(self, searcher, fieldname):
        """{value: bitset of the documents holding it} over the whole index."""
        masks = {}
        for leaf, offset in self._leaves(searcher):
            segment = leaf.segment()
            if segment is None:  # an empty index
                continue
            key = (segment.segment_id(), fieldname)
            with self._segment_lock:
                local = self._segment_masks.get(key)
            if local is None:
                local = {}
                size = leaf.doc_count_all()
                for term in leaf.lexicon(fieldname):
                    value = term.decode("utf-8")
                    local[value] = _mask_of(leaf.postings(fieldname, term).all_ids(), size)
                with self._segment_lock:
                    self._segment_masks[key] = local
            for value, mask in local.items():
                masks[value] = masks.get(value, 0) | (mask << offset)
        return masks

    @staticmethod
    def _leaves(searcher):
        reader = searcher.reader()
        if reader.is_atomic():
            return [(reader, 0)]
        return reader.leaf_readers()

    def matches_mask(self, searcher, parsed):
        """The documents a query matches, as a bitset; with no words, every live document
        (kept per segment and number of live documents, so browsing by facet is cheap)."""
        if parsed is not None:
            return _mask_of(searcher.docs_for_query(parsed), searcher.doc_count_all())
        mask = 0
        for leaf, offset in self._leaves(searcher):
            segment = leaf.segment()
            if segment is None:
                continue
            key = (segment.segment_id(), "*live*", leaf.doc_count())
            with self._segment_lock:
                local = self._segment_masks.get(key)
            if local is None:
                local = _mask_of(leaf.all_doc_ids(), leaf.doc_count_all())
                with self._segment_lock:
                    self._segment_masks[key] = local
            mask |= local << offset
        return mask

    def site_search(
        self,
        text,
        filters=None,
        *,
        sort="relevance",
        page=1,
        per_page=20,
        since=None,
        facets=True,
        facet_fields=None,
    ):
        """One page of results, the exact total, and facet counts.

        `filters` maps facet field names to the values wanted: values of one field are
        alternatives (OR), fields narrow each other (AND). Each field's counts take every
        filter except its own, so a reader can add a second borough to the first. `since`
        keeps documents updated after that time.
        """
        searcher = self.searcher()
        parsed = self.parse_user_query(text)
        if parsed is None and clean_query_text(text):
            # Only words too common to index ("the", "and"): nothing can match them.
            return RawResults(hits=[], total=0)
        filters = {name: values for name, values in (filters or {}).items() if values}
        size = searcher.doc_count_all()

        all_masks = {}
        for name in set(filters) | set(facet_fields or (self.facet_fields if facets else [])):
            all_masks[name] = self.value_masks(searcher, name)
        group_masks = {}
        for name, values in filters.items():
            mask = 0
            for value in values:
                mask |= all_masks[name].get(value, 0)
            group_masks[name] = mask
        recent = None  # documents updated after `since`
        if since is not None:
            changed = query.DateRange("updated", since, None, startexcl=True)
            recent = _mask_of(searcher.docs_for_query(changed), size)
        allowed = recent  # what the chosen filters (and `since`) let through; None: all
        for mask in group_masks.values():
            allowed = mask if allowed is None else allowed & mask

        by_date = sort == "date" or parsed is None
        limit = max(1, min(page * per_page, MAX_RESULTS))
        if parsed is None:
            matched = self.matches_mask(searcher, None)
            selected = matched if allowed is None else matched & allowed
            results = self._collect(searcher, query.Every(), selected, by_date, limit)
        else:
            # One pass over the matches gives the page and, recorded on the way, every
            # match for the exact total and the facets.
            lookup = phrases_as_pairs(parsed, self.content_field_name).normalize()
            results, recorded = self._collect(
                searcher, lookup, allowed, by_date, limit, record=True
            )
            matched = _mask_of(recorded, size)
            selected = matched if allowed is None else matched & allowed
        if recent is not None:
            matched &= recent
        total = selected.bit_count()

        counts = {}
        if facets:
            for name in facet_fields or self.facet_fields:
                base = matched
                for other, mask in group_masks.items():
                    if other != name:
                        base &= mask
                counts[name] = {
                    value: n
                    for value, mask in all_masks[name].items()
                    if (n := (mask & base).bit_count())
                }
        hits = self._hits(results, parsed, (page - 1) * per_page, per_page)
        return RawResults(hits=hits, total=total, facets=counts)

    @staticmethod
    def _collect(searcher, q, allowed_mask, by_date, limit, record=False):
        """The top `limit` documents allowed by the mask, by score or newest first."""
        if by_date:
            child = collectors.SortingCollector(
                sorting.FieldFacet("date", reverse=True), limit=limit
            )
        else:
            # Every match is visited (no block skipping, no matcher replacement), so that
            # the recorder sees them all; the cost is scoring them, which is small beside
            # finding them.
            child = collectors.TopCollector(limit=limit, usequality=False, replace=0)
        allowed = None if allowed_mask is None else _DocnumSet(allowed_mask)
        collector = _RecordingCollector(child, allowed, record)
        searcher.search_with_collector(q, collector)
        results = collector.results()
        return (results, collector.recorded) if record else results

    def _hits(self, results, parsed, start, per_page):
        if per_page <= 0:
            return []
        results.fragmenter = highlight.ContextFragmenter(
            maxchars=SNIPPET_CHARS, surround=60, charlimit=SNIPPET_SCAN_CHARS
        )
        results.formatter = MarkFormatter()
        if parsed is not None:
            results.q = parsed  # the words as typed mark the snippet, not their pairs
        hits = []
        for hit in results[start : start + per_page]:
            snippet = hit.highlights(self.content_field_name, top=2) if parsed is not None else ""
            fields = hit.fields()
            fields.pop(self.content_field_name, None)
            hits.append(RawHit(fields=fields, snippet=snippet))
        return hits


class _RecordingCollector(collectors.WrappingCollector):
    """Passes a search's matches to the collector of the page, keeping only those the
    filters allow, and (when asked) records every match on the way."""

    def __init__(self, child, allowed, record):
        super().__init__(child)
        self.allowed = allowed
        self.recorded = [] if record else None

    def collect_matches(self):
        child, allowed, offset = self.child, self.allowed, self.offset
        record = self.recorded.append if self.recorded is not None else None
        for sub_docnum in child.matches():
            docnum = offset + sub_docnum
            if record is not None:
                record(docnum)
            if allowed is None or docnum in allowed:
                child.collect(sub_docnum)


class _DocnumSet(idsets.DocIdSet):
    """A bitset that Whoosh can use as a search filter: its collectors ask only whether
    there is one and whether a document number is in it."""

    def __init__(self, mask):
        self.count = mask.bit_count()
        self.bits = mask.to_bytes((mask.bit_length() >> 3) + 1, "little")

    def __bool__(self):
        return True

    def __len__(self):
        return self.count

    def __contains__(self, docnum):
        byte = docnum >> 3
        return byte < len(self.bits) and (self.bits[byte] >> (docnum & 7)) & 1 == 1

    def __iter__(self):
        for byte_index, byte in enumerate(self.bits):
            if byte:
                for bit in range(8):
                    if byte >> bit & 1:
                        yield (byte_index << 3) + bit


class SiteWhooshEngine(WhooshEngine):
    backend = SiteWhooshBackend
