"""Time the site search at scale: demo data, a full index build, and 200 searches with facets.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/lc_searchbench \\
      VAR_DIR=/tmp/lc-bench-search .venv/bin/python bench/search.py --target
    VAR_DIR=/tmp/lc-bench-search-small .venv/bin/python bench/search.py --scale 0.1

Its own database under VAR_DIR (or DATABASE_URL): `load_reference_data`, then each app's
demo seeder at the scale that makes its share of the target (or a fraction of it with
--scale), run as seed_demo runs it (one transaction, per-record indexing suspended); the
forums' threads are four times their usual length, so the target's 5,000 threads hold
200,000 posts. Then a full build of a Whoosh index in a temporary directory (clear_index,
then update_index for each indexed model in turn, so each type's time and SQL count show),
and the searches of bench/search_queries.txt: each through the site's search
(`SiteSearch.run()`, facets included) and a sample through haystack's defaults
(`SearchQuerySet().auto_query(q).facet(...)`, HAYSTACK_LIMIT_TO_REGISTERED_MODELS True),
after one warm-up pass. Prints Markdown for docs/benchmarks.md, and a profile of the
slowest searches.
"""

import cProfile
import io
import math
import os
import pstats
import random
import tempfile
import time
from contextlib import contextmanager
from importlib import import_module
from pathlib import Path

from common import (
    QueryCounter,
    argument_parser,
    database_engine,
    migrate_and_load_reference_data,
    setup_django,
)

QUERIES = Path(__file__).resolve().parent / "search_queries.txt"
# seeder key: (its demo module, the constant giving records per scale, records at --target)
TARGET = {
    "contacts": ("contacts.demo", "CONTACTS_PER_SCALE", 20_000),
    "projects": ("projects.demo", "PROJECTS_PER_SCALE", 5_000),
    "funding": ("funding.demo", "SOURCES_PER_SCALE", 1_500),
    "papers": ("papers.demo", "PAPERS_PER_SCALE", 3_000),
    "events": ("events.demo", "EVENTS_PER_SCALE", 100),
    "eindex": ("eindex.demo", "GENERATED_PER_SCALE", 10_000),
    "forums": ("forums.demo", "THREADS_PER_SCALE", 5_000),
}
# The forums' seeder writes 10 posts a thread on average; the target's threads average 40.
# Groups stay at seed_demo's scale 10 (61): London's partnership has dozens, not thousands.
SEEDER_OPTIONS = {"forums": {"post_multiplier": 4}, "contacts": {"group_scale": 10}}
STOCK = "stock"


# Data ------------------------------------------------------------------------------------
def seeder_scales(fraction):
    """Each seeder's own scale: the smallest that makes `fraction` of its target count."""
    scales = {}
    for key, (module, per_scale, target) in TARGET.items():
        per_scale = getattr(import_module(module), per_scale)
        scales[key] = max(1, math.ceil(target * fraction / per_scale))
    return scales


def seed(fraction, stdout):
    """Run every registered seeder at its own scale; returns {key: (created, seconds)}.

    Change history is off while seeding: search never reads it, and django-simple-history's
    rows for each record and each relation cost more than the records themselves.
    """
    from django.db import transaction
    from django.test.utils import override_settings

    from core import registry
    from core.search import indexing_suspended

    scales = seeder_scales(fraction)
    figures = {}
    for seeder in registry.seeders():
        rng = random.Random(f"2004:{seeder.key}")  # the generator seed_demo gives it
        started = time.perf_counter()
        options = SEEDER_OPTIONS.get(seeder.key, {})
        with (
            override_settings(SIMPLE_HISTORY_ENABLED=False),
            indexing_suspended(),
            transaction.atomic(),
        ):
            created = seeder.run(scale=scales.get(seeder.key, 1), rng=rng, stdout=stdout, **options)
        figures[seeder.key] = (created or 0, time.perf_counter() - started)
    return figures


def indexed_models():
    from haystack import connections

    models = connections["default"].get_unified_index().get_indexed_models()
    return sorted(models, key=lambda model: model._meta.label)


