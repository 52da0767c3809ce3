"""Signing up, in and out, confirming and changing e-mail, resetting and changing passwords,
as a person meets them: allauth's pages in the site's GOV.UK layout."""

import re
from datetime import timedelta

import pytest
from allauth.account.forms import EmailAwarePasswordResetTokenGenerator
from allauth.account.models import EmailAddress
from allauth.account.utils import user_pk_to_url_str
from django.core import mail
from django.urls import reverse

from accounts.models import User
from tests.factories import UserFactory

from .helpers import PASSWORD, error_summary, h1_count, input_value, sign_in

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "a-brand-new-passphrase"


def link_in_last_mail(pattern):
    match = re.search(pattern, mail.outbox[-1].body)
    assert match, mail.outbox[-1].body
    return match.group(0)


def signed_in_user_id(client):
    return client.session.get("_auth_user_id")


def test_sign_up_confirm_email_and_arrive_signed_in(client):
    response = client.post(
        "/accounts/signup/",
        {"email": "new.officer@example.org", "password1": NEW_PASSWORD, "password2": NEW_PASSWORD},
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("account_email_verification_sent")
    assert signed_in_user_id(client) is None

    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["new.officer@example.org"]
    assert mail.outbox[0].subject == "[LondonConnects] Confirm your e-mail address"
    confirm_path = link_in_last_mail(r"/accounts/confirm-email/[^/\s]+/")

    page = client.get(confirm_path)
    assert page.status_code == 200
    assert "Confirm that new.officer@example.org is your e-mail address" in page.text
    assert h1_count(page.text) == 1

    response = client.post(confirm_path)
    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:profile")
    user = User.objects.get(email="new.officer@example.org")
    assert signed_in_user_id(client) == str(user.pk)
    assert user.is_member

    profile = client.get(response["Location"])
    assert "new.officer@example.org" in profile.text
    assert "<li>Member</li>" in profile.text


def test_sign_in_with_e_mail_address_and_sign_out(client):
    user = UserFactory(email="officer@camden.example.org")

    response = sign_in(client, "Officer@Camden.example.org")

    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:profile")
    assert signed_in_user_id(client) == str(user.pk)

    logout_page = client.get("/accounts/logout/")
    assert h1_count(logout_page.text) == 1
    client.post("/accounts/logout/")
    assert signed_in_user_id(client) is None


def test_unverified_address_cannot_sign_in_and_is_sent_a_new_link(client):
    UserFactory(email="unconfirmed@example.org", verified_email=False)

    response = sign_in(client, "unconfirmed@example.org")

    assert response.status_code == 302
    assert response["Location"] == reverse("account_email_verification_sent")
    assert signed_in_user_id(client) is None
    assert mail.outbox[-1].to == ["unconfirmed@example.org"]
    page = client.get(response["Location"])
    assert "Check your e-mail" in page.text


def test_closed_account_cannot_sign_in(client):
    UserFactory(email="left@example.org", is_active=False)

    response = sign_in(client, "left@example.org", follow=True)

    assert signed_in_user_id(client) is None
    assert response.redirect_chain[-1][0] == reverse("account_inactive")
    assert "This account is closed" in response.text
    assert h1_count(response.text) == 1


def test_wrong_password_shows_error_summary_and_keeps_the_address(client):
    UserFactory(email="officer@example.org")

    response = sign_in(client, "officer@example.org", password="not-my-password")

    assert response.status_code == 200
    summary = error_summary(response.text)
    assert "There is a problem" in summary
    assert "not correct" in summary
    assert input_value(response.text, "login") == "officer@example.org"
    assert input_value(response.text, "password") is None
    assert "<title>Error: Sign in" in response.text
    assert h1_count(response.text) == 1


def test_sign_up_errors_are_summarised_linked_and_keep_what_was_typed(client):
    UserFactory(email="taken@example.org")

    response = client.post(
        "/accounts/signup/",
        {"email": "someone@example.org", "password1": "short", "password2": "different"},
    )

    assert response.status_code == 200
    summary = error_summary(response.text)
    assert 'href="#id_password1"' in summary or 'href="#id_password2"' in summary
    assert "govuk-form-group--error" in response.text
    assert input_value(response.text, "email") == "someone@example.org"
    assert input_value(response.text, "password1") is None
    assert input_value(response.text, "password2") is None
    assert not User.objects.filter(email="someone@example.org").exists()


def test_forms_label_every_control_without_placeholders(client):
    for path in ["/accounts/login/", "/accounts/signup/", "/accounts/password/reset/"]:
        html = client.get(path).text
        assert h1_count(html) == 1, path
        assert "placeholder=" not in html, path
        for control_id in re.findall(
            r'<input[^>]*type="(?:email|password|text)"[^>]*id="([^"]+)"', html
        ):
            assert f'<label class="govuk-label govuk-label--s" for="{control_id}">' in html, (
                path,
                control_id,
            )


def test_password_reset_by_e_mail_link(client):
    user = UserFactory(email="forgetful@example.org")

    response = client.post("/accounts/password/reset/", {"email": "forgetful@example.org"})
    assert response.status_code == 302
    assert "Check your e-mail" in client.get(response["Location"]).text
    assert mail.outbox[-1].subject == "[LondonConnects] Reset your password"
    key_path = link_in_last_mail(r"/accounts/password/reset/key/[^/\s]+/")

    # allauth moves the key into the session and shows the form at a key-less URL
    form_page = client.get(key_path, follow=True)
    assert "Choose a new password" in form_page.text
    form_path = form_page.redirect_chain[-1][0]
    response = client.post(form_path, {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD})
    assert response.status_code == 302

    user.refresh_from_db()
    assert user.check_password(NEW_PASSWORD)
    assert "This link has expired" in client.get(key_path, follow=True).text


class TokenGeneratorAt(EmailAwarePasswordResetTokenGenerator):
    """allauth's reset token generator with its clock moved, to make a token in the past."""

    def __init__(self, moved_by):
        super().__init__()
        self.moved_by = moved_by

    def _now(self):
        return super()._now() + self.moved_by


def reset_link_made(user, ago):
    token = TokenGeneratorAt(-ago).make_token(user)
    return reverse(
        "account_reset_password_from_key",
        kwargs={"uidb36": user_pk_to_url_str(user), "key": token},
    )


def test_password_reset_link_older_than_one_hour_is_refused(client):
    user = UserFactory()

    response = client.get(reset_link_made(user, timedelta(minutes=61)), follow=True)

    assert "This link has expired" in response.text
    assert 'name="password1"' not in response.text
    assert h1_count(response.text) == 1


def test_password_reset_link_younger_than_one_hour_works(client):
    user = UserFactory()

    response = client.get(reset_link_made(user, timedelta(minutes=59)), follow=True)

    assert "Choose a new password" in response.text
    assert 'name="password1"' in response.text


def test_change_password(client):
    user = UserFactory()
    sign_in(client, user.email)

    page = client.get("/accounts/password/change/")
    assert h1_count(page.text) == 1
    response = client.post(
        "/accounts/password/change/",
        {"oldpassword": PASSWORD, "password1": NEW_PASSWORD, "password2": NEW_PASSWORD},
    )

    assert response.status_code == 302
    user.refresh_from_db()
    assert user.check_password(NEW_PASSWORD)
    assert signed_in_user_id(client) == str(user.pk)


def test_change_password_with_wrong_current_password_is_refused(client):
    user = UserFactory()
    sign_in(client, user.email)

    response = client.post(
        "/accounts/password/change/",
        {"oldpassword": "wrong", "password1": NEW_PASSWORD, "password2": NEW_PASSWORD},
    )

    assert response.status_code == 200
    assert 'href="#id_oldpassword"' in error_summary(response.text)
    user.refresh_from_db()
    assert user.check_password(PASSWORD)


def test_change_e_mail_address_after_confirming_the_new_one(client):
    user = UserFactory(email="old@example.org")
    sign_in(client, user.email)

    page = client.get("/accounts/email/")
    assert "Change your e-mail address" in page.text
    assert h1_count(page.text) == 1
    response = client.post(
        "/accounts/email/",
        {"email": "new@example.org", "password": PASSWORD, "action_add": ""},
    )
    assert response.status_code == 302
    assert mail.outbox[-1].to == ["new@example.org"]
    pending = client.get("/accounts/email/")
    assert "Not confirmed yet" in pending.text
    user.refresh_from_db()
    assert user.email == "old@example.org"

    client.post(link_in_last_mail(r"/accounts/confirm-email/[^/\s]+/"))

    user.refresh_from_db()
    assert user.email == "new@example.org"
    assert EmailAddress.objects.get(user=user).email == "new@example.org"


def test_change_e_mail_error_keeps_what_was_typed(client):
    user = UserFactory()
    sign_in(client, user.email)

    response = client.post("/accounts/email/", {"email": "not an address", "action_add": ""})

    assert response.status_code == 200
    assert 'href="#id_email"' in error_summary(response.text)
    assert input_value(response.text, "email") == "not an address"
