"""A per-IP limit on suggestions, kept in the cache (shared by every web process with Redis).
The address is hashed so that no visitor's IP address is stored."""

import hashlib

from django.conf import settings
from django.core.cache import cache

PERIOD = 60 * 60


def _key(request):
    address = request.META.get("REMOTE_ADDR", "")
    digest = hashlib.sha256(f"{settings.SECRET_KEY}:{address}".encode()).hexdigest()[:32]
    return f"eindex:suggest:{digest}"


def limit():
    return getattr(settings, "EINDEX_SUGGESTIONS_PER_HOUR", 5)


def allow(request) -> bool:
    """Count one attempt from this address; False once it has had `limit()` this hour."""
    key = _key(request)
    cache.add(key, 0, PERIOD)
    try:
        attempts = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, PERIOD)
        attempts = 1
    return attempts <= limit()