def record_counts():
    """{label: (rows in the database, rows its index takes)}, and the forums' posts."""
    from haystack import connections

    from forums.models import Post

    unified = connections["default"].get_unified_index()
    counts = {}
    for model in indexed_models():
        index = unified.get_index(model)
        counts[model._meta.label] = (model._default_manager.count(), index.index_queryset().count())
    counts["forums.Post"] = (Post.objects.count(), None)
    return counts


# Index -----------------------------------------------------------------------------------
def index_path():
    from django.conf import settings

    return Path(settings.HAYSTACK_CONNECTIONS["default"]["PATH"])


def index_figures():
    from haystack import connections

    backend = connections["default"].get_backend()
    backend.setup_complete = False
    backend.setup()
    return {
        "documents": backend.index.doc_count(),
        "segments": len(backend.index._segments()),
        "bytes": sum(f.stat().st_size for f in index_path().rglob("*") if f.is_file()),
    }


def build_index(workers=0, batch_size=None):
    """A full rebuild, as rebuild_index does it (clear_index, then update_index), one model
    at a time so that each one's seconds and SQL statements show."""
    from django.core.management import call_command
    from django.db import connection

    quiet = io.StringIO()
    per_model = {}
    started, cpu_started = time.perf_counter(), time.process_time()
    call_command("clear_index", interactive=False, using=["default"], stdout=quiet)
    for model in indexed_models():
        queries = QueryCounter()
        model_started, model_cpu = time.perf_counter(), time.process_time()
        with connection.execute_wrapper(queries):
            call_command(
                "update_index",
                model._meta.label,
                using=["default"],
                workers=workers,
                batchsize=batch_size,
                verbosity=0,
                stdout=quiet,
            )
        per_model[model._meta.label] = (
            time.perf_counter() - model_started,
            time.process_time() - model_cpu,
            len(queries),
        )
    return {
        "per_model": per_model,
        "seconds": time.perf_counter() - started,
        "cpu_seconds": time.process_time() - cpu_started,
        **index_figures(),
    }


# Searches --------------------------------------------------------------------------------
def load_queries(path=QUERIES):
    """The searches of the file as parameter dicts, as SiteSearch.from_params reads them."""
    searches = []
    for line in path.read_text().splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        words, _, filters = line.partition(" | ")
        params = {"q": words.strip()}
        for pair in filters.split():
            key, _, value = pair.partition("=")
            params.setdefault(key, []).append(value)
        searches.append(params)
    return searches


def describe(params):
    filters = " ".join(
        f"{key}={value}" for key, values in params.items() if key != "q" for value in values
    )
    return " | ".join(part for part in (params["q"], filters) if part)


def site_search(params):
    """What the search page asks of the index: one page of results with every facet."""
    from core.searching import SiteSearch

    return SiteSearch.from_params(params).run().total


def site_suggestion(params):
    """The page's other question: "did you mean" (asked of the word list)."""
    from core.searching import SiteSearch

    return SiteSearch.from_params(params).suggestion()


@contextmanager
def stock_haystack():
    """A second haystack connection to the same index through haystack's own Whoosh backend,
    with its defaults (every search limited to the registered models)."""
    from django.test.utils import override_settings
    from haystack import connections

    info = connections.connections_info
    info[STOCK] = {
        "ENGINE": "haystack.backends.whoosh_backend.WhooshEngine",
        "PATH": info["default"]["PATH"],
    }
    try:
        with override_settings(HAYSTACK_LIMIT_TO_REGISTERED_MODELS=True):
            yield
    finally:
        del info[STOCK]
        getattr(connections.thread_local, "connections", {}).pop(STOCK, None)


def stock_search(params):
    """The same search the way haystack's FacetedSearchView would run it: auto_query, a
    facet per facet field, a narrow per filter, and the first page of 20."""
    from haystack.query import SearchQuerySet

    from core.searching import FACET_BY_PARAM, FACETS

    sqs = SearchQuerySet(using=STOCK)
    sqs = sqs.auto_query(params["q"]) if params["q"] else sqs.all()
    for facet in FACETS:
        sqs = sqs.facet(facet.field)
    for param, values in params.items():
        if param in FACET_BY_PARAM:
            alternatives = " OR ".join(f'"{value}"' for value in values)
            sqs = sqs.narrow(f"{FACET_BY_PARAM[param].field}:({alternatives})")
    if params.get("sort") == ["date"] or not params["q"]:
        sqs = sqs.order_by("-date")
    list(sqs[:20])
    sqs.facet_counts()
    return sqs.count()


