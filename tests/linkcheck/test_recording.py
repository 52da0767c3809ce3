"""The flap rule and rescheduling: a link is broken only after failed checks on consecutive
runs spread over time; checks are rescheduled with backoff and jitter."""

import datetime
import random
import statistics

import pytest
from django.test import override_settings
from django.utils import timezone

from linkcheck.checker import CheckResult, run_checks
from linkcheck.models import Link
from linkcheck.outcomes import ErrorKind, Outcome
from linkcheck.recording import apply_result, record_results

from .servers import Route

pytestmark = pytest.mark.django_db

HOUR = datetime.timedelta(hours=1)
DAY = datetime.timedelta(days=1)


def failure(url="https://example.org/"):
    return CheckResult(url, Outcome.BROKEN, status_code=404, error_kind=ErrorKind.HTTP_STATUS)


def success(url="https://example.org/"):
    return CheckResult(url, Outcome.WORKING, status_code=200)


@pytest.fixture
def link():
    return Link.objects.create(url="https://example.org/", host="example.org")


def test_one_failure_is_a_blip(link):
    now = timezone.now()
    apply_result(link, success(), now - DAY)
    apply_result(link, failure(), now)
    assert link.outcome == Outcome.WORKING
    assert link.is_failing and link.consecutive_failures == 1
    assert link.first_failed_at == now
    # Rechecked by the next night's sweep, not a week later.
    assert 17 * HOUR <= link.next_check_due - now <= 23 * HOUR


def test_failures_close_together_are_not_broken(link):
    start = timezone.now()
    for minutes in (0, 5, 10, 15, 20):
        apply_result(link, failure(), start + datetime.timedelta(minutes=minutes))
    assert link.consecutive_failures == 5
    assert link.outcome != Outcome.BROKEN


def test_failures_on_consecutive_runs_spread_over_time_are_broken(link):
    start = timezone.now()
    apply_result(link, failure(), start)
    apply_result(link, failure(), start + 20 * HOUR)
    assert link.outcome != Outcome.BROKEN
    apply_result(link, failure(), start + 40 * HOUR)
    assert link.outcome == Outcome.BROKEN
    assert link.first_failed_at == start  # "broken since" the first failure of the run


def test_a_success_in_between_starts_the_count_again(link):
    start = timezone.now()
    apply_result(link, failure(), start)
    apply_result(link, failure(), start + 20 * HOUR)
    apply_result(link, success(), start + 30 * HOUR)
    apply_result(link, failure(), start + 40 * HOUR)
    assert link.outcome == Outcome.WORKING
    assert link.consecutive_failures == 1
    assert link.first_failed_at == start + 40 * HOUR


def test_a_broken_link_that_works_again_is_working(link):
    start = timezone.now()
    for n in range(3):
        apply_result(link, failure(), start + n * 20 * HOUR)
    assert link.is_broken
    apply_result(link, success(), start + 4 * DAY)
    assert link.outcome == Outcome.WORKING
    assert link.first_failed_at is None and link.consecutive_failures == 0
    assert link.last_working_at == start + 4 * DAY


def test_a_broken_link_is_rechecked_with_growing_backoff_up_to_a_cap(link):
    start = timezone.now()
    moment, gaps = start, []
    for _ in range(9):
        apply_result(link, failure(), moment, rng=random.Random(1))
        gaps.append(link.next_check_due - moment)
        moment = link.next_check_due
    assert link.is_broken
    confirmed = gaps[2:]
    assert all(later >= earlier for earlier, later in zip(confirmed, confirmed[1:], strict=False))
    assert confirmed[1] > confirmed[0]
    assert max(gaps) <= datetime.timedelta(days=14) * 1.1


@override_settings(LINKCHECK_BROKEN_AFTER_FAILURES=2, LINKCHECK_BROKEN_AFTER=HOUR)
def test_the_rule_follows_the_settings(link):
    start = timezone.now()
    apply_result(link, failure(), start)
    apply_result(link, failure(), start + 2 * HOUR)
    assert link.is_broken


def test_could_not_verify_is_recorded_at_once_and_retry_after_respected(link):
    now = timezone.now()
    refused = CheckResult(link.url, Outcome.UNVERIFIED, status_code=429, retry_after=30 * 86400)
    apply_result(link, refused, now)
    assert link.outcome == Outcome.UNVERIFIED
    # Asked to wait a month: we wait, up to the longest backoff.
    assert link.next_check_due - now >= datetime.timedelta(days=14) * 0.99


def test_a_deferred_result_changes_only_the_next_check(link):
    now = timezone.now()
    apply_result(link, success(), now - DAY)
    deferred = CheckResult(link.url, Outcome.UNVERIFIED, deferred=True, retry_after=7200)
    apply_result(link, deferred, now)
    assert link.outcome == Outcome.WORKING
    assert link.last_checked_at == now - DAY
    assert link.next_check_due == now + 2 * HOUR


def test_working_links_are_rechecked_about_weekly_and_spread_out():
    now = timezone.now()
    rng = random.Random(7)
    gaps = []
    for n in range(200):
        link = Link(url=f"https://example.org/{n}", host="example.org")
        apply_result(link, success(link.url), now, rng)
        gaps.append((link.next_check_due - now).total_seconds() / 86400)
    assert min(gaps) >= 5.9 and max(gaps) <= 8.1
    assert statistics.pstdev(gaps) > 0.4  # not all on the same night


def test_three_nightly_runs_against_a_real_dead_page(http_server, fast_config):
    server = http_server({"/gone": Route(404)})
    url = server.url("/gone")
    Link.objects.create(url=url, host="127.0.0.1")
    start = timezone.now()
    for night in range(3):
        record_results(run_checks([url], fast_config()), now=start + night * DAY)
        stored = Link.objects.get(url=url)
        assert stored.is_broken == (night == 2)
    assert stored.status_code == 404
    assert stored.first_failed_at == start
    assert stored.consecutive_failures == 3
    assert server.hits("/gone") == ["HEAD", "HEAD", "HEAD"]


def test_results_for_urls_not_stored_are_not_saved(http_server, fast_config):
    server = http_server({"/": Route(200)})
    record_results(run_checks([server.url("/")], fast_config()))
    assert not Link.objects.exists()
