"""Real Celery workers for the tests that need the whole way round: this process sends a
task through Redis, a separate `celery worker` process runs it against the same database.

A worker must see the test's committed rows, so these tests are transactional and need a
database two processes can share: PostgreSQL. On SQLite (the local default), or without a
Redis broker, they are skipped; CI runs them with DATABASE_URL and CELERY_BROKER_URL set.
The `celery_workers` fixture (tests/conftest.py) hands these out.
"""

import os
import subprocess
import sys
import uuid
from contextlib import contextmanager
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

from londonconnects.celery import app

BROKER = os.environ.get("CELERY_BROKER_URL", "")


def _database_url():
    """The test database's address, for the workers to open the very same one."""
    db = connection.settings_dict
    password = f":{db['PASSWORD']}" if db.get("PASSWORD") else ""
    return (
        f"postgres://{db['USER']}{password}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}"
        f"/{db['NAME']}"
    )


@contextmanager
def tasks_through_the_broker():
    """Skips the test unless PostgreSQL and Redis are there; inside, this process's tasks go
    to the broker for the workers instead of running eagerly here."""
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL: the worker process must see this test's committed rows")
    if not BROKER.startswith("redis://"):
        pytest.skip("needs CELERY_BROKER_URL pointing at Redis (CI sets redis://127.0.0.1:6379/2)")
    previous = {
        "task_always_eager": app.conf.task_always_eager,
        "broker_url": app.conf.broker_url,
    }
    app.conf.task_always_eager = False
    app.conf.broker_url = BROKER
    try:
        yield
    finally:
        app.conf.update(previous)


class CeleryWorkers:
    """Worker processes consuming `queue`, on `settings_module` with `environ` added to
    theirs; each start() adds one."""

    def __init__(self, queue, settings_module="londonconnects.settings.test", **environ):
        self.queue = queue
        self.env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": settings_module,
            "DATABASE_URL": _database_url(),
            "CELERY_BROKER_URL": BROKER,
            **environ,
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
                f"test-{self.queue}-{uuid.uuid4().hex[:8]}@%h",
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

    def send(self, task, *args):
        task.apply_async(args, queue=self.queue)

    def stop(self):
        for process in self.processes:
            if process.poll() is None:
                process.terminate()
        for process in self.processes:
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()
