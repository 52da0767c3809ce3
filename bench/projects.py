"""Time the project register's pages, feed and CSV export at a given demo-data scale.

    VAR_DIR=/tmp/lc-bench-projects .venv/bin/python bench/projects.py --scale 10 --repeat 20

Like bench/pages.py (whose query counter it uses): its own database under VAR_DIR (or
DATABASE_URL), filled by `load_reference_data` and `seed_demo --scale N` (60 projects a
scale), pages requested through Django's test client. Prints a Markdown table.
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

from pages import QueryCounter  # noqa: E402 - bench/ is on the path when run as a script


def fetch(client, path):
    response = client.get(path)
    body = b"".join(response.streaming_content) if response.streaming else response.content
    assert response.status_code == 200, (path, response.status_code)
    return body


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

    from projects.models import Project

    setup_test_environment()
    settings.ALLOWED_HOSTS = ["testserver"]
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

    filters = "?status=active&programme=invest-to-save&sub_region=east&topic=smart-cards"
    pages = {
        "projects": "/projects/",
        "projects, four filters": "/projects/" + filters,
        "projects, text and year": "/projects/?q=smart+card&year=2025&sort=start",
        "project": Project.objects.public().first().get_absolute_url(),
        "organisation (Newham)": "/organisations/newham/",
        "feed": "/projects/feed/",
        "export, all": "/projects/export.csv",
        "export, east": "/projects/export.csv?sub_region=east",
    }
    client = Client()
    print(
        f"Scale {args.scale}: {Project.objects.count()} projects; "
        f"seed_demo (every app) took {seed_seconds:.1f} s.\n"
    )
    print("| page | queries | bytes | median ms | p95 ms |")
    print("|---|---:|---:|---:|---:|")
    for label, path in pages.items():
        queries = QueryCounter()
        with connection.execute_wrapper(queries):
            size = len(fetch(client, path))
        timings = []
        for _ in range(args.repeat):
            start = time.perf_counter()
            fetch(client, path)
            timings.append((time.perf_counter() - start) * 1000)
        timings.sort()
        p95 = timings[max(0, int(len(timings) * 0.95) - 1)]
        median = statistics.median(timings)
        print(f"| {label} | {len(queries)} | {size:,} | {median:.1f} | {p95:.1f} |")


if __name__ == "__main__":
    main()
