"""Time the public pages and count their SQL queries at a given demo-data scale.

    VAR_DIR=/tmp/lc-bench .venv/bin/python bench/pages.py --scale 10 --repeat 20

Uses its own SQLite database under VAR_DIR (or DATABASE_URL if set), fills it with
`load_reference_data` and `seed_demo --scale N`, then requests each page through Django's
test client. Prints a Markdown table for docs/benchmarks.md.
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "londonconnects.settings.dev")
os.environ.setdefault("DEBUG", "false")


class QueryCounter(list):
    """A database execute wrapper that records each statement it lets through."""

    def __call__(self, execute, sql, params, many, context):
        self.append(sql)
        return execute(sql, params, many, context)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=int, default=1)
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args()

    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import override_settings, setup_test_environment

    from contacts.models import Contact, Group, Organisation

    setup_test_environment()
    settings.ALLOWED_HOSTS = ["testserver"]
    # Pages, not asset hashing, are measured: no collectstatic manifest is needed.
    override_settings(
        STORAGES={
            **settings.STORAGES,
            "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
        }
    ).enable()
    call_command("migrate", verbosity=0)
    call_command("load_reference_data", verbosity=0)
    started = time.perf_counter()
    call_command("seed_demo", scale=args.scale, verbosity=0)
    seed_seconds = time.perf_counter() - started

    pages = {
        "home": "/",
        "organisations": "/organisations/",
        "organisation (Camden)": Organisation.objects.get(slug="camden").get_absolute_url(),
        "contacts": "/contacts/",
        "contact": Contact.objects.public().first().get_absolute_url(),
        "groups": "/groups/",
        "group": Group.objects.first().get_absolute_url(),
    }
    client = Client()
    print(
        f"Scale {args.scale}: {Organisation.objects.count()} organisations, "
        f"{Contact.objects.count()} contacts, {Group.objects.count()} groups; "
        f"seed_demo took {seed_seconds:.1f} s.\n"
    )
    print("| page | queries | median ms | p95 ms |")
    print("|---|---:|---:|---:|")
    for label, path in pages.items():
        queries = QueryCounter()
        with connection.execute_wrapper(queries):
            response = client.get(path)
        assert response.status_code == 200, (path, response.status_code)
        timings = []
        for _ in range(args.repeat):
            start = time.perf_counter()
            client.get(path)
            timings.append((time.perf_counter() - start) * 1000)
        timings.sort()
        p95 = timings[max(0, int(len(timings) * 0.95) - 1)]
        print(f"| {label} | {len(queries)} | {statistics.median(timings):.1f} | {p95:.1f} |")


if __name__ == "__main__":
    main()
