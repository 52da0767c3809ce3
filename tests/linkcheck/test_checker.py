"""The checker against real HTTP servers on loopback: every outcome, redirects, manners."""

import email.utils
import socket
import time

import pytest

from linkcheck.checker import parse_retry_after, run_checks
from linkcheck.outcomes import ErrorKind, Outcome

from .servers import Route


def check(url, config):
    return run_checks([url], config)[url]


def test_a_working_link_is_asked_with_head_and_an_honest_user_agent(http_server, fast_config):
    server = http_server({"/page": Route(200)})
    result = check(server.url("/page"), fast_config())
    assert result.outcome == Outcome.WORKING
    assert result.status_code == 200
    assert result.error_kind == ""
    assert result.response_time_ms is not None
    assert [(method, path) for method, path, _ in server.requests] == [("HEAD", "/page")]
    user_agent = server.requests[0][2]
    assert user_agent.startswith("LondonConnectsLinkChecker/")
    assert "/e-index/link-health/" in user_agent


@pytest.mark.parametrize("refusal", [405, 501, 403])
def test_get_is_used_when_head_is_refused(http_server, fast_config, refusal):
    server = http_server({"/page": Route(200, body=b"hello", head_status=refusal)})
    result = check(server.url("/page"), fast_config())
    assert result.outcome == Outcome.WORKING
    assert server.hits("/page") == ["HEAD", "GET"]


@pytest.mark.parametrize("status", [404, 410])
def test_not_found_and_gone_are_broken(http_server, fast_config, status):
    server = http_server({"/gone": Route(status)})
    result = check(server.url("/gone"), fast_config())
    assert result.outcome == Outcome.BROKEN
    assert (result.status_code, result.error_kind) == (status, ErrorKind.HTTP_STATUS)


def test_a_server_error_is_broken_only_after_a_retry(http_server, fast_config):
    server = http_server({"/error": Route(500)})
    result = check(server.url("/error"), fast_config(retries=1))
    assert result.outcome == Outcome.BROKEN
    assert result.status_code == 500
    assert server.hits("/error") == ["HEAD", "HEAD"]


@pytest.mark.parametrize("status", [401, 403, 429, 451])
def test_refusals_by_the_far_end_are_could_not_verify(http_server, fast_config, status):
    server = http_server({"/private": Route(status)})
    result = check(server.url("/private"), fast_config())
    assert result.outcome == Outcome.UNVERIFIED
    assert result.status_code == status


def test_too_many_requests_honours_retry_after_in_seconds(http_server, fast_config):
    server = http_server({"/busy": Route(429, headers={"Retry-After": "120"})})
    result = check(server.url("/busy"), fast_config())
    assert result.outcome == Outcome.UNVERIFIED
    assert result.retry_after == 120


def test_unavailable_honours_retry_after_as_a_date_and_is_not_retried_at_once(
    http_server, fast_config
):
    later = email.utils.formatdate(time.time() + 600, usegmt=True)
    server = http_server({"/down": Route(503, headers={"Retry-After": later})})
    result = check(server.url("/down"), fast_config(retries=2))
    assert result.outcome == Outcome.BROKEN
    assert 590 <= result.retry_after <= 600
    assert server.hits("/down") == ["HEAD"]


def test_parse_retry_after():
    assert parse_retry_after("30") == 30
    assert parse_retry_after("") is None
    assert parse_retry_after("soon") is None
    assert parse_retry_after("Wed, 21 Oct 2015 07:28:00 GMT", now=1445412480) == 0


def test_a_permanent_redirect_is_offered_as_a_suggested_update(http_server, fast_config):
    server = http_server(
        {
            "/old": Route(301, headers={"Location": "/new"}),
            "/new": Route(308, headers={"Location": "{base}/newer"}),
            "/newer": Route(200),
        }
    )
    result = check(server.url("/old"), fast_config())
    assert result.outcome == Outcome.WORKING
    assert result.final_url == server.url("/newer")
    assert result.redirect_chain == [
        {"status": 301, "url": server.url("/new")},
        {"status": 308, "url": server.url("/newer")},
    ]
    assert result.suggested_url == server.url("/newer")


