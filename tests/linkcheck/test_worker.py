"""A real Celery worker on the priority queue: a record saved with a new URL is checked by
the worker, through Redis, moments after the commit.

The worker is a separate process that must see this test's rows, so the test commits
(transactional) and needs a database two processes can share: PostgreSQL. On SQLite (the
local default) it is skipped; CI runs it with DATABASE_URL and CELERY_BROKER_URL set.
"""

import os
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

from linkcheck.models import Link
from linkcheck.outcomes import Outcome
from linkcheck.tasks import PRIORITY_QUEUE
from londonconnects.celery import app
from tests.factories import OrganisationFactory

from .servers import Route

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


@pytest.fixture
def worker():
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL: the worker process must see this test's committed rows")
    if not BROKER.startswith("redis://"):
        pytest.skip("needs CELERY_BROKER_URL pointing at Redis (CI sets redis://127.0.0.1:6379/2)")
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "londonconnects.settings.test",
        "DATABASE_URL": _database_url(),
        "CELERY_BROKER_URL": BROKER,
    }
    celery = Path(sys.executable).with_name("celery")
    process = subprocess.Popen(  # noqa: S603 (our own worker, fixed arguments)
        [
            str(celery),
            "-A",
            "londonconnects",
            "worker",
            "-Q",
            PRIORITY_QUEUE,
            "--pool=solo",
            "--without-gossip",
            "--without-mingle",
            "--without-heartbeat",
            "-n",
            f"linkcheck-test-{uuid.uuid4().hex[:8]}@%h",
            "-l",
            "warning",
        ],  # fmt: skip
        cwd=settings.BASE_DIR,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    previous = {
        "task_always_eager": app.conf.task_always_eager,
        "broker_url": app.conf.broker_url,
    }
    app.conf.task_always_eager = False
    app.conf.broker_url = BROKER
    try:
        yield process
    finally:
        app.conf.update(previous)
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()


def test_a_new_url_is_checked_by_a_worker_on_the_priority_queue(worker, http_server, settings):
    settings.LINKCHECK_CHECK_ON_SAVE = True
    server = http_server({"/home": Route(200)})
    OrganisationFactory(website=server.url("/home"))  # autocommit: on_commit fires now
    deadline = time.monotonic() + 60
    link = Link.objects.get(url=server.url("/home"))
    while time.monotonic() < deadline and link.outcome == Outcome.UNCHECKED:
        assert worker.poll() is None, worker.stdout.read().decode()
        time.sleep(0.25)
        link.refresh_from_db()
    assert link.outcome == Outcome.WORKING, "the worker did not check the link in time"
    assert server.hits("/home") == ["HEAD"]
    assert server.requests[0][2].startswith("LondonConnectsLinkChecker/")
