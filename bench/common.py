"""What the benchmarks share: Django on the dev settings, a database filled with the demo
data, and pages timed and their SQL counted through Django's test client.

The scripts import it as `common`: run as `python bench/<name>.py`, bench/ is on the path.
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

PROJECT_DIR = Path(__file__).resolve().parent.parent


class QueryCounter(list):
    """A database execute wrapper that records each statement it lets through."""

    def __call__(self, execute, sql, params, many, context):
        self.append(sql)
        return execute(sql, params, many, context)


def argument_parser(doc):
    """A parser described by the first line of the script's docstring."""
    return argparse.ArgumentParser(description=doc.splitlines()[0])


def page_arguments(doc):
    """--scale (of seed_demo) and --repeat (requests timed per page), parsed."""
    parser = argument_parser(doc)
    parser.add_argument("--scale", type=int, default=1)
    parser.add_argument("--repeat", type=int, default=20)
    return parser.parse_args()


def setup_django(debug_off=True):
    """Django on the dev settings unless DJANGO_SETTINGS_MODULE says otherwise. With
    `debug_off`, DEBUG too is off unless the environment turns it on: a deploy's figures,
    without the debug query log."""
    sys.path.insert(0, str(PROJECT_DIR))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "londonconnects.settings.dev")
    if debug_off:
        os.environ.setdefault("DEBUG", "false")
    import django

    django.setup()


def database_engine():
    """The default database's engine, as the reports name it: sqlite3, postgresql."""
    from django.conf import settings

    return settings.DATABASES["default"]["ENGINE"].rsplit(".", 1)[-1]


def migrate_and_load_reference_data():
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    call_command("load_reference_data", verbosity=0)


def seed_demo(scale):
    """Every app's demo data at `scale`, as `seed_demo --scale` makes it; returns its seconds."""
    from django.core.management import call_command

    started = time.perf_counter()
    call_command("seed_demo", scale=scale, verbosity=0)
    return time.perf_counter() - started


def page_client():
    """A test client, with Django's test environment set up (mail goes to an outbox) and the
    test server's host allowed."""
    from django.conf import settings
    from django.test import Client
    from django.test.utils import override_settings, setup_test_environment

    setup_test_environment()
    settings.ALLOWED_HOSTS = ["testserver"]
    # Pages, not asset hashing, are measured: no collectstatic manifest is needed.
    override_settings(
        STORAGES={
            **settings.STORAGES,
            "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
        }
    ).enable()
    return Client()


def fetch(client, path):
    """The body of a GET of `path`, a streamed one read to its end; it must answer 200."""
    response = client.get(path)
    body = b"".join(response.streaming_content) if response.streaming else response.content
    assert response.status_code == 200, (path, response.status_code)
    return body


def print_page_table(client, pages, repeat, show_bytes=False):
    """A Markdown table of {label: path}: each page's SQL queries (and bytes) at a first
    request, then the median and p95 milliseconds of `repeat` more."""
    from django.db import connection

    if show_bytes:
        print("| page | queries | bytes | median ms | p95 ms |")
        print("|---|---:|---:|---:|---:|")
    else:
        print("| page | queries | median ms | p95 ms |")
        print("|---|---:|---:|---:|")
    for label, path in pages.items():
        queries = QueryCounter()
        with connection.execute_wrapper(queries):
            size = len(fetch(client, path))
        timings = []
        for _ in range(repeat):
            start = time.perf_counter()
            fetch(client, path)
            timings.append((time.perf_counter() - start) * 1000)
        timings.sort()
        p95 = timings[max(0, int(len(timings) * 0.95) - 1)]
        median = statistics.median(timings)
        size_cell = f" {size:,} |" if show_bytes else ""
        print(f"| {label} | {len(queries)} |{size_cell} {median:.1f} | {p95:.1f} |")