def timed(function, searches):
    """Each search's milliseconds after a warm-up pass, as (wall clock, CPU) pairs, and
    each one's answer. CPU time is this thread's: on a busy machine it still shows the
    work a search costs when wall-clock time also shows the wait for a core."""
    for params in searches:
        function(params)
    times, answers = [], []
    for params in searches:
        started, cpu_started = time.perf_counter(), time.thread_time()
        answers.append(function(params))
        times.append(
            (
                (time.perf_counter() - started) * 1000,
                (time.thread_time() - cpu_started) * 1000,
            )
        )
    return times, answers


def percentiles(times):
    """p50, p95 and max of the wall-clock times, p50 and p95 of the CPU times."""

    def nth(values, share):
        return sorted(values)[max(0, math.ceil(len(values) * share) - 1)]

    wall, cpu = [t[0] for t in times], [t[1] for t in times]
    return {
        "p50": nth(wall, 0.5),
        "p95": nth(wall, 0.95),
        "max": max(wall),
        "cpu50": nth(cpu, 0.5),
        "cpu95": nth(cpu, 0.95),
    }


def profile(searches, repeat=3):
    """cProfile of the site search over `searches`: the functions of the search code and
    Whoosh's, by cumulative time."""
    profiler = cProfile.Profile()
    profiler.enable()
    for _ in range(repeat):
        for params in searches:
            site_search(params)
    profiler.disable()
    out = io.StringIO()
    stats = pstats.Stats(profiler, stream=out).sort_stats("cumulative")
    stats.print_stats(r"core/(whoosh_backend|searching)|whoosh/", 30)
    return out.getvalue()


def run_searches(searches, stock_every=10, slowest=5):
    """Time every search through the site's search, and every `stock_every`th one through
    haystack's defaults as well (0: none). Returns the figures for the report."""
    figures = {"searches": len(searches)}
    times, totals = timed(site_search, searches)
    figures["site"] = percentiles(times)
    figures["site_times"] = times
    figures["totals"] = totals
    suggestion_times, suggestions = timed(site_suggestion, searches)
    figures["suggestion"] = percentiles(suggestion_times)
    figures["suggestions"] = sum(1 for s in suggestions if s)
    figures["page"] = percentiles(
        [(a[0] + b[0], a[1] + b[1]) for a, b in zip(times, suggestion_times, strict=True)]
    )
    order = sorted(range(len(searches)), key=lambda i: times[i][1], reverse=True)
    figures["slowest"] = [(describe(searches[i]), *times[i], totals[i]) for i in order[:slowest]]
    figures["profile"] = profile([searches[i] for i in order[:slowest]])
    if stock_every:
        sample = list(range(0, len(searches), stock_every))
        with stock_haystack():
            stock_times, stock_totals = timed(stock_search, [searches[i] for i in sample])
        figures["stock_sample"] = len(sample)
        figures["stock"] = percentiles(stock_times)
        figures["site_on_sample"] = percentiles([times[i] for i in sample])
        figures["stock_total_differs"] = [
            describe(searches[i])
            for i, stock_total in zip(sample, stock_totals, strict=True)
            if stock_total != totals[i]
        ]
    return figures


