"""Build and send the daily digests of 10,000 members to a local SMTP server, and time it.

    VAR_DIR=/tmp/lc-bench-digests .venv/bin/python bench/digests.py --members 10000

Its own database under VAR_DIR (or DATABASE_URL): `load_reference_data`, `seed_demo --scale
1`, then N members with mixed subscriptions (topics, forum watches, funding deadlines,
saved searches of the lists, partner editors' organisations; a tenth weekly only), made in
bulk; the demo records' dates spread over four months (a few in the last day) and some
fresh forum replies, so that a daily digest holds what a day brings. Then a fresh process
does what the Celery workers do (its peak memory is a worker's): plans the daily run and
sends every batch through digests.sending, over SMTP, to an aiosmtpd server on 127.0.0.1
in a third process, with the sending journal in Redis (--journal-url; "" keeps it in the
database). Prints Markdown.
"""

import json
import os
import random
import resource
import socket
import subprocess
import sys
import time
from pathlib import Path

from common import (
    QueryCounter,
    argument_parser,
    database_engine,
    migrate_and_load_reference_data,
    seed_demo,
    setup_django,
)

EMAIL_DOMAIN = "bench-digests.example"
SAVED_SEARCHES = [
    ("projects", {"status": "active"}),
    ("projects", {"sub_region": "east"}),
    ("projects", {"q": "smart card"}),
    ("funding", {"scope": "european"}),
    ("funding", {"applicant": "local-authorities"}),
    ("papers", {"q": "strategy"}),
    ("events", {}),
    ("eindex", {}),
]


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def run_sink(port):
    """An SMTP server that accepts and counts; prints the count when stdin closes."""
    import asyncio  # noqa: F401 - aiosmtpd's handlers are coroutines
    import logging

    from aiosmtpd.controller import Controller

    logging.getLogger("mail.log").setLevel(logging.WARNING)

    class Counter:
        count = 0
        connections = set()

        async def handle_DATA(self, server, session, envelope):
            Counter.count += 1
            Counter.connections.add(id(session))
            return "250 2.0.0 Accepted"

    controller = Controller(Counter(), hostname="127.0.0.1", port=port)
    controller.start()
    print("ready", flush=True)
    sys.stdin.read()
    controller.stop()
    print(json.dumps({"received": Counter.count, "connections": len(Counter.connections)}))


