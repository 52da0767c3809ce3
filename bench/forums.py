"""Time the forums' demo generator at a large scale, the recount, and the forum pages.

    VAR_DIR=/tmp/lc-bench-forums .venv/bin/python bench/forums.py --scale 667 --repeat 20

Its own database under VAR_DIR (or DATABASE_URL): `load_reference_data`, `seed_demo
--scale 1` for every app, then the forums' seeder alone at --scale N (30 threads and 300
posts a scale: 667 makes 200,100 posts), as seed_demo runs it (one transaction, per-record
indexing suspended). Then `recount_forums`, and each forum page through Django's test
client with its query count. Prints Markdown.
"""

import os
import random
import sys
import time

from common import (
    database_engine,
    migrate_and_load_reference_data,
    page_arguments,
    page_client,
    print_page_table,
    seed_demo,
    setup_django,
)


def main():
    args = page_arguments(__doc__)
    setup_django()
    from django.core.management import call_command
    from django.db import transaction

    from core.search import indexing_suspended
    from forums import demo
    from forums.models import Category, Post, Thread

    client = page_client()
    migrate_and_load_reference_data()
    seed_demo(1)

    started = time.perf_counter()
    with indexing_suspended(), transaction.atomic():
        demo.seed(scale=args.scale, rng=random.Random("2004:forums"), stdout=sys.stdout)
    seed_seconds = time.perf_counter() - started
    started = time.perf_counter()
    call_command("recount_forums", stdout=open(os.devnull, "w"))  # noqa: SIM115
    recount_seconds = time.perf_counter() - started

    print(
        f"Scale {args.scale} on {database_engine()}: {Thread.objects.count():,} threads, "
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
    print_page_table(client, pages, args.repeat)


if __name__ == "__main__":
    main()
