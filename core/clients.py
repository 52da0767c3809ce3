"""Who is asking: the visitor's address, the same for every limit, throttle and lock-out.

Behind reverse proxies every request arrives from the nearest proxy, so REMOTE_ADDR alone
would make every visitor one. TRUSTED_PROXIES is the number of proxies in front of the site
that append to X-Forwarded-For (nginx, a load balancer ...): the visitor's address is the
entry that the outermost of them added. Entries to the left of it came from the client and
may be forged, so they are never read. With TRUSTED_PROXIES = 0 (gunicorn facing clients
directly, or the development server) X-Forwarded-For is ignored.
"""

import hashlib

from django.conf import settings


def trusted_proxies() -> int:
    return max(int(getattr(settings, "TRUSTED_PROXIES", 0)), 0)


def client_address(request) -> str:
    """The address of the visitor who sent `request` (an IPv4 or IPv6 string, or "")."""
    remote = request.META.get("REMOTE_ADDR", "")
    proxies = trusted_proxies()
    if not proxies:
        return remote
    forwarded = [
        part.strip()
        for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
        if part.strip()
    ]
    # Fewer entries than proxies: the request did not come through them all.
    return forwarded[-proxies] if len(forwarded) >= proxies else remote


def client_key(request, scope: str) -> str:
    """A cache key for `scope` and this visitor that stores no visitor's address."""
    address = client_address(request)
    digest = hashlib.sha256(f"{settings.SECRET_KEY}:{scope}:{address}".encode()).hexdigest()
    return f"{scope}:{digest[:32]}"
