"""A small, quick run of bench/linkcheck.py: many loopback hosts, every kind of answer,
every URL classified as its server says, and no host ever over its cap."""

import importlib.util
from pathlib import Path

import pytest
from django.conf import settings

BENCH = Path(settings.BASE_DIR) / "bench"


@pytest.fixture
def bench(monkeypatch):
    monkeypatch.syspath_prepend(str(BENCH))  # as when run as a script: it imports common.py
    spec = importlib.util.spec_from_file_location("bench_linkcheck", BENCH / "linkcheck.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_benchmark_classifies_every_url_and_keeps_the_cap(bench):
    figures = bench.run(300, 30, timeout=1.0, host_delay=0.05, retry_delay=0.1)
    assert figures["urls"] == 300
    assert set(figures["mix"]) == set(bench.MIX)  # every kind of answer is in the run
    assert figures["wrong"] == []
    assert figures["max_in_flight_per_host"] == figures["per_host_cap"] == 2
