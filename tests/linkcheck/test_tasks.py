"""The nightly sweep: it re-reads registered fields, then checks the links that fall due,
in batches that never split a host, started at random moments over the window."""

import datetime
import random

import pytest
from django.conf import settings
from django.utils import timezone

from linkcheck.models import Link
from linkcheck.outcomes import Outcome
from linkcheck.tasks import BULK_QUEUE, PRIORITY_QUEUE, batches_by_host, plan_sweep, sweep
from tests.factories import OrganisationFactory

from .servers import Route

pytestmark = pytest.mark.django_db


def test_batches_never_split_a_host():
    rows = [(n, f"host{n % 7}") for n in range(100)]
    batches = batches_by_host(rows, size=10)
    assert sorted(pk for batch in batches for pk in batch) == list(range(100))
    hosts_of = [{f"host{pk % 7}" for pk in batch} for batch in batches]
    for a, first in enumerate(hosts_of):
        for second in hosts_of[a + 1 :]:
            assert not first & second


def test_the_sweep_checks_due_links_only_and_spreads_batches(http_server, settings):
    settings.LINKCHECK_SWEEP_BATCH_SIZE = 2
    settings.LINKCHECK_HOST_DELAY = 0
    servers = [http_server({"/": Route(200)}, f"127.0.0.{n}") for n in (2, 3, 4)]
    for server in servers:
        OrganisationFactory(website=server.url("/"))
    later = http_server({"/": Route(200)}, "127.0.0.5")
    OrganisationFactory(website=later.url("/"))
    Link.objects.filter(url=later.url("/")).update(
        next_check_due=timezone.now() + datetime.timedelta(days=3)
    )
    plan = plan_sweep(random.Random(3))
    window = (
        settings.LINKCHECK_SWEEP_WINDOW.total_seconds()
        if hasattr(settings, "LINKCHECK_SWEEP_WINDOW")
        else 45 * 60
    )
    assert len(plan) == 2  # three hosts, batches of about two, no host split
    assert all(0 <= countdown <= window for countdown, _ in plan)
    assert len({round(countdown) for countdown, _ in plan}) == len(plan)
    # Eager in tests: the batches have run.
    for server in servers:
        assert Link.objects.get(url=server.url("/")).outcome == Outcome.WORKING
        assert server.hits("/") == ["HEAD"]
    assert Link.objects.get(url=later.url("/")).outcome == Outcome.UNCHECKED
    assert later.requests == []


def test_the_sweep_task_returns_how_many_links_it_queued(http_server, settings):
    settings.LINKCHECK_HOST_DELAY = 0
    server = http_server({"/a": Route(200), "/b": Route(404)})
    OrganisationFactory(website=server.url("/a"))
    OrganisationFactory(website=server.url("/b"))
    assert sweep() == 2
    assert Link.objects.get(url=server.url("/b")).consecutive_failures == 1
    assert sweep() == 0  # nothing is due again tonight


def test_beat_runs_the_sweep_every_night_on_the_bulk_queue():
    entry = settings.CELERY_BEAT_SCHEDULE["linkcheck-nightly-sweep"]
    assert entry["task"] == "linkcheck.tasks.sweep"
    assert entry["options"]["queue"] == BULK_QUEUE
    assert entry["schedule"].hour == {2}
    assert BULK_QUEUE != PRIORITY_QUEUE
