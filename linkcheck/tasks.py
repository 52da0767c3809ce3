"""Celery tasks on two queues: `linkcheck_priority` for links just added or edited (checked
within moments of the commit) and `linkcheck_bulk` for the nightly sweep, whose batches
start at random moments over SWEEP_WINDOW so that the checks do not all land at once."""

import random
from collections import defaultdict

from celery import shared_task
from django.utils import timezone

from . import conf, registry
from .models import Link
from .recording import check_and_record

PRIORITY_QUEUE = "linkcheck_priority"
BULK_QUEUE = "linkcheck_bulk"
TIME_LIMITS = {"soft_time_limit": 30 * 60, "time_limit": 35 * 60}


def queue_check_now(link_ids):
    """Check these links soon, on the priority queue."""
    return check_links_now.apply_async((list(link_ids),), queue=PRIORITY_QUEUE)


@shared_task(**TIME_LIMITS)
def check_links_now(link_ids):
    urls = list(Link.objects.filter(pk__in=link_ids).values_list("url", flat=True))
    return len(check_and_record(urls)) if urls else 0


@shared_task(**TIME_LIMITS)
def check_link_batch(link_ids):
    """One batch of the sweep; links already checked again since are skipped."""
    due_by = timezone.now() + conf.setting("SWEEP_WINDOW")
    urls = list(Link.objects.due(by=due_by).filter(pk__in=link_ids).values_list("url", flat=True))
    return len(check_and_record(urls)) if urls else 0


def batches_by_host(rows, size):
    """Pack (pk, host) rows into batches of about `size`, never splitting a host, so one
    batch's per-host cap holds for that host across all the workers."""
    by_host = defaultdict(list)
    for pk, host in rows:
        by_host[host].append(pk)
    batches, current = [], []
    for host in sorted(by_host, key=lambda h: -len(by_host[h])):
        current.extend(by_host[host])
        if len(current) >= size:
            batches.append(current)
            current = []
    if current:
        batches.append(current)
    return batches


def plan_sweep(rng=None):
    """Re-read the registered fields, then queue every link that falls due within the
    window, in batches started at random moments over it; returns (countdown, ids) pairs."""
    rng = rng or random.Random()
    registry.sync_all()
    window = conf.setting("SWEEP_WINDOW")
    rows = Link.objects.due(by=timezone.now() + window).values_list("pk", "host")
    plan = [
        (rng.uniform(0, window.total_seconds()), batch)
        for batch in batches_by_host(rows.iterator(), conf.setting("SWEEP_BATCH_SIZE"))
    ]
    for countdown, batch in plan:
        check_link_batch.apply_async((batch,), countdown=countdown, queue=BULK_QUEUE)
    return plan


@shared_task
def sweep():
    """The nightly sweep (see CELERY_BEAT_SCHEDULE)."""
    return sum(len(batch) for _, batch in plan_sweep())
