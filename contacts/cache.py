"""The directory's cache: the counts shown on the home page, and nothing that names a person.

Every key the directory writes is listed here, so that `drop_directory_cache()` can remove
them all when the directory changes, and erasure can be sure nothing of a contact survives.
"""

from django.core.cache import cache
from django.db import transaction

COUNT_TIMEOUT = 10 * 60
ACTIVE_ORGANISATIONS = "contacts:count:active-organisations"
PUBLIC_CONTACTS = "contacts:count:public-contacts"
ACTIVE_GROUPS = "contacts:count:active-groups"
DIRECTORY_CACHE_KEYS = (ACTIVE_ORGANISATIONS, PUBLIC_CONTACTS, ACTIVE_GROUPS)


def cached_count(key, queryset):
    """The row count of `queryset`, kept for a few minutes under one of the keys above."""
    if key not in DIRECTORY_CACHE_KEYS:
        raise ValueError(f"{key!r} is not a directory cache key; add it to DIRECTORY_CACHE_KEYS.")
    return cache.get_or_set(key, queryset.count, COUNT_TIMEOUT)


def drop_directory_cache():
    cache.delete_many(DIRECTORY_CACHE_KEYS)


def drop_after_commit(**kwargs):
    """Signal receiver: the directory changed, so its counts are stale once this commits."""
    transaction.on_commit(drop_directory_cache)
