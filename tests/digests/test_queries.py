"""A batch's queries do not grow with its members: 4 members or 40, with every kind of
subscription, cost the same number of queries to build and send (with the sending journal
in Redis; in the database it adds exactly two updates a message)."""

import datetime

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from digests.models import Frequency, Run, SavedSearch, Subscriber
from digests.sending import send_scheduled_batch
from digests.tasks import plan, start_run
from forums.models import Watch
from tests.factories import LocalAuthorityFactory, PartnerEditorFactory, UserFactory
from tests.forums.factories import CategoryFactory, add_replies, start_thread
from tests.funding.factories import FundingRoundFactory, FundingSourceFactory
from tests.projects.factories import ProjectFactory

from .conftest import REDIS, redis_available

pytestmark = pytest.mark.django_db
DAILY = Frequency.DAILY


@pytest.fixture
def news(topic):
    council = LocalAuthorityFactory()
    thread = start_thread(CategoryFactory(), now=timezone.now() - datetime.timedelta(days=3))
    add_replies(thread, 2, start=timezone.now() - datetime.timedelta(hours=2))
    ProjectFactory(
        topics=[topic], lead_organisation=council, last_reviewed_on=datetime.date(2001, 1, 1)
    )
    FundingRoundFactory(
        source=FundingSourceFactory(topics=[topic]),
        closes_at=timezone.now() + datetime.timedelta(days=10),
    )
    return {"council": council, "thread": thread, "topic": topic}


def add_members(news, count):
    for n in range(count):
        kind = n % 4
        if kind == 3:
            member = PartnerEditorFactory(organisations=[news["council"]])
        else:
            member = UserFactory()
        subscriber = Subscriber.objects.create(
            member=member,
            forum_frequency=DAILY if kind in (0, 3) else Frequency.OFF,
            topic_frequency=DAILY if kind in (1, 3) else Frequency.OFF,
            deadline_frequency=DAILY if kind == 2 else Frequency.OFF,
            organisation_frequency=DAILY if kind == 3 else Frequency.OFF,
        )
        subscriber.topics.set([news["topic"]])
        Watch.objects.create(user=member, thread=news["thread"])
        if kind == 2:
            SavedSearch.objects.create(
                member=member, name="Topic", scope="projects", query="topic=e-democracy",
                frequency=DAILY,
            )  # fmt: skip


def batch_queries():
    """Each member's first daily digest, in one batch: (queries, members)."""
    Run.objects.all().delete()
    ContentType.objects.clear_cache()
    run = start_run(DAILY)
    [batch] = plan(run)
    with CaptureQueriesContext(connection) as captured:
        result = send_scheduled_batch(run, batch, f"token-{len(batch)}")
    assert result.sent == len(batch) and result.failed == 0
    return len(captured.captured_queries), len(batch)


@pytest.fixture(params=["redis", "database"])
def journal(request, settings):
    settings.CELERY_BROKER_URL = "memory://"
    if request.param == "redis":
        if not redis_available():
            pytest.skip("needs Redis on 127.0.0.1:6379 (CI has it)")
        settings.DIGESTS_JOURNAL_URL = REDIS
    else:
        settings.DIGESTS_JOURNAL_URL = ""
    return request.param


def test_a_batch_costs_the_same_queries_for_4_members_as_for_40(sink, news, journal):
    add_members(news, 4)
    few, small = batch_queries()
    add_members(news, 36)
    many, large = batch_queries()
    assert large == small + 36
    if journal == "redis":
        assert many == few, f"{few} queries for {small} members, {many} for {large}"
    else:
        # Without Redis the journal is the rows themselves: two marks a message, no more.
        assert many - few == 2 * 36
