"""Playwright on Debian's chromium (never `playwright install`), against Django's live server."""

import os
import shutil
from types import SimpleNamespace

import pytest
from django.apps import apps as django_apps
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.contrib.sites.models import Site
from django.core.management import call_command
from django.core.management.color import no_style
from django.db import connection, transaction

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]


# No xdist group: with pytest 9.2 and pytest-xdist 3.8 an `xdist_group` mark no longer reaches
# the scheduler (xdist renames `item._nodeid`, which pytest 9.2 no longer reads), so browser
# tests run on every worker. Nothing depends on where they run: each starts from a restored
# copy of the seeded database, and the flush after it leaves what the migrations seeded.
def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/browser/" in str(item.fspath):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    if not os.path.exists(CHROMIUM):
        pytest.fail(f"Debian's chromium is required at {CHROMIUM} (apt-get install chromium)")
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "args": CHROMIUM_ARGS}


def _load_site_data():
    call_command("load_reference_data", verbosity=0)
    call_command("seed_demo", scale=1, verbosity=0)


def _tables():
    return sorted(connection.introspection.django_table_names(only_existing=True))


@pytest.fixture(scope="session")
def _seeded_site(django_db_setup, django_db_blocker, tmp_path_factory):
    """The reference data and demo set, loaded once per worker on PostgreSQL and kept as
    each table's COPY data, with the search index built from them; the database is then
    emptied again. Loading them takes about 20 seconds; putting them back takes well under
    one. On other databases each test loads them itself (None)."""
    if connection.vendor != "postgresql":
        yield None
        return
    with django_db_blocker.unblock():
        _load_site_data()
        call_command("rebuild_index", interactive=False, verbosity=0)
        index_copy = tmp_path_factory.mktemp("seeded") / "whoosh"
        shutil.copytree(settings.HAYSTACK_CONNECTIONS["default"]["PATH"], index_copy)
        tables = {}
        with connection.cursor() as cursor:
            for table in _tables():
                quoted = connection.ops.quote_name(table)
                with cursor.cursor.copy(f"COPY {quoted} TO STDOUT") as copy:
                    data = b"".join(bytes(block) for block in copy)
                if data:
                    tables[quoted] = data
        call_command("flush", interactive=False, verbosity=0)
    yield SimpleNamespace(tables=tables, index=index_copy)


def _restore(seeded):
    """The database as the seeding left it: every table emptied and refilled from the COPY
    data in one transaction (Django's foreign keys are checked at commit), then sequences
    past the highest ids and the caches of ids forgotten."""
    everything = ", ".join(connection.ops.quote_name(table) for table in _tables())
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(f"TRUNCATE {everything} CASCADE")
        for quoted, data in seeded.tables.items():
            with cursor.cursor.copy(f"COPY {quoted} FROM STDIN") as copy:
                copy.write(data)
        models = django_apps.get_models(include_auto_created=True)
        for statement in connection.ops.sequence_reset_sql(no_style(), models):
            cursor.execute(statement)
    ContentType.objects.clear_cache()
    Site.objects.clear_cache()


@pytest.fixture
def site_data(transactional_db, _seeded_site):
    """The real reference data and the small demo set, as `make run` loads them."""
    if _seeded_site is None:
        _load_site_data()
    else:
        _restore(_seeded_site)


@pytest.fixture
def indexed_site(site_data, search_index, _seeded_site):
    """site_data with its search index built, as `make run` builds it."""
    if _seeded_site is None:
        call_command("rebuild_index", interactive=False, verbosity=0)
        return
    path = settings.HAYSTACK_CONNECTIONS["default"]["PATH"]
    shutil.rmtree(path, ignore_errors=True)
    shutil.copytree(_seeded_site.index, path)
    search_index.setup_complete = False
    search_index.setup()
