"""How the public read API paces and pages its answers (named in settings.REST_FRAMEWORK).

Kept apart from rest.py: DRF imports these while defining its own views, so this module
must not import rest_framework.views or anything built on it.
"""

from django.conf import settings
from rest_framework.pagination import PageNumberPagination
from rest_framework.throttling import AnonRateThrottle

from .clients import client_address


class AnonymousRateThrottle(AnonRateThrottle):
    """DRF's throttle for anonymous clients (counts kept in the cache), reading its rate
    from settings.API_ANONYMOUS_RATE at each request rather than once at import, and the
    client's address as every other limit does (core.clients, TRUSTED_PROXIES)."""

    def get_rate(self):
        return settings.API_ANONYMOUS_RATE

    def get_ident(self, request):
        return client_address(request)


class Pagination(PageNumberPagination):
    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 200
