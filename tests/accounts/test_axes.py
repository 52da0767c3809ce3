"""django-axes throttles and logs every way of signing in."""

import pytest
from axes.models import AccessAttempt, AccessLog
from django.conf import settings
from django.test import RequestFactory, override_settings

from accounts.security import axes_username
from tests.factories import SuperUserFactory, UserFactory

from .helpers import h1_count, sign_in

pytestmark = pytest.mark.django_db


def fail_until_locked(client, email, **extra):
    responses = [
        sign_in(client, email, password="wrong-password", **extra)
        for _ in range(settings.AXES_FAILURE_LIMIT)
    ]
    return responses[-1]


def test_failures_are_logged_against_the_address_and_ip(client):
    UserFactory(email="officer@example.org")

    sign_in(client, "Officer@Example.org", password="wrong-password")
    sign_in(client, "officer@example.org", password="wrong-password")

    attempt = AccessAttempt.objects.get()
    assert attempt.username == "officer@example.org"
    assert attempt.ip_address == "127.0.0.1"
    assert attempt.failures_since_start == 2
    assert attempt.path_info == "/accounts/login/"


def test_after_the_failure_limit_even_the_right_password_meets_the_lockout_page(client):
    user = UserFactory(email="officer@example.org")

    locked = fail_until_locked(client, user.email)
    assert locked.status_code == 429

    response = sign_in(client, user.email)

    assert response.status_code == 429
    assert "_auth_user_id" not in client.session
    assert "Too many attempts to sign in" in response.text
    assert f"There have been {settings.AXES_FAILURE_LIMIT} unsuccessful attempts" in response.text
    assert "Wait 1 hour" in response.text
    assert h1_count(response.text) == 1
    assert '<main class="govuk-main-wrapper"' in response.text


def test_lockout_is_for_that_account_from_that_network_only(client):
    user = UserFactory(email="officer@example.org")
    colleague = UserFactory(email="colleague@example.org")
    fail_until_locked(client, user.email)

    colleague_response = sign_in(client, colleague.email)
    assert colleague_response.status_code == 302
    client.logout()
    other_network = sign_in(client, user.email, REMOTE_ADDR="192.0.2.10")
    assert other_network.status_code == 302


@override_settings(TRUSTED_PROXIES=1)
def test_behind_the_proxy_a_lockout_is_for_the_visitor_who_failed_not_everyone(client):
    user = UserFactory(email="officer@example.org")
    behind_proxy = {"REMOTE_ADDR": "10.0.0.5"}
    fail_until_locked(client, user.email, HTTP_X_FORWARDED_FOR="198.51.100.7", **behind_proxy)

    assert AccessAttempt.objects.get().ip_address == "198.51.100.7"
    still_locked = sign_in(
        client, user.email, HTTP_X_FORWARDED_FOR="203.0.113.1, 198.51.100.7", **behind_proxy
    )
    assert still_locked.status_code == 429
    from_elsewhere = sign_in(
        client, user.email, HTTP_X_FORWARDED_FOR="198.51.100.8", **behind_proxy
    )
    assert from_elsewhere.status_code == 302


def test_a_successful_sign_in_is_logged_and_clears_earlier_failures(client):
    user = UserFactory(email="officer@example.org")
    sign_in(client, user.email, password="wrong-password")

    response = sign_in(client, user.email)

    assert response.status_code == 302
    assert not AccessAttempt.objects.exists()
    assert AccessLog.objects.filter(username="officer@example.org").exists()


def test_admin_login_url_takes_no_password_so_axes_sees_one_path(client):
    admin = SuperUserFactory(email="admin@example.org")

    response = client.post(
        "/admin/login/?next=/admin/",
        {"username": admin.email, "password": "correct-horse-battery"},
    )

    assert response.status_code == 302
    assert response["Location"] == "/accounts/login/?next=/admin/"
    assert "_auth_user_id" not in client.session


@pytest.mark.parametrize(
    ("post", "credentials", "expected"),
    [
        ({"login": " Someone@Example.org "}, None, "someone@example.org"),
        ({}, {"email": "Editor@Example.org"}, "editor@example.org"),
        ({"username": "admin@example.org"}, None, "admin@example.org"),
        ({}, {}, None),
    ],
)
def test_axes_username_reads_allauth_and_admin_forms(post, credentials, expected):
    request = RequestFactory().post("/accounts/login/", post)

    assert axes_username(request, credentials) == expected
