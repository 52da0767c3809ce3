"""Sending one batch of members their e-mail of one kind and period, exactly once.

1. Claim: a Delivery row per member (unique per member, kind and period) is inserted with
   this task's token; rows already there are left alone unless this task held them before
   (a retry, or Celery redelivering after a worker died) or their claim has gone stale.
2. Resume: for rows held before, the journal says which messages reached the mail server
   (recorded as sent), which were being handed over when the worker died (interrupted:
   never sent again, shown in admin) and which were never tried.
3. Build: what is new for the whole batch is read once (digests.news); a member with
   nothing new is skipped, and nothing is sent.
4. Send: one SMTP connection for the batch; each message is journalled before and after.
5. Record: every row's outcome in one bulk update. A mail server that cannot be reached
   stops the batch: what was sent is recorded, the rest stay claimed for the retry.

The queries of a batch do not depend on its size, apart from the bulk insert and update,
which Django splits at the database's parameter limit.
"""

import contextlib
import smtplib
from dataclasses import dataclass, field

from django.core.mail import get_connection
from django.db import connection
from django.db.models import Max, Q
from django.utils import timezone

from core import registry

from . import conf, mail
from .journal import ATTEMPTING, SENT, journal
from .members import load_batch
from .models import COMPLETED_STATUSES, Delivery, DeliveryStatus, Frequency
from .news import BatchNews, immediate_digest
from .periods import since_for

INTERRUPTED_NOTE = (
    "The worker stopped while this e-mail was being handed to the mail server: it may have "
    "arrived. It is not sent again by itself; retry it only if the member did not get it."
)


class MailServerUnavailable(Exception):
    """The mail server could not be reached or refused for now: retry the batch later."""


@dataclass
class BatchResult:
    sent: int = 0
    skipped: int = 0
    failed: int = 0
    interrupted: int = 0
    left: int = 0
    error: str = ""
    outcomes: dict = field(default_factory=dict)


def _previous(kind, member_ids):
    """Each member's last completed delivery of `kind`: where their next one starts."""
    last = (
        Delivery.objects.filter(member__in=member_ids, kind=kind, status__in=COMPLETED_STATUSES)
        .values("member")
        .annotate(last=Max("pk"))
        .values("last")
        .order_by()
    )
    return {d.member_id: d for d in Delivery.objects.filter(pk__in=last)}


def claim(kind, period, members, member_ids, until, token, run=None, previous=None):
    """Insert rows for the batch's reachable `members`, then take the rows of all its
    `member_ids` (some may have been claimed before they stopped being reachable) that this
    task may work on."""
    now = timezone.now()
    previous = previous or {}
    Delivery.objects.bulk_create(
        [
            Delivery(
                member=member,
                kind=kind,
                period=period,
                run=run,
                since=since_for(kind, until, getattr(previous.get(member.pk), "until", None))
                if kind != Frequency.IMMEDIATELY
                else until,
                until=until,
                claim=token,
                claimed_at=now,
                address=member.address,
            )
            for member in members
        ],
        ignore_conflicts=True,
    )
    return take(kind, period, member_ids, token, now)


def take(kind, period, member_ids, token, now=None):
    """The batch's unfinished rows that are this task's: its own, or stale claims."""
    now = now or timezone.now()
    stale = now - conf.setting("CLAIM_STALE_AFTER")
    open_rows = Delivery.objects.filter(
        kind=kind,
        period=period,
        member__in=member_ids,
        status__in=[DeliveryStatus.CLAIMED, DeliveryStatus.SENDING],
    ).filter(Q(claim=token) | Q(claimed_at__lt=stale))
    before = {row.pk: row for row in open_rows}
    if not before:
        return []
    open_rows.filter(pk__in=before).update(claim=token, claimed_at=now)
    mine = Delivery.objects.filter(pk__in=before, claim=token).exclude(
        status__in=[DeliveryStatus.SENT, DeliveryStatus.SKIPPED, DeliveryStatus.FAILED]
    )
    rows = []
    for row in mine:
        row.previous_claim = before[row.pk].claim
        rows.append(row)
    return rows


