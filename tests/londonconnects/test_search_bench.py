"""A small, quick run of bench/search.py: demo data at a sliver of the target, a full index
build, and every search of the fixed list through the site's search, a few of them through
haystack's defaults too, with no error and the same totals both ways."""

import importlib.util
import io
from pathlib import Path

import pytest
from django.conf import settings

BENCH = Path(settings.BASE_DIR) / "bench"


@pytest.fixture
def bench(monkeypatch):
    monkeypatch.syspath_prepend(str(BENCH))  # as when run as a script: it imports pages.py
    spec = importlib.util.spec_from_file_location("bench_search", BENCH / "search.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.django_db
def test_the_benchmark_seeds_builds_and_times_every_search(bench, search_index):
    seeding = bench.seed(0.001, io.StringIO())
    assert seeding["forums"][0] == 30 + 30 * 40  # threads, and posts four times as many
    counts = bench.record_counts()
    build = bench.build_index()
    indexed = sum(public for _, public in counts.values() if public is not None)
    assert build["documents"] == indexed > 300
    assert set(build["per_model"]) == {label for label in counts if counts[label][1] is not None}

    searches = bench.load_queries()
    assert len(searches) == 200
    assert {"q": "smart card", "type": ["projects"]} in searches
    assert {"q": "", "topic": ["smart-cards"]} in searches
    figures = bench.run_searches(searches, stock_every=40, slowest=1)
    assert figures["stock_sample"] == 5
    assert figures["stock_total_differs"] == []
    assert figures["totals"][searches.index({"q": "smart card"})] > 0
    assert figures["site"]["p50"] <= figures["site"]["p95"] <= figures["site"]["max"]
    assert "core/searching.py" in figures["profile"]
