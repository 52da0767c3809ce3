"""Real Celery workers on real Redis send digests to a real SMTP server on 127.0.0.1; the
test reads what arrived. One worker is killed (SIGKILL) in the middle of a batch and
another started: the run completes and no member gets their digest twice.

The workers are separate processes that must see this test's rows, so the test commits
(transactional) and needs PostgreSQL and Redis; without them it is skipped (tests/workers.py).
"""

import os
import signal
import time
import uuid

import pytest
from django.conf import settings

from digests.models import FINAL_STATUSES, Delivery, DeliveryStatus, Frequency, Run
from digests.tasks import send_scheduled_digests
from tests.projects.factories import ProjectFactory

from .conftest import follower
from .smtp import SinkServer

# Transactional: the workers must see committed rows. The rows the data migrations make come
# back after the test empties the database (tests/conftest.py), for the tests that follow.
pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def smtp():
    server = SinkServer().start()
    yield server
    server.stop()


@pytest.fixture
def workers(request, smtp, celery_workers):
    """Workers on a queue of the test's own, mailing `smtp`, in batches of the test's
    parameter (500 without one)."""
    queue = f"digests-test-{uuid.uuid4().hex[:8]}"
    return celery_workers(
        queue,
        settings_module="tests.digests.worker_settings",
        DIGESTS_TEST_SMTP_PORT=str(smtp.port),
        DIGESTS_TEST_QUEUE=queue,
        DIGESTS_TEST_BATCH_SIZE=str(getattr(request, "param", 500)),
    )


def wait_for(condition, workers, seconds=90):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return
        for process in workers.processes:
            if (
                process.returncode is None
                and process.poll() is not None
                and process.returncode != -9
            ):
                raise AssertionError(process.stdout.read().decode())
        time.sleep(0.25)
    raise AssertionError("the workers did not finish in time")


def run_finished():
    return Run.objects.filter(kind=Frequency.DAILY, finished_at__isnull=False).exists()


def test_a_worker_sends_the_digest_over_smtp(workers, smtp, topic, other_topic):
    follower(topic, email="officer@camden.example", full_name="Cai Officer")
    ProjectFactory(title="Camden e-petitions", topics=[topic])
    ProjectFactory(title="Oyster for libraries", topics=[other_topic])
    workers.start()
    workers.send(send_scheduled_digests, Frequency.DAILY)
    wait_for(run_finished, workers)

    [message] = smtp.sink.messages
    assert message["To"] == "officer@camden.example"
    assert message["Subject"] == "Your daily LondonConnects digest: 1 new item"
    assert (
        str(message["List-Unsubscribe"])
        .strip()
        .startswith(f"<{settings.SITE_URL}/digests/unsubscribe/")
    )
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert message.get_content_type() == "multipart/alternative"
    text = message.get_body(("plain",)).get_content()
    html = message.get_body(("html",)).get_content()
    for part in (text, html):
        assert "Camden e-petitions" in part
        assert "Oyster for libraries" not in part
    assert "Hello Cai Officer" in html

    workers.send(send_scheduled_digests, Frequency.DAILY)  # beat starting the same period again
    time.sleep(3)
    assert smtp.sink.count == 1


@pytest.mark.parametrize("workers", [6], indirect=True)
def test_a_worker_killed_mid_batch_is_replaced_and_no_one_gets_two(workers, smtp, topic):
    members = [follower(topic, email=f"member{n:02d}@example.org") for n in range(18)]
    ProjectFactory(topics=[topic])
    smtp.sink.delay = 0.3  # a slow mail server: the worker spends its time waiting on it
    first = workers.start()
    workers.send(send_scheduled_digests, Frequency.DAILY)
    wait_for(lambda: smtp.sink.count >= 3, workers)
    os.kill(first.pid, signal.SIGKILL)
    first.wait(timeout=10)
    sent_before = smtp.sink.count
    smtp.sink.delay = 0.02
    workers.start()
    wait_for(
        lambda: (
            Delivery.objects.filter(status__in=FINAL_STATUSES).count() == len(members)
            and run_finished()
        ),
        workers,
        seconds=180,
    )

    received = sorted(smtp.sink.recipients)
    assert len(received) == len(set(received)), "a member got their digest twice"
    assert 0 < sent_before < len(members)
    statuses = dict(Delivery.objects.values_list("member__email", "status"))
    interrupted = [email for email, status in statuses.items() if status == "interrupted"]
    assert len(interrupted) <= 1  # at most the one being handed over at the kill
    for email, status in statuses.items():
        if status == DeliveryStatus.SENT:
            assert received.count(email) == 1
    assert set(statuses.values()) <= {DeliveryStatus.SENT, DeliveryStatus.INTERRUPTED}
    assert len(received) >= len(members) - len(interrupted)
