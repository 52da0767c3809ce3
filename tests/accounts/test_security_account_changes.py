"""Changing how an account is reached (its e-mail address, its password) needs the current
password, which counts towards the sign-in lockout when wrong; the address in use is told
of every such change and of a change asked for, the new address gets the confirmation."""

import re

import pytest
from allauth.account.models import EmailAddress
from django.conf import settings

from tests.factories import UserFactory

from .helpers import PASSWORD, error_summary, input_value, sign_in

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "a-brand-new-passphrase"


def body(message):
    return message.get_body(("plain",)).get_content()


def ask_to_change_address(client, new, password=PASSWORD):
    data = {"email": new, "action_add": ""}
    if password is not None:
        data["password"] = password
    return client.post("/accounts/email/", data)


def test_changing_the_address_needs_the_current_password(client, sink):
    user = UserFactory(email="old@example.org")
    sign_in(client, user.email)

    missing = ask_to_change_address(client, "new@example.org", password=None)
    wrong = ask_to_change_address(client, "new@example.org", password="not-my-password")

    for response in (missing, wrong):
        assert response.status_code == 200
        assert 'href="#id_password"' in error_summary(response.text)
        assert input_value(response.text, "email") == "new@example.org"
    assert "Enter your current password" in error_summary(missing.text)
    assert "Your current password is not correct" in error_summary(wrong.text)
    assert 'value="not-my-password"' not in wrong.text
    assert not EmailAddress.objects.filter(email="new@example.org").exists()
    assert sink.count == 0


def test_a_wrong_current_password_counts_towards_the_lockout(client):
    user = UserFactory(email="old@example.org")
    sign_in(client, user.email)
    for _ in range(settings.AXES_FAILURE_LIMIT):
        ask_to_change_address(client, "new@example.org", password="not-my-password")

    response = ask_to_change_address(client, "new@example.org")

    assert response.status_code == 429
    assert not EmailAddress.objects.filter(email="new@example.org").exists()


def test_both_addresses_are_told_of_a_change_of_address(client, sink):
    user = UserFactory(email="old@example.org")
    sign_in(client, user.email)

    response = ask_to_change_address(client, "new@example.org")

    assert response.status_code == 302
    [confirmation] = sink.to("new@example.org")
    [asked] = sink.to("old@example.org")
    assert "new@example.org" in body(asked)
    assert "If this was not you" in body(asked)
    assert "/accounts/password/reset/" in body(asked)
    link = re.search(r"/accounts/confirm-email/[^/\s]+/", body(confirmation)).group(0)

    client.post(link)

    user.refresh_from_db()
    assert user.email == "new@example.org"
    changed = sink.to("old@example.org")[-1]
    assert changed is not asked
    assert "changed from old@example.org to new@example.org" in body(changed)
    assert len(sink.to("new@example.org")) == 2
    assert "This is now the address" in body(sink.to("new@example.org")[-1])


def test_changing_the_password_needs_the_current_one_and_tells_the_address(client, sink):
    user = UserFactory(email="officer@example.org")
    sign_in(client, user.email)
    change = {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD}

    refused = client.post("/accounts/password/change/", change)
    assert 'href="#id_oldpassword"' in error_summary(refused.text)
    assert sink.count == 0

    client.post("/accounts/password/change/", {"oldpassword": PASSWORD, **change})

    user.refresh_from_db()
    assert user.check_password(NEW_PASSWORD)
    [told] = sink.to("officer@example.org")
    assert "Your password has changed" in told["Subject"]
    assert "If this was not you" in body(told)


def test_a_wrong_current_password_at_password_change_counts_towards_the_lockout(client):
    user = UserFactory(email="officer@example.org")
    sign_in(client, user.email)
    change = {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD}
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post("/accounts/password/change/", {"oldpassword": "wrong", **change})

    response = client.post("/accounts/password/change/", {"oldpassword": PASSWORD, **change})

    assert response.status_code == 429
    user.refresh_from_db()
    assert user.check_password(PASSWORD)
