import datetime

import pytest
import redis
from django.utils import timezone
from taggit.models import Tag

from digests.models import Frequency, Subscriber
from tests.factories import UserFactory

from .smtp import SinkServer

# Tests that need Redis use database 2, as CI's broker does.
REDIS = "redis://127.0.0.1:6379/2"


def redis_available():
    try:
        return redis.Redis.from_url(REDIS, socket_connect_timeout=1).ping()
    except redis.RedisError:
        return False


@pytest.fixture
def smtp_server(settings):
    """Mail goes over SMTP to a real server on 127.0.0.1, which keeps it."""
    server = SinkServer().start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = server.port
    settings.EMAIL_USE_TLS = False
    settings.EMAIL_HOST_USER = ""
    settings.EMAIL_HOST_PASSWORD = ""
    settings.EMAIL_TIMEOUT = 10
    yield server
    server.stop()


@pytest.fixture
def sink(smtp_server):
    return smtp_server.sink


@pytest.fixture
def eager_retries(settings):
    """Eager tasks retry in this process, at once, instead of raising Retry to the caller."""
    from londonconnects.celery import app

    settings.DIGESTS_RETRY_BACKOFF = 0
    previous = app.conf.task_eager_propagates
    app.conf.task_eager_propagates = False
    yield
    app.conf.task_eager_propagates = previous


@pytest.fixture
def topic(db):
    return Tag.objects.get_or_create(slug="e-democracy", defaults={"name": "e-democracy"})[0]


@pytest.fixture
def other_topic(db):
    return Tag.objects.get_or_create(slug="smart-cards", defaults={"name": "smart cards"})[0]


def follower(*topics, frequency=Frequency.DAILY, **fields):
    """A member with a verified address who follows `topics` at `frequency`."""
    member = UserFactory(**fields)
    subscriber = Subscriber.objects.create(
        member=member, topic_frequency=frequency, forum_frequency=Frequency.OFF
    )
    subscriber.topics.set(topics)
    return member


def ago(**kwargs):
    return timezone.now() - datetime.timedelta(**kwargs)
