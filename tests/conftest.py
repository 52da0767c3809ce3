import shutil

import pytest
from django.conf import settings
from django.core.cache import cache
from haystack import connections


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