def test_a_temporary_redirect_is_followed_but_not_suggested(http_server, fast_config):
    server = http_server(
        {
            "/moved": Route(301, headers={"Location": "/login-wall"}),
            "/login-wall": Route(302, headers={"Location": "/page"}),
            "/page": Route(200),
        }
    )
    result = check(server.url("/moved"), fast_config())
    assert result.outcome == Outcome.WORKING
    # Only the permanent part of the chain is suggested.
    assert result.suggested_url == server.url("/login-wall")
    only_temporary = check(server.url("/login-wall"), fast_config())
    assert only_temporary.suggested_url == ""


def test_a_permanent_redirect_to_a_dead_page_suggests_nothing(http_server, fast_config):
    server = http_server({"/old": Route(301, headers={"Location": "/nowhere"})})
    result = check(server.url("/old"), fast_config())
    assert result.outcome == Outcome.BROKEN
    assert result.status_code == 404
    assert result.suggested_url == ""


def test_a_redirect_loop_is_broken(http_server, fast_config):
    server = http_server(
        {
            "/a": Route(302, headers={"Location": "/b"}),
            "/b": Route(302, headers={"Location": "/a"}),
        }
    )
    result = check(server.url("/a"), fast_config())
    assert result.outcome == Outcome.BROKEN
    assert result.error_kind == ErrorKind.TOO_MANY_REDIRECTS
    assert result.error_detail == "Redirect loop"
    assert server.hits("/a") == ["HEAD"] and server.hits("/b") == ["HEAD"]


def test_redirects_are_followed_up_to_the_limit(http_server, fast_config):
    routes = {f"/hop{n}": Route(302, headers={"Location": f"/hop{n + 1}"}) for n in range(6)}
    routes["/hop6"] = Route(200)
    server = http_server(routes)
    assert check(server.url("/hop0"), fast_config(max_redirects=6)).outcome == Outcome.WORKING
    result = check(server.url("/hop0"), fast_config(max_redirects=5))
    assert result.outcome == Outcome.BROKEN
    assert result.error_kind == ErrorKind.TOO_MANY_REDIRECTS
    assert result.error_detail == "Too many redirects"
    assert len(server.hits("/hop6")) == 1  # only the first run got there


def test_a_redirect_to_another_scheme_is_not_followed(http_server, fast_config):
    server = http_server({"/ftp": Route(301, headers={"Location": "ftp://files.example.org/"})})
    result = check(server.url("/ftp"), fast_config())
    assert (result.outcome, result.error_kind) == (Outcome.BROKEN, ErrorKind.INVALID)


def test_a_slow_answer_within_the_timeout_works_and_beyond_it_times_out(http_server, fast_config):
    server = http_server({"/slow": Route(200, delay=0.2), "/slower": Route(200, delay=1.5)})
    assert check(server.url("/slow"), fast_config(timeout=1.0)).outcome == Outcome.WORKING
    started = time.monotonic()
    result = check(server.url("/slower"), fast_config(timeout=0.5))
    assert (result.outcome, result.error_kind) == (Outcome.BROKEN, ErrorKind.TIMEOUT)
    assert time.monotonic() - started < 1.4


def test_a_dropped_connection_is_retried_with_get_then_broken(http_server, fast_config):
    server = http_server({"/reset": Route(reset=True)})
    result = check(server.url("/reset"), fast_config(retries=1))
    assert (result.outcome, result.error_kind) == (Outcome.BROKEN, ErrorKind.CONNECT)
    assert server.hits("/reset") == ["HEAD", "GET"]


