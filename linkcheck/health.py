"""Link health for pages that show URLs: one query for all the URLs on a page."""

from collections.abc import Iterable

from django.db.models import Max

from .models import Link
from .registry import normalise

DISPLAY_FIELDS = (
    "url",
    "outcome",
    "status_code",
    "final_url",
    "redirect_chain",
    "first_failed_at",
    "consecutive_failures",
    "last_checked_at",
    "last_working_at",
)


def _flatten(values):
    for value in values:
        if not value:
            continue
        if isinstance(value, str):
            yield normalise(value)
        elif isinstance(value, Iterable):
            yield from _flatten(value)
        elif getattr(value, "url", None):  # a record with a URL (a related link ...)
            yield normalise(value.url)


def health_of(*urls) -> dict[str, Link]:
    """The stored link of each URL (strings, records with a `url`, or iterables of either),
    in one query."""
    wanted = set(_flatten(urls))
    if not wanted:
        return {}
    return {link.url: link for link in Link.objects.filter(url__in=wanted).only(*DISPLAY_FIELDS)}


def last_checked():
    """When any address was last checked (a part of the API's ETags), or None."""
    return Link.objects.aggregate(latest=Max("last_checked_at"))["latest"]
