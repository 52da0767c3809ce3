"""The SSRF guard's two further rules: only the web's ports (80 and 443 unless
LINKCHECK_ALLOWED_PORTS allows more), and no 6to4 address (2002::/16) that carries a private
IPv4 address, which this Python's ipaddress counts as global."""

import pytest
from django.test import override_settings

from linkcheck.addresses import is_refused, parse_networks, parse_ports
from linkcheck.checker import CheckerConfig, run_checks
from linkcheck.outcomes import ErrorKind, Outcome

from .servers import Route

WEB_PORTS = parse_ports(["80", "443"])


@pytest.mark.parametrize(
    "address",
    [
        "2002:7f00:1::",  # 6to4 of 127.0.0.1
        "2002:a00:1::1",  # 10.0.0.1
        "2002:c0a8:101::",  # 192.168.1.1
        "2002:a9fe:a9fe::",  # 169.254.169.254, cloud metadata
        "2002:ac10:1::",  # 172.16.0.1
    ],
)
def test_6to4_addresses_carrying_a_private_ipv4_are_refused(address):
    assert is_refused(address)


def test_a_6to4_address_of_a_public_ipv4_is_allowed():
    assert not is_refused("2002:808:808::1")  # 8.8.8.8


def test_a_6to4_address_is_let_through_when_its_network_is_allowed():
    assert not is_refused("2002:7f00:1::", parse_networks(["2002::/16"]))


def test_a_6to4_url_is_refused_before_any_connection(fast_config):
    url = "http://[2002:7f00:1::]/"
    result = run_checks([url], fast_config(allowed_networks=(), allowed_ports=WEB_PORTS))[url]
    assert (result.outcome, result.error_kind) == (Outcome.UNVERIFIED, ErrorKind.BLOCKED)
    assert "2002:7f00:1::" in result.error_detail


def test_ports_other_than_80_and_443_are_refused_by_default(http_server, fast_config):
    server = http_server({"/": Route(200)})
    result = run_checks([server.url("/")], fast_config(allowed_ports=WEB_PORTS))[server.url("/")]
    assert (result.outcome, result.error_kind) == (Outcome.UNVERIFIED, ErrorKind.BLOCKED)
    assert f"port {server.port}" in result.error_detail
    assert server.requests == []  # never connected


def test_an_allowed_port_is_checked(http_server, fast_config):
    server = http_server({"/": Route(200)})
    config = fast_config(allowed_ports=parse_ports(["80", "443", str(server.port)]))
    assert run_checks([server.url("/")], config)[server.url("/")].outcome == Outcome.WORKING
    assert server.hits("/") == ["HEAD"]


def test_a_redirect_to_a_port_not_allowed_is_refused(http_server, fast_config):
    other = http_server({"/admin": Route(200)}, "127.0.0.1")
    start = http_server({"/go": Route(302, headers={"Location": other.url("/admin")})})
    config = fast_config(allowed_ports=parse_ports(["80", "443", str(start.port)]))
    result = run_checks([start.url("/go")], config)[start.url("/go")]
    assert (result.outcome, result.error_kind) == (Outcome.UNVERIFIED, ErrorKind.BLOCKED)
    assert result.redirect_chain == [{"status": 302, "url": other.url("/admin")}]
    assert start.hits("/go") == ["HEAD"]
    assert other.requests == []


@override_settings(LINKCHECK_ALLOWED_PORTS=["80", "443", "8000-8099", " 8443 ", ""])
def test_the_setting_feeds_the_checker_with_single_ports_and_ranges():
    ports = CheckerConfig.from_settings().allowed_ports
    assert all(port in ports for port in (80, 443, 8000, 8050, 8099, 8443))
    assert not any(port in ports for port in (22, 25, 6379, 7999, 8100, 8442))


def test_the_default_allows_the_web_ports_only(settings):
    del settings.LINKCHECK_ALLOWED_PORTS
    ports = CheckerConfig.from_settings().allowed_ports
    assert 80 in ports and 443 in ports
    assert not any(port in ports for port in (22, 25, 3306, 5432, 6379, 8080, 11211))
