"""The digests' Celery tasks. Beat starts `send_scheduled_digests` (CELERY_BEAT_SCHEDULE);
it plans the run and queues one `send_digest_batch` per batch of members. Every task is
acks_late and idempotent: a redelivered or repeated task finds the work already recorded
(digests.sending) and sends nothing twice."""

import time
import uuid
from itertools import islice

from celery import shared_task
from django.db import IntegrityError, transaction
from django.utils import timezone

from core import registry

from . import conf
from .members import following, immediate_watchers
from .models import FINAL_STATUSES, SCHEDULED, Delivery, DeliveryStatus, Run
from .periods import period_of
from .sending import MailServerUnavailable, send_post_notifications, send_scheduled_batch


def batched(iterable, size):
    """Lists of `size` items (the last may be shorter); itertools.batched before 3.12."""
    iterator = iter(iterable)
    while batch := list(islice(iterator, size)):
        yield batch


def start_run(kind, now=None):
    """The run of `kind` for the current period: made on the first start, found after."""
    if kind not in SCHEDULED:
        raise ValueError(f"No scheduled digest is {kind!r}.")
    now = now or timezone.now()
    period = period_of(kind, now)
    try:
        with transaction.atomic():
            run, _ = Run.objects.get_or_create(kind=kind, period=period, defaults={"until": now})
    except IntegrityError:  # started at the same moment elsewhere
        run = Run.objects.get(kind=kind, period=period)
    return run


def plan(run):
    """Batches of the members this run still owes an e-mail (none when all are done)."""
    done = Delivery.objects.filter(kind=run.kind, period=run.period, status__in=FINAL_STATUSES)
    owed = (
        following(run.kind, run.until)
        .exclude(pk__in=done.values("member"))
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    batches = list(batched(owed.iterator(), conf.setting("BATCH_SIZE")))
    Run.objects.filter(pk=run.pk).update(
        planned=done.count() + sum(len(batch) for batch in batches)
    )
    return batches


def finish_if_done(run):
    open_rows = Delivery.objects.filter(run=run).exclude(status__in=FINAL_STATUSES)
    finished = Delivery.objects.filter(run=run, status__in=FINAL_STATUSES).count()
    if not open_rows.exists() and finished >= Run.objects.get(pk=run.pk).planned:
        Run.objects.filter(pk=run.pk, finished_at__isnull=True).update(finished_at=timezone.now())


def backoff(retries):
    return conf.setting("RETRY_BACKOFF") * 2**retries


def send_batch_here(run, member_ids):
    """One batch in this process, retried as the task would be (for send_digests)."""
    token = str(uuid.uuid4())
    retries = 0
    while True:
        final = retries >= conf.setting("MAX_RETRIES")
        result = send_scheduled_batch(run, member_ids, token, final_attempt=final)
        if not result.left:
            return result
        time.sleep(min(backoff(retries), 30))
        retries += 1


@shared_task(acks_late=True)
def send_scheduled_digests(kind):
    """What beat runs: start (or resume) this period's run and queue its batches."""
    run = start_run(kind)
    batches = plan(run)
    for batch in batches:
        send_digest_batch.delay(run.pk, batch)
    if not batches:
        finish_if_done(run)
    return {"run": run.pk, "batches": len(batches)}


@shared_task(bind=True, acks_late=True, max_retries=None)
def send_digest_batch(self, run_id, member_ids):
    run = Run.objects.get(pk=run_id)
    final = self.request.retries >= conf.setting("MAX_RETRIES")
    result = send_scheduled_batch(run, member_ids, self.request.id, final_attempt=final)
    if result.left:
        raise self.retry(
            exc=MailServerUnavailable(result.error), countdown=backoff(self.request.retries)
        )
    finish_if_done(run)
    return {"sent": result.sent, "skipped": result.skipped, "failed": result.failed}


@shared_task(bind=True, acks_late=True, max_retries=None)
def notify_post_watchers(self, post_id):
    """E-mail a new forum post to the watchers who want posts as they happen."""
    post = registry.forum_watches().post(post_id)
    if post is None or not post.is_shown:
        return {"sent": 0}
    final = self.request.retries >= conf.setting("MAX_RETRIES")
    member_ids = list(immediate_watchers(post).order_by("pk").values_list("pk", flat=True))
    sent, error = 0, ""
    for number, batch in enumerate(batched(member_ids, conf.setting("BATCH_SIZE"))):
        token = f"{self.request.id}-{number}"
        result = send_post_notifications(post, batch, token, final_attempt=final)
        sent += result.sent
        error = error or (result.error if result.left else "")
    if error:
        raise self.retry(exc=MailServerUnavailable(error), countdown=backoff(self.request.retries))
    return {"sent": sent}


def retry_deliveries(deliveries):
    """Queue failed or interrupted deliveries to be sent again (from the admin); returns how
    many. They are claimed for the new task at once, so nothing else takes them."""
    token = str(uuid.uuid4())
    ids = list(
        deliveries.filter(
            status__in=[DeliveryStatus.FAILED, DeliveryStatus.INTERRUPTED]
        ).values_list("pk", flat=True)
    )
    if ids:
        Delivery.objects.filter(pk__in=ids).update(
            status=DeliveryStatus.CLAIMED, claim=token, claimed_at=timezone.now(), error=""
        )
        transaction.on_commit(lambda: resend_deliveries.apply_async((ids,), task_id=token))
    return len(ids)


@shared_task(bind=True, acks_late=True, max_retries=None)
def resend_deliveries(self, delivery_ids):
    token = self.request.id
    final = self.request.retries >= conf.setting("MAX_RETRIES")
    rows = Delivery.objects.filter(pk__in=delivery_ids, claim=token).select_related("run")
    by_run, by_post = {}, {}
    for row in rows:
        if row.run_id:
            by_run.setdefault(row.run, []).append(row.member_id)
        else:
            by_post.setdefault(row.period, []).append(row.member_id)
    results = [
        send_scheduled_batch(run, member_ids, token, final_attempt=final)
        for run, member_ids in by_run.items()
    ]
    for period, member_ids in by_post.items():
        post = registry.forum_watches().post(int(period.removeprefix("post-")))
        if post is not None:
            results.append(send_post_notifications(post, member_ids, token, final_attempt=final))
    left = [result.error for result in results if result.left]
    if left:
        raise self.retry(
            exc=MailServerUnavailable(left[0]), countdown=backoff(self.request.retries)
        )
    return {"sent": sum(result.sent for result in results)}
