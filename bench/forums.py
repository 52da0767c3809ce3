"""Time the forums' demo generator at a large scale, the recount, and the forum pages.

    VAR_DIR=/tmp/lc-bench-forums .venv/bin/python bench/forums.py --scale 667 --repeat 20

Its own database under VAR_DIR (or DATABASE_URL): `load_reference_data`, `seed_demo
--scale 1` for every app, then the forums' seeder alone at --scale N (30 threads and 300
posts a scale: 667 makes 200,100 posts), as seed_demo runs it (one transaction, per-record
indexing suspended). Then `recount_forums`, and each forum page through Django's test
client with its query count. Prints Markdown.
"""

import argparse
import os
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "londonconnects.settings.dev")
os.environ.setdefault("DEBUG", "false")

from pages import QueryCounter  # noqa: E402 - bench/ is on the path when run as a script


def timed(client, path, repeat):
    from django.db import connection

    queries = QueryCounter()
    with connection.execute_wrapper(queries):
        response = client.get(path)
    assert response.status_code == 200, (path, response.status_code)
    timings = []
    for _ in range(repeat):
        start = time.perf_counter()
        client.get(path)
        timings.append((time.perf_counter() - start) * 1000)
    timings.sort()
    p95 = timings[max(0, int(len(timings) * 0.95) - 1)]
    return len(queries), statistics.median(timings), p95


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=int, default=1)
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args()

    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.db import transaction
    from django.test import Client
    from django.test.utils import override_settings, setup_test_environment

    from core.search import indexing_suspended
    from forums import demo
    from forums.models import Category, Post, Thread

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
    call_command("seed_demo", scale=1, verbosity=0)

    started = time.perf_counter()
    with indexing_suspended(), transaction.atomic():
        demo.seed(scale=args.scale, rng=random.Random("2004:forums"), stdout=sys.stdout)
    seed_seconds = time.perf_counter() - started
    started = time.perf_counter()
    call_command("recount_forums", stdout=open(os.devnull, "w"))  # noqa: SIM115
    recount_seconds = time.perf_counter() - started

    engine = settings.DATABASES["default"]["ENGINE"].rsplit(".", 1)[-1]
    print(
        f"Scale {args.scale} on {engine}: {Thread.objects.count():,} threads, "
        f"{Post.objects.count():,} posts; the forums' seeder took {seed_seconds:.1f} s, "
        f"recount_forums {recount_seconds:.1f} s.\n"
    )
    biggest = Category.objects.public().order_by("-thread_count").first()
    last_category_page = (biggest.thread_count - 1) // 25 + 1
    longest = Thread.objects.public().order_by("-last_position").first()
    last_thread_page = (longest.last_position - 1) // 20 + 1
    pages = {
        "forums": "/forums/",
        f"category ({biggest.thread_count:,} threads), page 1": biggest.get_absolute_url(),
        f"category, page {last_category_page}": (
            f"{biggest.get_absolute_url()}?page={last_category_page}"
        ),
        f"thread ({longest.last_position} posts), page 1": longest.get_absolute_url(),
        f"thread, page {last_thread_page}": (
            f"{longest.get_absolute_url()}?page={last_thread_page}"
        ),
    }
    print("| page | queries | median ms | p95 ms |")
    print("|---|---:|---:|---:|")
    client = Client()
    for label, path in pages.items():
        queries, median, p95 = timed(client, path, args.repeat)
        print(f"| {label} | {queries} | {median:.1f} | {p95:.1f} |")


if __name__ == "__main__":
    main()
