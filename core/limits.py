"""Counting attempts per visitor (or per anything) in a fixed window, in the cache shared by
every web process: the per-address limits on suggestions, requests and reports."""

import hashlib

from django.conf import settings
from django.core.cache import cache

from .clients import client_key


def _hashed(scope: str, identity: str) -> str:
    digest = hashlib.sha256(f"{settings.SECRET_KEY}:{scope}:{identity}".encode()).hexdigest()
    return f"{scope}:{digest[:32]}"


def _count(key: str, period: int) -> int:
    cache.add(key, 0, period)
    try:
        return cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, period)
        return 1


def allow(key: str, limit: int, period: int) -> bool:
    """Count one attempt under `key`; False once it has had `limit` in this `period` (s)."""
    return _count(key, period) <= limit


def allow_visitor(request, scope: str, limit: int, period: int) -> bool:
    """Count one attempt by this visitor (core.clients) at `scope`."""
    return allow(client_key(request, scope), limit, period)


def allow_for(scope: str, identity: str, limit: int, period: int) -> bool:
    """Count one attempt at `scope` for `identity` (an e-mail address, a record), kept hashed."""
    return allow(_hashed(scope, identity.casefold()), limit, period)
