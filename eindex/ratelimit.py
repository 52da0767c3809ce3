"""A per-address limit on suggestions, kept in the cache (shared by every web process with
Redis). The address is hashed so that no visitor's IP address is stored."""

from django.conf import settings

from core import limits

PERIOD = 60 * 60


def limit():
    return getattr(settings, "EINDEX_SUGGESTIONS_PER_HOUR", 5)


def allow(request) -> bool:
    """Count one attempt from this address; False once it has had `limit()` this hour."""
    return limits.allow_visitor(request, "eindex:suggest", limit(), PERIOD)
