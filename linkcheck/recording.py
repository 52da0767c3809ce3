"""What a check result does to a stored link: the flap rule and the next check's date.

One failed check is a blip. A link is called broken only after BROKEN_AFTER_FAILURES
failed checks in a row spread over at least BROKEN_AFTER; until then it keeps its last
verdict and is rechecked after RETRY_INTERVAL (the next nightly sweep). A broken link is
rechecked less and less often (doubling up to MAX_BACKOFF), so a link that comes back is
noticed without hammering one that is gone. Dates carry random jitter so that rechecks
spread out instead of clustering on the night the links were added.
"""

import datetime
import random

from django.db import transaction
from django.utils import timezone

from . import conf
from .models import Link
from .outcomes import Outcome
from .signals import links_checked

RESULT_FIELDS = [
    "outcome",
    "status_code",
    "final_url",
    "redirect_chain",
    "error_kind",
    "error_detail",
    "response_time_ms",
    "suggested_url",
    "first_failed_at",
    "consecutive_failures",
    "last_checked_at",
    "last_working_at",
    "next_check_due",
]


def _jittered(interval: datetime.timedelta, rng, spread=0.15) -> datetime.timedelta:
    return interval * rng.uniform(1 - spread, 1 + spread)


def _failure_delay(link, rng) -> datetime.timedelta:
    if link.outcome != Outcome.BROKEN:
        return _jittered(conf.setting("RETRY_INTERVAL"), rng, spread=0.1)
    beyond = link.consecutive_failures - conf.setting("BROKEN_AFTER_FAILURES")
    delay = conf.setting("RETRY_INTERVAL") * (2 ** max(0, beyond + 1))
    return _jittered(min(delay, conf.setting("MAX_BACKOFF")), rng, spread=0.1)


def apply_result(link: Link, result, now=None, rng=random) -> Link:
    """Update `link` in memory from one CheckResult; the caller saves it."""
    now = now or timezone.now()
    if result.deferred:
        wait = datetime.timedelta(seconds=result.retry_after or 0)
        link.next_check_due = now + min(wait, conf.setting("MAX_BACKOFF"))
        return link

    link.status_code = result.status_code
    link.final_url = result.final_url[:2000]
    link.redirect_chain = result.redirect_chain
    link.error_kind = result.error_kind
    link.error_detail = result.error_detail[:500]
    link.response_time_ms = result.response_time_ms
    link.suggested_url = result.suggested_url[:2000]
    link.last_checked_at = now

    if result.outcome == Outcome.BROKEN:
        link.consecutive_failures += 1
        link.first_failed_at = link.first_failed_at or now
        confirmed = link.consecutive_failures >= conf.setting(
            "BROKEN_AFTER_FAILURES"
        ) and now - link.first_failed_at >= conf.setting("BROKEN_AFTER")
        if confirmed:
            link.outcome = Outcome.BROKEN
        delay = _failure_delay(link, rng)
    else:
        link.consecutive_failures = 0
        link.first_failed_at = None
        link.outcome = result.outcome
        if result.outcome == Outcome.WORKING:
            link.last_working_at = now
        delay = _jittered(conf.setting("RECHECK_INTERVAL"), rng)

    if result.retry_after:
        asked = datetime.timedelta(seconds=result.retry_after)
        delay = max(delay, min(asked, conf.setting("MAX_BACKOFF")))
    link.next_check_due = now + delay
    return link


def record_results(results, now=None, rng=random) -> list[Link]:
    """Save a run's results onto the stored links (URLs not stored are left alone)."""
    now = now or timezone.now()
    links = Link.objects.in_bulk(list(results), field_name="url")
    changed = [apply_result(link, results[url], now, rng) for url, link in links.items()]
    with transaction.atomic():
        Link.objects.bulk_update(changed, RESULT_FIELDS, batch_size=500)
    working = {
        url
        for url, result in results.items()
        if url in links and not result.deferred and result.outcome == Outcome.WORKING
    }
    links_checked.send(sender=Link, links=changed, working=working)
    return changed


def check_and_record(urls, config=None) -> dict:
    """Check these URLs now and save what was found on those that are stored."""
    from .checker import run_checks

    results = run_checks(urls, config)
    record_results(results)
    return results
