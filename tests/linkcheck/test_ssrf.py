"""The SSRF guard: no private, loopback, link-local, multicast or reserved address is fetched,
after DNS and again at every redirect, unless LINKCHECK_ALLOWED_NETWORKS lets it through."""

import pytest
from django.test import override_settings

from linkcheck.addresses import (
    AddressRefused,
    GuardedNetworkBackend,
    is_refused,
    parse_networks,
    parse_ports,
)
from linkcheck.checker import CheckerConfig, run_checks, run_coroutine
from linkcheck.outcomes import ErrorKind, Outcome

from .servers import Route

REFUSED = [
    "127.0.0.1",
    "127.8.9.10",
    "10.1.2.3",
    "172.16.0.1",
    "192.168.1.1",
    "169.254.169.254",  # cloud metadata
    "100.64.0.1",  # carrier-grade NAT
    "0.0.0.0",  # noqa: S104 (an address to refuse, not one to bind)
    "224.0.0.1",
    "240.0.0.1",
    "255.255.255.255",
    "::1",
    "::",
    "fe80::1",
    "fc00::1",
    "fd12:3456::1",
    "fec0::1",
    "ff02::1",
    "ff0e::1",
    "::ffff:127.0.0.1",
    "::ffff:10.0.0.1",
    "2001:db8::1",
]
PUBLIC = ["8.8.8.8", "151.101.0.81", "2606:4700:4700::1111", "2a00:1450:4009:81f::200e"]


@pytest.mark.parametrize("address", REFUSED)
def test_private_and_reserved_addresses_are_refused(address):
    assert is_refused(address)


@pytest.mark.parametrize("address", PUBLIC)
def test_public_addresses_are_allowed(address):
    assert not is_refused(address)


def test_allowed_networks_let_just_those_addresses_through():
    allowed = parse_networks(["127.0.0.2/32", " fd00::/8 ", ""])
    assert not is_refused("127.0.0.2", allowed)
    assert is_refused("127.0.0.1", allowed)
    assert not is_refused("fd00::5", allowed)
    assert not is_refused("::ffff:127.0.0.2", allowed)


@override_settings(LINKCHECK_ALLOWED_NETWORKS=["10.0.0.0/8", "192.168.0.0/16"])
def test_the_setting_feeds_the_checker():
    config = CheckerConfig.from_settings()
    assert [str(n) for n in config.allowed_networks] == ["10.0.0.0/8", "192.168.0.0/16"]


@override_settings(LINKCHECK_ALLOWED_NETWORKS=[])
def test_the_default_allows_nothing_private(http_server, fast_config):
    server = http_server({"/": Route(200)})
    config = CheckerConfig.from_settings(host_delay=0)
    result = run_checks([server.url("/")], config)[server.url("/")]
    assert (result.outcome, result.error_kind) == (Outcome.UNVERIFIED, ErrorKind.BLOCKED)
    assert server.requests == []  # never connected


def test_loopback_is_refused_when_not_allowed(http_server, fast_config):
    server = http_server({"/": Route(200)})
    result = run_checks([server.url("/")], fast_config(allowed_networks=()))[server.url("/")]
    assert (result.outcome, result.error_kind) == (Outcome.UNVERIFIED, ErrorKind.BLOCKED)
    assert "127.0.0.1" in result.error_detail
    assert server.requests == []


def test_ipv6_loopback_literal_is_refused(fast_config):
    result = run_checks(["http://[::1]:9/"], fast_config(allowed_networks=()))["http://[::1]:9/"]
    assert result.error_kind == ErrorKind.BLOCKED


def test_a_redirect_from_an_allowed_host_to_loopback_is_refused(http_server, fast_config):
    secret = http_server({"/secret": Route(200)}, "127.0.0.1")
    public = http_server(
        {"/go": Route(302, headers={"Location": secret.url("/secret")})}, "127.0.0.2"
    )
    config = fast_config(allowed_networks=parse_networks(["127.0.0.2/32"]))
    result = run_checks([public.url("/go")], config)[public.url("/go")]
    assert (result.outcome, result.error_kind) == (Outcome.UNVERIFIED, ErrorKind.BLOCKED)
    assert result.redirect_chain == [{"status": 302, "url": secret.url("/secret")}]
    assert public.hits("/go") == ["HEAD"]
    assert secret.requests == []  # the guard stopped the hop before any connection


def test_the_same_redirect_is_followed_when_loopback_is_allowed(http_server, fast_config):
    target = http_server({"/page": Route(200)}, "127.0.0.1")
    start = http_server({"/go": Route(302, headers={"Location": target.url("/page")})}, "127.0.0.2")
    result = run_checks([start.url("/go")], fast_config())[start.url("/go")]
    assert result.outcome == Outcome.WORKING
    assert target.hits("/page") == ["HEAD"]


def test_a_name_is_refused_if_any_of_its_addresses_is(http_server):
    """localhost may resolve to 127.0.0.1 and ::1; allowing only 127.0.0.2 refuses it."""

    async def resolve():
        backend = GuardedNetworkBackend(parse_networks(["127.0.0.2/32"]))
        with pytest.raises(AddressRefused):
            await backend.resolve("localhost", 80)

    run_coroutine(resolve())


def test_a_name_is_resolved_once_and_the_checked_address_is_the_one_used(http_server):
    """The answer is kept for the run and the connection goes to that address, so a second,
    different DNS answer (rebinding) is never asked for."""
    server = http_server({"/": Route(200)})

    async def connect_twice():
        backend = GuardedNetworkBackend(
            parse_networks(["127.0.0.0/8"]), ports=parse_ports([str(server.port)])
        )
        first = await backend.resolve("localhost", server.port)
        backend._answers[("localhost", server.port)] = ["127.0.0.1"]
        stream = await backend.connect_tcp("localhost", server.port, timeout=2)
        peer = stream.get_extra_info("server_addr") or stream.get_extra_info("socket").getpeername()
        await stream.aclose()
        return first, peer

    first, peer = run_coroutine(connect_twice())
    assert "127.0.0.1" in first
    assert peer[0] == "127.0.0.1" and peer[1] == server.port
