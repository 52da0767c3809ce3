import functools
import shutil
from types import SimpleNamespace

import pytest
from django.apps import apps
from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.db import connections as databases
from django.db.migrations.loader import MigrationLoader
from django.db.migrations.operations import RunPython
from django.db.models.signals import post_migrate
from django.test.utils import CaptureQueriesContext
from haystack import connections

from contacts.models import Organisation
from contacts.reference_data import load_reference_data
from tests.workers import CeleryWorkers, tasks_through_the_broker


@functools.cache
def _data_migrations():
    """The RunPython steps of this project's own migrations, in order."""
    ours = {
        config.label
        for config in apps.get_app_configs()
        if "site-packages" not in config.path and config.models_module is not None
    }
    loader = MigrationLoader(None, ignore_no_migrations=True)
    return [
        operation.code
        for (app_label, _name), migration in sorted(loader.disk_migrations.items())
        if app_label in ours
        for operation in migration.operations
        if isinstance(operation, RunPython)
    ]


def _seed_what_the_migrations_seed(sender, using="default", **kwargs):
    """After a transactional test empties the database (Django's flush sends post_migrate),
    put back the rows this project's data migrations make: forum themes, e-index categories,
    programmes, applicant kinds, role groups. The tests that follow on the same xdist worker
    then find the database as a fresh migrate leaves it, whatever order the tests ran in.

    Every data migration here can be run again (get_or_create), which this relies on; a new
    one must be written so too. At the first migrate the rows are there already: no change.
    """
    with_models = [config for config in apps.get_app_configs() if config.models_module]
    if sender is not with_models[-1]:
        return  # post_migrate is sent once per app with models: act once, after the last
    for code in _data_migrations():
        code(apps, SimpleNamespace(connection=databases[using]))


post_migrate.connect(_seed_what_the_migrations_seed, dispatch_uid="tests-reseed-after-flush")


def _empty_cache():
    # django-redis's clear() flushes the whole database, other xdist workers' keys included
    if hasattr(cache, "delete_pattern"):
        cache.delete_pattern("*")
    else:
        cache.clear()


@pytest.fixture(autouse=True)
def _clear_cache():
    _empty_cache()
    yield
    _empty_cache()


@pytest.fixture
def reference_data(db):
    """The real reference data: the 33 authorities with their sub-regions, the partners."""
    load_reference_data()


@pytest.fixture
def org(reference_data):
    """The real organisations of the reference data, by slug: org("newham")."""
    return lambda slug: Organisation.objects.get(slug=slug)


def count_queries_of(client, url):
    """The number of queries one GET of `url` makes, after a warm-up request (a streamed
    answer is read to its end)."""
    assert client.get(url).status_code == 200, url
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
        if response.streaming:
            b"".join(response.streaming_content)
    assert response.status_code == 200, (url, response.status_code)
    return len(captured.captured_queries)


@pytest.fixture
def count_queries():
    return count_queries_of


@pytest.fixture
def search_index():
    """A real, empty Whoosh index in this worker's temp dir; on-commit index updates run."""
    path = settings.HAYSTACK_CONNECTIONS["default"]["PATH"]
    shutil.rmtree(path, ignore_errors=True)
    connections["default"].reset_sessions()
    backend = connections["default"].get_backend()
    backend.setup_complete = False
    backend.setup()
    yield backend
    backend.clear()


@pytest.fixture
def admin_login():
    """Sign `user` in to `client` as rights beyond a member's require: password and a
    confirmed TOTP device (tests.accounts.helpers.sign_in_with_second_factor).

    The admin lets staff in only after a second factor (accounts.admin_site), and the public
    site gives staff, editor and moderator rights only then; this gives the session a
    verified device, as the two-factor page does after a correct code.
    """
    from tests.accounts.helpers import sign_in_with_second_factor

    return sign_in_with_second_factor


@pytest.fixture
def celery_workers():
    """`celery_workers(queue, settings_module=..., **environ)`: real Celery worker processes
    on `queue` (tests/workers.py), stopped after the test; skipped without PostgreSQL and
    Redis. Meanwhile this process's tasks go to the broker."""
    pools = []

    def workers_on(queue, **options):
        pool = CeleryWorkers(queue, **options)
        pools.append(pool)
        return pool

    with tasks_through_the_broker():
        try:
            yield workers_on
        finally:
            for pool in pools:
                pool.stop()


@pytest.fixture
def sink(settings):
    """Mail goes over SMTP to a real server on 127.0.0.1, which keeps it."""
    from tests.digests.smtp import SinkServer

    server = SinkServer().start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", server.port
    settings.EMAIL_USE_TLS, settings.EMAIL_HOST_USER, settings.EMAIL_HOST_PASSWORD = False, "", ""
    yield server.sink
    server.stop()
