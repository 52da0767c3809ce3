"""Exactly once, in the worst cases: a batch resumed after its worker died part-way (whether
its journal is in Redis or the database), a claim held by another live task, a mail server
that is down or busy (retried with backoff, then recorded as failed and sent again from the
admin), and a recipient the server refuses for good."""

import datetime

import pytest
from django.utils import timezone

from digests.journal import DatabaseJournal, RedisJournal
from digests.members import load_batch
from digests.models import Delivery, DeliveryStatus, Frequency
from digests.sending import claim, send_scheduled_batch
from digests.tasks import backoff, plan, retry_deliveries, send_digest_batch, start_run
from tests.projects.factories import ProjectFactory

from .conftest import REDIS, follower, redis_available
from .smtp import SinkServer

pytestmark = pytest.mark.django_db


@pytest.fixture(params=["database", "redis"])
def journal(request, settings):
    if request.param == "redis":
        if not redis_available():
            pytest.skip("needs Redis on 127.0.0.1:6379 (CI has it)")
        settings.DIGESTS_JOURNAL_URL = REDIS
        return RedisJournal(REDIS)
    settings.DIGESTS_JOURNAL_URL = ""
    settings.CELERY_BROKER_URL = "memory://"
    return DatabaseJournal()


@pytest.fixture
def four_followers(topic):
    members = [follower(topic, email=f"m{n}@example.org") for n in range(4)]
    ProjectFactory(topics=[topic])
    return members


def test_a_batch_resumed_after_its_worker_died_sends_nothing_twice(sink, journal, four_followers):
    from django.core import mail

    from digests import mail as digest_mail

    run = start_run(Frequency.DAILY)
    ids = [m.pk for m in four_followers]
    members = load_batch(run.kind, run.until, ids)
    token = "task-that-died"
    rows = {
        row.member_id: row
        for row in claim(run.kind, run.period, members, ids, run.until, token, run=run)
    }
    done, cut_off = four_followers[0], four_followers[1]
    # The dead worker had sent the first member's e-mail and was handing over the second's.
    digest_mail.message(
        done, done.email, _digest_for(run, done), connection=mail.get_connection()
    ).send()
    journal.mark(token, attempting=rows[done.pk].pk)
    journal.mark(token, sent=rows[done.pk].pk, attempting=rows[cut_off.pk].pk)

    # Celery redelivers the task (acks_late): same task id, same token.
    result = send_scheduled_batch(run, ids, token)

    assert result.interrupted == 1
    assert [len(sink.to(m.email)) for m in four_followers] == [1, 0, 1, 1]
    statuses = dict(Delivery.objects.values_list("member_id", "status"))
    assert statuses[done.pk] == DeliveryStatus.SENT
    assert statuses[cut_off.pk] == DeliveryStatus.INTERRUPTED
    assert "may have arrived" in Delivery.objects.get(member=cut_off).error

    # And again: nothing more is sent.
    assert send_scheduled_batch(run, ids, token).sent == 0
    assert sink.count == 3


def _digest_for(run, member):
    from digests.news import BatchNews

    members = load_batch(run.kind, run.until, [member.pk])
    since = run.until - datetime.timedelta(days=1)
    return BatchNews(run.kind, run.until, since, members).digest_for(members[0], since)


def test_a_claim_held_by_another_live_task_is_left_alone_until_it_goes_stale(
    sink, four_followers, settings
):
    run = start_run(Frequency.DAILY)
    ids = [m.pk for m in four_followers]
    members = load_batch(run.kind, run.until, ids)
    claim(run.kind, run.period, members, ids, run.until, "other-live-task", run=run)
    assert send_scheduled_batch(run, ids, "second-start").sent == 0
    assert sink.count == 0
    # Older than DIGESTS_CLAIM_STALE_AFTER (2 hours): that worker is gone.
    Delivery.objects.update(claimed_at=timezone.now() - datetime.timedelta(hours=3))
    assert send_scheduled_batch(run, ids, "second-start").sent == 4
    assert sink.count == 4


def test_a_busy_mail_server_is_retried_and_each_member_gets_one_e_mail(
    sink, four_followers, eager_retries
):
    sink.busy = 1  # the third message is refused for now
    sink.delay = 0
    run = start_run(Frequency.DAILY)
    [batch] = plan(run)
    # Refuse the third: let two through first.
    original = sink.busy
    sink.busy = 0
    sink_calls = {"n": 0}
    handle = sink.handle_DATA

    async def busy_on_third(server, session, envelope):
        sink_calls["n"] += 1
        if sink_calls["n"] == 3 and original:
            return "451 4.3.0 Busy: try again later"
        return await handle(server, session, envelope)

    sink.handle_DATA = busy_on_third
    send_digest_batch.apply(args=(run.pk, batch)).get()
    assert sorted(sink.recipients) == sorted(m.email for m in four_followers)
    attempts = sorted(Delivery.objects.values_list("attempts", flat=True))
    assert attempts == [1, 1, 1, 2]  # the refused one was tried again; the last waited
    assert set(Delivery.objects.values_list("status", flat=True)) == {DeliveryStatus.SENT}


def test_a_mail_server_that_stays_down_fails_the_batch_and_the_admin_sends_it_again(
    four_followers, settings, django_capture_on_commit_callbacks, eager_retries
):
    down = SinkServer()  # never started: nothing listens on its port
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", down.port
    settings.DIGESTS_MAX_RETRIES = 2
    run = start_run(Frequency.DAILY)
    [batch] = plan(run)
    send_digest_batch.apply(args=(run.pk, batch))
    failed = Delivery.objects.filter(status=DeliveryStatus.FAILED)
    assert failed.count() == 4
    assert "ConnectionRefusedError" in failed.first().error

    up = SinkServer().start()
    try:
        settings.EMAIL_PORT = up.port
        with django_capture_on_commit_callbacks(execute=True):
            assert retry_deliveries(Delivery.objects.all()) == 4
        assert sorted(up.sink.recipients) == sorted(m.email for m in four_followers)
        assert set(Delivery.objects.values_list("status", flat=True)) == {DeliveryStatus.SENT}
    finally:
        up.stop()


def test_an_address_refused_for_good_is_failed_and_the_rest_are_sent(sink, four_followers):
    refused = four_followers[1]
    sink.refuse.add(refused.email)
    run = start_run(Frequency.DAILY)
    [batch] = plan(run)
    send_digest_batch.apply(args=(run.pk, batch)).get()
    assert sink.count == 3
    row = Delivery.objects.get(member=refused)
    assert row.status == DeliveryStatus.FAILED and "550" in row.error


def test_retries_back_off():
    assert [backoff(n) for n in range(4)] == [60, 120, 240, 480]