def _transient(exc) -> bool:
    """A refusal for now (4xx) or a lost connection, as opposed to a 5xx for one message."""
    if isinstance(exc, smtplib.SMTPRecipientsRefused):
        return any(code < 500 for code, _ in exc.recipients.values())
    if isinstance(exc, smtplib.SMTPSenderRefused):
        return True
    if isinstance(exc, smtplib.SMTPResponseException):
        return exc.smtp_code < 500
    return True


def deliver(rows, members, build, token, *, final_attempt=True):
    """Build and send the claimed `rows`; `build(member, row)` returns the member's digest."""
    result = BatchResult()
    if not rows:
        return result
    book = journal()
    for row in rows:
        row.claim = token
    resumed = book.read([_as_previous(row) for row in rows])
    by_member = {member.pk: member for member in members}
    now = timezone.now()
    outgoing = []
    for row in rows:
        member = by_member.get(row.member_id)
        state = resumed.get(row.pk)
        if state == SENT:
            if member is not None:
                row.summary = build(member, row).summary()
            _finish(row, DeliveryStatus.SENT, result, sent_at=row.sent_at or now)
        elif state == ATTEMPTING:
            _finish(row, DeliveryStatus.INTERRUPTED, result, error=INTERRUPTED_NOTE)
        elif member is None:
            _finish(row, DeliveryStatus.SKIPPED, result, error="No longer receives e-mail.")
        else:
            digest = build(member, row)
            row.summary = digest.summary()
            if digest.is_empty:
                _finish(row, DeliveryStatus.SKIPPED, result)
            else:
                row.address = member.address
                outgoing.append((row, member, digest))
    if outgoing:
        _send(outgoing, book, token, result, final_attempt)
    record([row for row in rows if row.pk in result.outcomes])
    if not result.left:
        book.close(token)
    return result


RECORDED = ("status", "sent_at", "attempts", "address", "error", "summary", "claim")


