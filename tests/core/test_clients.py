"""One setting, TRUSTED_PROXIES, says where the visitor's address is, for every limit,
throttle and lock-out: behind N proxies it is the entry the outermost of them added to
X-Forwarded-For; what the client wrote to the left of it is never believed."""

import pytest
from allauth.account.adapter import get_adapter
from django.test import RequestFactory, override_settings

from core.clients import client_address, client_key
from core.limits import allow_visitor
from tests.projects.factories import ProjectFactory

PROXY = "10.0.0.5"


def request_from(forwarded_for=None, remote=PROXY):
    headers = {"REMOTE_ADDR": remote}
    if forwarded_for is not None:
        headers["HTTP_X_FORWARDED_FOR"] = forwarded_for
    return RequestFactory().get("/", **headers)


@override_settings(TRUSTED_PROXIES=0)
def test_without_trusted_proxies_the_forwarded_header_is_ignored():
    assert client_address(request_from("198.51.100.7")) == PROXY


@pytest.mark.parametrize(
    ("proxies", "forwarded_for", "visitor"),
    [
        (1, "198.51.100.7", "198.51.100.7"),
        (1, "203.0.113.66, 198.51.100.7", "198.51.100.7"),
        (2, "203.0.113.66, 198.51.100.7, 10.0.0.9", "198.51.100.7"),
        (1, " 2001:db8::7 ", "2001:db8::7"),
    ],
)
def test_the_visitor_is_the_entry_the_outermost_trusted_proxy_added(
    proxies, forwarded_for, visitor
):
    with override_settings(TRUSTED_PROXIES=proxies):
        assert client_address(request_from(forwarded_for)) == visitor


@override_settings(TRUSTED_PROXIES=2)
def test_a_request_that_did_not_pass_every_proxy_is_taken_from_its_own_address():
    assert client_address(request_from("198.51.100.7")) == PROXY
    assert client_address(request_from()) == PROXY


@override_settings(TRUSTED_PROXIES=-3)
def test_a_negative_count_means_no_proxies():
    assert client_address(request_from("198.51.100.7")) == PROXY


@override_settings(TRUSTED_PROXIES=1)
def test_keys_tell_visitors_apart_and_store_no_address():
    first = client_key(request_from("198.51.100.7"), "scope")
    second = client_key(request_from("198.51.100.8"), "scope")

    assert first != second
    assert "198.51.100" not in first


@override_settings(TRUSTED_PROXIES=1)
def test_per_visitor_limits_count_each_visitor_behind_the_proxy_apart():
    one, other = request_from("198.51.100.7"), request_from("198.51.100.8")

    assert [allow_visitor(one, "test-scope", 2, 60) for _ in range(3)] == [True, True, False]
    assert allow_visitor(other, "test-scope", 2, 60)


@override_settings(TRUSTED_PROXIES=1)
def test_allauths_own_rate_limits_read_the_same_address():
    assert get_adapter().get_client_ip(request_from("203.0.113.66, 198.51.100.7")) == (
        "198.51.100.7"
    )


@pytest.mark.django_db
@override_settings(TRUSTED_PROXIES=1, API_ANONYMOUS_RATE="2/minute")
def test_the_api_throttle_counts_each_visitor_behind_the_proxy_apart(client, org):
    ProjectFactory(lead_organisation=org("newham"))
    url = "/api/v1/projects/"

    def get(visitor):
        return client.get(url, REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=visitor).status_code

    assert [get("198.51.100.7") for _ in range(3)] == [200, 200, 429]
    assert get("198.51.100.8") == 200
    assert get("203.0.113.66, 198.51.100.7") == 429
