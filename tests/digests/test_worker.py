"""Real Celery workers on real Redis send digests to a real SMTP server on 127.0.0.1; the
test reads what arrived. One worker is killed (SIGKILL) in the middle of a batch and
another started: the run completes and no member gets their digest twice.

The workers are separate processes that must see this test's rows, so the test commits
(transactional) and needs a database two processes can share: PostgreSQL. On SQLite (the
local default) it is skipped; CI runs it with DATABASE_URL and CELERY_BROKER_URL set.
"""

import os
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

from digests.models import FINAL_STATUSES, Delivery, DeliveryStatus, Frequency, Run
from digests.tasks import send_scheduled_digests
from londonconnects.celery import app
from tests.projects.factories import ProjectFactory

from .conftest import follower
from .smtp import SinkServer

# Transactional: the workers must see committed rows. The rows the data migrations make come
# back after the test empties the database (tests/conftest.py), for the tests that follow.
pytestmark = pytest.mark.django_db(transaction=True)

BROKER = os.environ.get("CELERY_BROKER_URL", "")


def _database_url():
    db = connection.settings_dict
    password = f":{db['PASSWORD']}" if db.get("PASSWORD") else ""
    return (
        f"postgres://{db['USER']}{password}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}"
        f"/{db['NAME']}"
    )


class Workers:
    """Starts workers on one queue of the test's own, and sends them the run."""

    def __init__(self, smtp_port, batch_size):
        self.queue = f"digests-test-{uuid.uuid4().hex[:8]}"
        self.env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "tests.digests.worker_settings",
            "DATABASE_URL": _database_url(),
            "CELERY_BROKER_URL": BROKER,
            "DIGESTS_TEST_SMTP_PORT": str(smtp_port),
            "DIGESTS_TEST_QUEUE": self.queue,
            "DIGESTS_TEST_BATCH_SIZE": str(batch_size),
        }
        self.processes = []

    def start(self):
        celery = Path(sys.executable).with_name("celery")
        process = subprocess.Popen(  # noqa: S603 (our own worker, fixed arguments)
            [
                str(celery),
                "-A",
                "londonconnects",
                "worker",
                "-Q",
                self.queue,
                "--pool=solo",
                "--without-gossip",
                "--without-mingle",
                "--without-heartbeat",
                "-n",
                f"{self.queue}-{len(self.processes)}@%h",
                "-l",
                "warning",
            ],  # fmt: skip
            cwd=settings.BASE_DIR,
            env=self.env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
        )
        self.processes.append(process)
        return process

    def send_run(self, kind):
        send_scheduled_digests.apply_async((kind,), queue=self.queue)

    def stop(self):
        for process in self.processes:
            if process.poll() is None:
                process.terminate()
        for process in self.processes:
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()


@pytest.fixture
def smtp():
    server = SinkServer().start()
    yield server
    server.stop()


@pytest.fixture
def workers(request, smtp):
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL: the worker process must see this test's committed rows")
    if not BROKER.startswith("redis://"):
        pytest.skip("needs CELERY_BROKER_URL pointing at Redis (CI sets redis://127.0.0.1:6379/2)")
    batch_size = getattr(request, "param", 500)
    previous = {
        "task_always_eager": app.conf.task_always_eager,
        "broker_url": app.conf.broker_url,
    }
    app.conf.task_always_eager = False
    app.conf.broker_url = BROKER
    pool = Workers(smtp.port, batch_size)
    try:
        yield pool
    finally:
        app.conf.update(previous)
        pool.stop()


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
    workers.send_run(Frequency.DAILY)
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

    workers.send_run(Frequency.DAILY)  # beat starting the same period again
    time.sleep(3)
    assert smtp.sink.count == 1


@pytest.mark.parametrize("workers", [6], indirect=True)
def test_a_worker_killed_mid_batch_is_replaced_and_no_one_gets_two(workers, smtp, topic):
    members = [follower(topic, email=f"member{n:02d}@example.org") for n in range(18)]
    ProjectFactory(topics=[topic])
    smtp.sink.delay = 0.3  # a slow mail server: the worker spends its time waiting on it
    first = workers.start()
    workers.send_run(Frequency.DAILY)
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
