"""A real Celery worker on the priority queue: a record saved with a new URL is checked by
the worker, through Redis, moments after the commit.

The worker is a separate process that must see this test's rows, so the test commits
(transactional) and needs PostgreSQL and Redis; without them it is skipped (tests/workers.py).
"""

import time

import pytest

from linkcheck.models import Link
from linkcheck.outcomes import Outcome
from linkcheck.tasks import PRIORITY_QUEUE
from tests.factories import OrganisationFactory

from .conftest import TEST_SERVER_PORTS
from .servers import Route

# Transactional: the workers must see committed rows. The rows the data migrations make come
# back after the test empties the database (tests/conftest.py), for the tests that follow.
pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def worker(celery_workers):
    return celery_workers(
        PRIORITY_QUEUE, LINKCHECK_ALLOWED_PORTS=",".join(TEST_SERVER_PORTS)
    ).start()


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