# Report ----------------------------------------------------------------------------------
def print_report(scales, seeding, counts, build, searches):
    print("| seeder | scale | created | seconds |")
    print("|---|---:|---:|---:|")
    for key, (created, seconds) in seeding.items():
        print(f"| {key} | {scales.get(key, 1)} | {created:,} | {seconds:.1f} |")
    print("\n| records | in the database | indexed |")
    print("|---|---:|---:|")
    for label, (total, public) in counts.items():
        print(f"| {label} | {total:,} | {'' if public is None else f'{public:,}'} |")
    if build.get("per_model"):
        print("\n| index build | seconds | CPU seconds | SQL statements |")
        print("|---|---:|---:|---:|")
        for label, (seconds, cpu_seconds, queries) in build["per_model"].items():
            print(f"| {label} | {seconds:.1f} | {cpu_seconds:.1f} | {queries:,} |")
        print(
            f"\nFull build: {build['documents']:,} documents in {build['seconds']:.0f} s "
            f"({build['cpu_seconds']:.0f} s CPU in this process), "
            f"{build['documents'] / build['seconds']:.0f} documents/s."
        )
    print(
        f"Index: {build['documents']:,} documents, {build['bytes'] / 2**20:.0f} MiB on disk "
        f"in {build['segments']} segments."
    )
    n = searches["searches"]
    print(
        f"\n| {n} searches, after a warm-up pass | p50 ms | p95 ms | max ms "
        "| CPU p50 ms | CPU p95 ms |"
    )
    print("|---|---:|---:|---:|---:|---:|")
    rows = [
        ("SiteSearch.run() (results and six facets)", searches["site"]),
        ("SiteSearch.suggestion()", searches["suggestion"]),
        ("both (what the search page asks)", searches["page"]),
    ]
    if "stock" in searches:
        k = searches["stock_sample"]
        rows += [
            (f"SiteSearch.run(), the {k} searches of the sample", searches["site_on_sample"]),
            (f"haystack defaults, the same {k} searches", searches["stock"]),
        ]
    for label, p in rows:
        print(
            f"| {label} | {p['p50']:.1f} | {p['p95']:.1f} | {p['max']:.1f} "
            f"| {p['cpu50']:.1f} | {p['cpu95']:.1f} |"
        )
    if "stock" in searches:
        site, stock = searches["site_on_sample"], searches["stock"]
        print(
            f"\nhaystack defaults / SiteSearch on the sample: "
            f"p50 {stock['p50'] / site['p50']:.0f}×, p95 {stock['p95'] / site['p95']:.0f}×. "
            "Totals differ on "
            f"{len(searches['stock_total_differs'])} of {searches['stock_sample']}: "
            + "; ".join(searches["stock_total_differs"])
        )
    empty = sum(1 for total in searches["totals"] if not total)
    print(
        f"\nSearches with no results: {empty} of {n}; suggestions offered: "
        f"{searches['suggestions']}.\n\nSlowest searches (SiteSearch.run(), by CPU time):"
    )
    for label, ms, cpu_ms, total in searches["slowest"]:
        print(f"- `{label}`: {ms:.1f} ms ({cpu_ms:.1f} ms CPU), {total:,} results")
    print("\nProfile of the slowest searches, three runs each:\n```")
    print(searches["profile"].strip())
    print("```")


def main():
    parser = argument_parser(__doc__)
    size = parser.add_mutually_exclusive_group()
    size.add_argument("--scale", type=float, default=0.1, help="Fraction of the target data.")
    size.add_argument("--target", action="store_const", const=1.0, dest="scale")
    parser.add_argument("--index-dir", help="Where the index goes (default: a new temp dir).")
    parser.add_argument(
        "--reuse-index", action="store_true", help="Search the index in --index-dir as it is."
    )
    parser.add_argument("--workers", type=int, default=0, help="update_index --workers.")
    parser.add_argument("--batch-size", type=int, default=None, help="update_index -b.")
    parser.add_argument(
        "--stock-every",
        type=int,
        default=10,
        help="Time every Nth search through haystack's defaults too (0: none; 1: all).",
    )
    args = parser.parse_args()
    if args.reuse_index and not args.index_dir:
        parser.error("--reuse-index needs --index-dir")

    os.environ["WHOOSH_PATH"] = args.index_dir or tempfile.mkdtemp(prefix="lc-search-bench-")

    setup_django()
    migrate_and_load_reference_data()
    print(
        f"Fraction {args.scale:g} of the target on {database_engine()}; index in {index_path()}.\n"
    )
    seeding = seed(args.scale, io.StringIO())
    counts = record_counts()
    build = index_figures() if args.reuse_index else build_index(args.workers, args.batch_size)
    searches = run_searches(load_queries(), stock_every=args.stock_every)
    print_report(seeder_scales(args.scale), seeding, counts, build, searches)
    print(
        "\nLoad average at the end (1, 5, 15 min): {:.1f}, {:.1f}, {:.1f}".format(*os.getloadavg())
    )


if __name__ == "__main__":
    main()