def make_members(count, rng):
    """`count` members with verified addresses and a mix of subscriptions, in bulk."""
    from allauth.account.models import EmailAddress
    from django.contrib.auth import get_user_model
    from django.contrib.auth.hashers import make_password
    from taggit.models import Tag

    from digests import saved
    from digests.models import Delivery, Frequency, Run, SavedSearch, Subscriber
    from forums.models import Category, Thread, Watch
    from funding.models import ApplicantKind
    from projects.models import Project

    User = get_user_model()
    Run.objects.all().delete()
    Delivery.objects.all().delete()
    User.objects.filter(email__endswith=f"@{EMAIL_DOMAIN}").delete()

    users = User.objects.bulk_create(
        [
            User(
                email=f"member{n}@{EMAIL_DOMAIN}",
                full_name=f"Bench Member {n}",
                password=make_password(None),
            )
            for n in range(count)
        ],
        batch_size=1000,
    )
    EmailAddress.objects.bulk_create(
        [EmailAddress(user=u, email=u.email, verified=True, primary=True) for u in users],
        batch_size=1000,
    )
    tags = list(Tag.objects.filter(taggit_taggeditem_items__isnull=False).distinct())
    kinds = list(ApplicantKind.objects.all())
    threads = list(Thread.objects.public().values_list("pk", flat=True))
    categories = list(Category.objects.public().values_list("pk", flat=True))
    owners = list(Project.objects.values_list("lead_organisation", flat=True).distinct())
    queries = [saved.canonical_query(scope, params) for scope, params in SAVED_SEARCHES]

    subscribers, topic_links, kind_links, watches, searches, editors = [], [], [], [], [], []
    for user in users:
        frequency = Frequency.WEEKLY if rng.random() < 0.1 else Frequency.DAILY
        wants = rng.sample(["topics", "forums", "deadlines", "search", "organisation"], 2)
        subscriber = Subscriber(
            member=user,
            forum_frequency=frequency if "forums" in wants else Frequency.OFF,
            topic_frequency=frequency if "topics" in wants else Frequency.OFF,
            deadline_frequency=frequency if "deadlines" in wants else Frequency.OFF,
            organisation_frequency=frequency if "organisation" in wants else Frequency.OFF,
        )
        subscribers.append(subscriber)
        for tag in rng.sample(tags, rng.randint(1, 3)):
            topic_links.append(Subscriber.topics.through(subscriber_id=user.pk, tag_id=tag.pk))
        if "deadlines" in wants and rng.random() < 0.5:
            kind = rng.choice(kinds)
            kind_links.append(
                Subscriber.applicant_kinds.through(subscriber_id=user.pk, applicantkind_id=kind.pk)
            )
        if "forums" in wants:
            for thread in rng.sample(threads, rng.randint(1, 3)):
                watches.append(Watch(user=user, thread_id=thread))
            if rng.random() < 0.3:
                watches.append(Watch(user=user, category_id=rng.choice(categories)))
        if "search" in wants:
            scope_query = rng.randrange(len(queries))
            searches.append(
                SavedSearch(
                    member=user,
                    name=f"Search {scope_query}",
                    scope=SAVED_SEARCHES[scope_query][0],
                    query=queries[scope_query],
                    frequency=frequency,
                )
            )
        if "organisation" in wants:
            editors.append(
                User.organisations.through(user_id=user.pk, organisation_id=rng.choice(owners))
            )
    Subscriber.objects.bulk_create(subscribers, batch_size=1000)
    Subscriber.topics.through.objects.bulk_create(topic_links, batch_size=2000)
    Subscriber.applicant_kinds.through.objects.bulk_create(kind_links, batch_size=2000)
    Watch.objects.bulk_create(watches, batch_size=2000)
    SavedSearch.objects.bulk_create(searches, batch_size=2000)
    User.organisations.through.objects.bulk_create(editors, batch_size=2000)
    return {"watches": len(watches), "saved searches": len(searches), "editors": len(editors)}


def age_content(rng, days=120, fresh_share=0.04):
    """Spread the demo records' dates over the last `days` days, a few in the last day: the
    demo data is all made "now", which would put every record in every first digest."""
    import datetime
    from collections import defaultdict

    from django.utils import timezone

    from core import registry
    from funding.models import FundingRound

    now = timezone.now()

    def moment():
        if rng.random() < fresh_share:
            return now - datetime.timedelta(hours=rng.uniform(0.5, 20))
        return now - datetime.timedelta(days=rng.randint(2, days))

    targets = [
        (c.public().model, c.date_field, c.created_field) for c in registry.collections()
    ] + [(FundingRound, "updated_at", None)]
    for model, date_field, created_field in targets:
        buckets = defaultdict(list)
        for pk in model._default_manager.values_list("pk", flat=True):
            buckets[moment().replace(minute=0, second=0, microsecond=0)].append(pk)
        for when, pks in buckets.items():
            fields = {date_field: when}
            if created_field:
                fields[created_field] = when
            model._default_manager.filter(pk__in=pks).update(**fields)


def fresh_replies(rng, count=200):
    """Replies posted in the last hours to threads the members watch."""
    import datetime

    from django.contrib.auth import get_user_model
    from django.utils import timezone

    from core.search import indexing_suspended
    from forums import services
    from forums.models import Thread

    authors = list(
        get_user_model()
        .objects.exclude(email__endswith=f"@{EMAIL_DOMAIN}")
        .filter(forum_posts__isnull=False)
        .distinct()[:50]
    )
    threads = list(Thread.objects.public().order_by("?")[:count])
    now = timezone.now()
    with indexing_suspended():
        for n, thread in enumerate(threads):
            services.add_reply(
                thread=thread,
                author=rng.choice(authors),
                body="A fresh reply for the digests' benchmark.",
                now=now - datetime.timedelta(minutes=n),
            )