def record(rows):
    """Write each row's outcome in one UPDATE from a VALUES list (split only at the
    database's parameter limit). Django's bulk_update builds a CASE per field and row in
    Python, which cost more than sending the e-mails."""
    if not rows:
        return
    fields = [Delivery._meta.get_field(name) for name in RECORDED]
    table = connection.ops.quote_name(Delivery._meta.db_table)
    columns = [connection.ops.quote_name(f.column) for f in fields]
    postgres = connection.vendor == "postgresql"

    def placeholder(field):
        return f"CAST(%s AS {field.db_type(connection)})" if postgres else "%s"

    row_sql = "(" + ", ".join(["%s"] + [placeholder(f) for f in fields]) + ")"
    limit = connection.features.max_query_params or len(rows) * (len(fields) + 1)
    per_statement = max(1, limit // (len(fields) + 1))
    names = ", ".join(["id", *(f"v{i}" for i in range(len(fields)))])
    assignments = ", ".join(
        f"{column} = (SELECT v{i} FROM outcome WHERE outcome.id = {table}.id)"  # noqa: S608
        for i, column in enumerate(columns)
    )
    with connection.cursor() as cursor:
        for start in range(0, len(rows), per_statement):
            chunk = rows[start : start + per_statement]
            params = []
            for row in chunk:
                params.append(row.pk)
                params += [f.get_db_prep_save(getattr(row, f.attname), connection) for f in fields]
            # Names come from the model; every value is a parameter.
            values = ", ".join([row_sql] * len(chunk))
            head = f"WITH outcome({names}) AS (VALUES {values})"
            sql = f"{head} UPDATE {table} SET {assignments} WHERE id IN (SELECT id FROM outcome)"  # noqa: S608, E501
            cursor.execute(sql, params)


def _as_previous(row):
    """The row as the journal knew it: under the claim it had before this task took it."""
    return Delivery(pk=row.pk, status=row.status, claim=getattr(row, "previous_claim", ""))


def _finish(row, status, result, *, error="", sent_at=None):
    row.status = status
    row.error = error
    row.sent_at = sent_at
    result.outcomes[row.pk] = status
    counter = {
        DeliveryStatus.SENT: "sent",
        DeliveryStatus.SKIPPED: "skipped",
        DeliveryStatus.FAILED: "failed",
        DeliveryStatus.INTERRUPTED: "interrupted",
    }[status]
    setattr(result, counter, getattr(result, counter) + 1)


def _send(outgoing, book, token, result, final_attempt):
    connection = get_connection(fail_silently=False)
    pending = list(outgoing)
    try:
        connection.open()
    except (smtplib.SMTPException, OSError) as exc:
        _stop(pending, result, exc, final_attempt)
        return
    renderer = mail.Renderer()
    try:
        book.mark(token, attempting=pending[0][0].pk)
        while pending:
            row, member, digest = pending[0]
            message = renderer.message(member, row.address, digest, connection=connection)
            row.attempts += 1
            try:
                connection.send_messages([message])
            except (smtplib.SMTPException, OSError) as exc:
                book.abandoned(token, row.pk)
                if _transient(exc):
                    _stop(pending, result, exc, final_attempt)
                    return
                _finish(row, DeliveryStatus.FAILED, result, error=f"Refused: {exc}")
                pending.pop(0)
                if pending:
                    book.mark(token, attempting=pending[0][0].pk)
                continue
            pending.pop(0)
            book.mark(token, sent=row.pk, attempting=pending[0][0].pk if pending else None)
            _finish(row, DeliveryStatus.SENT, result, sent_at=timezone.now())
    finally:
        with contextlib.suppress(smtplib.SMTPException, OSError):
            connection.close()


def _stop(pending, result, exc, final_attempt):
    """The mail server is out of reach: the rest wait for the retry, or fail at the last."""
    result.error = f"{type(exc).__name__}: {exc}"
    for row, _, _ in pending:
        if final_attempt:
            _finish(row, DeliveryStatus.FAILED, result, error=f"Could not send: {result.error}")
        else:
            result.left += 1
            result.outcomes[row.pk] = row.status
            row.error = f"Waiting to retry: {result.error}"


# The two kinds of batch ---------------------------------------------------------------


def send_scheduled_batch(run, member_ids, token, *, final_attempt=True):
    """One batch of a daily, weekly or monthly run."""
    members = load_batch(run.kind, run.until, member_ids)
    previous = _previous(run.kind, [m.pk for m in members])
    rows = claim(
        run.kind, run.period, members, member_ids, run.until, token, run=run, previous=previous
    )
    building = [row for row in rows if row.status == DeliveryStatus.CLAIMED]
    floor = min((row.since for row in building), default=run.until)
    news = BatchNews(run.kind, run.until, floor, members)

    def build(member, row):
        last = previous.get(member.pk)
        return news.digest_for(
            member, row.since, (last.summary or {}).get("known") if last else None
        )

    return deliver(rows, members, build, token, final_attempt=final_attempt)


def send_post_notifications(post, member_ids, token, *, final_attempt=True):
    """E-mails about one new forum post (a registry.ForumPost) to the watchers who want them
    at once."""
    now = timezone.now()
    members = load_batch(Frequency.IMMEDIATELY, now, member_ids)
    may_read = registry.forum_watches().readers(members)
    members = [member for member in members if may_read(member, post)]
    period = f"post-{post.pk}"
    rows = claim(Frequency.IMMEDIATELY, period, members, member_ids, post.created_at, token)
    return deliver(
        rows,
        members,
        lambda member, row: immediate_digest(post, member, now),
        token,
        final_attempt=final_attempt,
    )


def next_digest(member, kind, now=None):
    """What `member` would be sent in their next digest of `kind` if it ran now (for the
    admin's preview: nothing is recorded or sent). None if they get no e-mail at all."""
    now = now or timezone.now()
    members = load_batch(kind, now, [member.pk])
    if not members:
        return None
    last = _previous(kind, [member.pk]).get(member.pk)
    since = since_for(kind, now, last.until if last else None)
    news = BatchNews(kind, now, since, members)
    return news.digest_for(members[0], since, (last.summary or {}).get("known") if last else None)