def test_a_refused_connection_is_broken(fast_config):
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    result = check(f"http://127.0.0.1:{port}/", fast_config())
    assert (result.outcome, result.error_kind) == (Outcome.BROKEN, ErrorKind.CONNECT)


def test_a_name_that_does_not_resolve_is_broken(fast_config):
    # A name the resolver rejects without asking a DNS server: no network in tests.
    result = check("http://-no-such-host.invalid/", fast_config())
    assert (result.outcome, result.error_kind) == (Outcome.BROKEN, ErrorKind.DNS)


def test_a_failed_tls_handshake_is_broken(http_server, fast_config):
    server = http_server({"/": Route(200)})
    result = check(f"https://127.0.0.1:{server.port}/", fast_config())
    assert (result.outcome, result.error_kind) == (Outcome.BROKEN, ErrorKind.TLS)


def test_a_body_past_the_cap_with_no_length_is_not_read_to_the_end(http_server, fast_config):
    server = http_server({"/endless": Route(200, head_status=405, chunked_forever=True)})
    result = check(server.url("/endless"), fast_config(max_body_bytes=100_000))
    assert (result.outcome, result.error_kind) == (Outcome.UNVERIFIED, ErrorKind.TOO_LARGE)


def test_a_large_body_of_declared_length_is_working_without_reading_it(http_server, fast_config):
    server = http_server({"/big": Route(200, head_status=405, body=b"x" * 300_000)})
    result = check(server.url("/big"), fast_config(max_body_bytes=100_000))
    assert result.outcome == Outcome.WORKING


def test_a_url_without_a_host_is_invalid(fast_config):
    result = check("http:///nothing", fast_config())
    assert (result.outcome, result.error_kind) == (Outcome.BROKEN, ErrorKind.INVALID)


@pytest.mark.parametrize("per_host", [1, 2, 3])
def test_the_per_host_cap_holds_at_the_server(http_server, fast_config, per_host):
    server = http_server({f"/slow{n}": Route(200, delay=0.15) for n in range(12)})
    other = http_server({f"/slow{n}": Route(200, delay=0.15) for n in range(12)}, "127.0.0.2")
    urls = [s.url(f"/slow{n}") for n in range(12) for s in (server, other)]
    results = run_checks(urls, fast_config(per_host=per_host, concurrency=50))
    assert all(r.outcome == Outcome.WORKING for r in results.values())
    # Reached, never passed, on each host, while both hosts were served at once.
    assert server.max_active == per_host
    assert other.max_active == per_host


def test_the_global_cap_holds_over_hosts(http_server, fast_config):
    servers = [http_server({"/slow": Route(200, delay=0.2)}, f"127.0.0.{n}") for n in range(2, 8)]
    started = time.monotonic()
    results = run_checks([s.url("/slow") for s in servers], fast_config(concurrency=2))
    assert all(r.outcome == Outcome.WORKING for r in results.values())
    # Six 0.2 s answers, two at a time: three rounds.
    assert time.monotonic() - started >= 0.55


def test_requests_to_one_host_start_a_polite_delay_apart(http_server, fast_config):
    server = http_server({f"/p{n}": Route(200) for n in range(4)})
    started = time.monotonic()
    run_checks([server.url(f"/p{n}") for n in range(4)], fast_config(host_delay=0.2))
    assert time.monotonic() - started >= 0.6


def test_a_long_retry_after_defers_the_rest_of_that_host(http_server, fast_config):
    server = http_server(
        {
            "/first": Route(429, headers={"Retry-After": "3600"}),
            "/second": Route(200),
            "/third": Route(200),
        }
    )
    urls = [server.url(p) for p in ("/first", "/second", "/third")]
    results = run_checks(urls, fast_config(per_host=1))
    assert results[urls[0]].outcome == Outcome.UNVERIFIED
    assert results[urls[1]].deferred and results[urls[2]].deferred
    assert results[urls[1]].retry_after > 3500
    assert server.hits("/second") == [] and server.hits("/third") == []