def send(batch_size, journal_url):
    """The workers' job in this process: plan the daily run and send every batch."""
    import uuid

    from django.conf import settings
    from django.db import connection

    from digests.models import Frequency, Run
    from digests.sending import send_scheduled_batch
    from digests.tasks import finish_if_done, plan, start_run

    settings.DIGESTS_BATCH_SIZE = batch_size
    settings.DIGESTS_JOURNAL_URL = journal_url
    queries = QueryCounter()
    totals = {"sent": 0, "skipped": 0, "failed": 0, "batches": 0}
    wall, cpu = time.perf_counter(), time.process_time()
    with connection.execute_wrapper(queries):
        run = start_run(Frequency.DAILY)
        batches = plan(run)
        for batch in batches:
            result = send_scheduled_batch(run, batch, str(uuid.uuid4()))
            totals["sent"] += result.sent
            totals["skipped"] += result.skipped
            totals["failed"] += result.failed + result.interrupted
            totals["batches"] += 1
        finish_if_done(run)
    totals["wall"] = time.perf_counter() - wall
    totals["cpu"] = time.process_time() - cpu
    totals["queries"] = len(queries)
    totals["members"] = Run.objects.with_counts().get(pk=run.pk).members
    totals["peak_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return totals


def main():
    parser = argument_parser(__doc__)
    parser.add_argument("--members", type=int, default=10_000)
    parser.add_argument("--batch-size", type=int, default=500)
    parser.add_argument("--journal-url", default="redis://127.0.0.1:6379/2")
    parser.add_argument("--phase", choices=["all", "send", "sink"], default="all")
    parser.add_argument("--port", type=int, default=0)
    args = parser.parse_args()

    if args.phase == "sink":
        run_sink(args.port)
        return

    setup_django()
    if args.phase == "send":
        print(json.dumps(send(args.batch_size, args.journal_url)))
        return

    migrate_and_load_reference_data()
    seed_demo(1)
    rng = random.Random(2004)
    started = time.perf_counter()
    made = make_members(args.members, rng)
    age_content(rng)
    fresh_replies(rng)
    setup_seconds = time.perf_counter() - started

    port = free_port()
    script = str(Path(__file__).resolve())
    sink = subprocess.Popen(  # noqa: S603 - this script, fixed arguments
        [sys.executable, script, "--phase", "sink", "--port", str(port)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert sink.stdout.readline().strip() == "ready"
    env = {**os.environ, "EMAIL_URL": f"smtp://127.0.0.1:{port}"}
    worker = subprocess.run(  # noqa: S603 - this script, fixed arguments
        [
            sys.executable,
            script,
            "--phase",
            "send",
            "--batch-size",
            str(args.batch_size),
            "--journal-url",
            args.journal_url,
        ],  # fmt: skip
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    figures = json.loads(worker.stdout.strip().splitlines()[-1])
    received = json.loads(sink.communicate("")[0].strip().splitlines()[-1])
    assert received["received"] == figures["sent"], (received, figures)

    journal = "Redis" if args.journal_url else "the database"
    per_digest = figures["queries"] / max(figures["sent"], 1)
    print(
        f"{args.members:,} bench members on {database_engine()} over seed_demo --scale 1 "
        f"({made['watches']:,} watches, {made['saved searches']:,} saved searches, "
        f"{made['editors']:,} partner-editor links; set up in {setup_seconds:.0f} s). "
        f"Daily run: {figures['members']:,} members in {figures['batches']} batches of "
        f"{args.batch_size}, sending journal in {journal}.\n"
    )
    print("| digests sent | nothing new | failed | wall s | CPU s | digests/s | SQL queries "
          "| queries per digest | SMTP connections | worker peak RSS |")  # fmt: skip
    print("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    print(
        f"| {figures['sent']:,} | {figures['skipped']:,} | {figures['failed']} "
        f"| {figures['wall']:.1f} | {figures['cpu']:.1f} "
        f"| {figures['sent'] / figures['wall']:.0f} | {figures['queries']:,} "
        f"| {per_digest:.3f} | {received['connections']} | {figures['peak_rss_mb']:.0f} MB |"
    )


if __name__ == "__main__":
    main()
