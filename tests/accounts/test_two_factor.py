"""Staff reach the admin only after a code from an authenticator app (django-otp TOTP)."""

import datetime
import re
import time
from base64 import b32decode

import pytest
from django.conf import settings
from django.utils import timezone
from django_otp.oath import TOTP, totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.factories import PartnerEditorFactory, SuperUserFactory, UserFactory

from .helpers import PASSWORD, error_summary, h1_count, sign_in

pytestmark = pytest.mark.django_db


def current_code(device):
    device.refresh_from_db()
    code = totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits)
    return f"{code:06d}"


def wrong_code(device):
    return f"{(int(current_code(device)) + 1) % 1_000_000:06d}"


@pytest.fixture
def staff_signed_in_with_password(client):
    user = SuperUserFactory(email="admin@example.org")
    sign_in(client, user.email)
    return user


def test_admin_never_shows_its_own_password_form(client):
    response = client.get("/admin/", follow=True)

    assert response.redirect_chain[-1][0] == "/accounts/login/?next=/admin/"
    assert 'name="login"' in response.text


def test_staff_with_password_only_and_no_device_are_sent_to_set_one_up(
    client, staff_signed_in_with_password
):
    response = client.get("/admin/", follow=True)

    assert response.redirect_chain[-1][0].startswith("/accounts/two-factor/setup/")
    assert response.status_code == 200
    assert client.get("/admin/contacts/contact/").status_code == 302


def test_staff_with_a_device_are_asked_for_a_code(client, staff_signed_in_with_password):
    TOTPDevice.objects.create(user=staff_signed_in_with_password, name="phone", confirmed=True)

    response = client.get("/admin/contacts/contact/", follow=True)

    final_url = response.redirect_chain[-1][0]
    assert final_url.startswith("/accounts/two-factor/?")
    assert "next=%2Fadmin%2Fcontacts%2Fcontact%2F" in final_url
    assert "Enter the code from your authenticator app" in response.text
    assert h1_count(response.text) == 1
    assert 'autocomplete="one-time-code"' in response.text


def test_correct_code_opens_the_admin(client, staff_signed_in_with_password):
    device = TOTPDevice.objects.create(
        user=staff_signed_in_with_password, name="phone", confirmed=True
    )

    response = client.post(
        "/accounts/two-factor/", {"code": current_code(device), "next": "/admin/"}
    )

    assert response.status_code == 302
    assert response["Location"] == "/admin/"
    admin_index = client.get("/admin/")
    assert admin_index.status_code == 200
    assert "LondonConnects administration" in admin_index.text


def test_wrong_code_is_refused_with_a_govuk_error(client, staff_signed_in_with_password):
    device = TOTPDevice.objects.create(
        user=staff_signed_in_with_password, name="phone", confirmed=True
    )

    response = client.post("/accounts/two-factor/", {"code": wrong_code(device), "next": "/admin/"})

    assert response.status_code == 200
    summary = error_summary(response.text)
    assert "The code is not correct" in summary
    assert 'href="#id_code"' in summary
    assert "govuk-form-group--error" in response.text
    assert "<title>Error: " in response.text
    assert client.get("/admin/").status_code == 302


def test_code_not_six_digits_is_refused(client, staff_signed_in_with_password):
    TOTPDevice.objects.create(user=staff_signed_in_with_password, name="phone", confirmed=True)

    response = client.post("/accounts/two-factor/", {"code": "12ab"})

    assert "Enter the code as 6 digits" in error_summary(response.text)


def test_set_up_shows_the_secret_as_text_and_qr_code_then_confirms_a_first_code(
    client, staff_signed_in_with_password
):
    page = client.get("/accounts/two-factor/setup/?next=/admin/")

    assert page.status_code == 200
    assert h1_count(page.text) == 1
    device = TOTPDevice.objects.get(user=staff_signed_in_with_password)
    assert not device.confirmed
    secret = re.search(r'<code class="lc-secret-key">([A-Z2-7 ]+)</code>', page.text).group(1)
    assert len(secret.replace(" ", "")) == 32
    svg = re.search(r"<svg.*?</svg>", page.text, re.S).group(0)
    assert 'role="img"' in svg and "aria-label=" in svg
    assert "style=" not in page.text
    assert "<script>" not in page.text

    response = client.post(
        "/accounts/two-factor/setup/",
        {"code": current_code(device), "password": PASSWORD, "next": "/admin/"},
    )

    assert response["Location"] == "/admin/"
    device.refresh_from_db()
    assert device.confirmed
    assert client.get("/admin/").status_code == 200


def test_set_up_refuses_a_wrong_first_code(client, staff_signed_in_with_password):
    client.get("/accounts/two-factor/setup/")
    device = TOTPDevice.objects.get(user=staff_signed_in_with_password)

    response = client.post(
        "/accounts/two-factor/setup/", {"code": wrong_code(device), "password": PASSWORD}
    )

    assert "The code is not correct" in error_summary(response.text)
    assert h1_count(response.text) == 1
    device.refresh_from_db()
    assert not device.confirmed
    assert client.get("/admin/").status_code == 302


def test_codes_are_throttled_after_a_wrong_one(client, staff_signed_in_with_password):
    device = TOTPDevice.objects.create(
        user=staff_signed_in_with_password, name="phone", confirmed=True
    )
    client.post("/accounts/two-factor/", {"code": wrong_code(device)})

    response = client.post("/accounts/two-factor/", {"code": current_code(device)})

    assert "Too many wrong codes" in error_summary(response.text)
    assert client.get("/admin/").status_code == 302


def shown_secret(page):
    return re.search(r'<code class="lc-secret-key">([A-Z2-7 ]+)</code>', page.text).group(1)


def code_for_secret(secret, steps_ahead=0):
    """The code an app holding `secret` shows now (or that many 30-second steps later, which
    the site still accepts within its tolerance of one step)."""
    clock = TOTP(b32decode(secret.replace(" ", "")))
    clock.time = time.time() + 30 * steps_ahead
    return f"{clock.token():06d}"


def test_each_visit_to_set_up_shows_a_new_secret_and_keeps_one_unconfirmed_device(
    client, staff_signed_in_with_password
):
    first = shown_secret(client.get("/accounts/two-factor/setup/"))
    second = shown_secret(client.get("/accounts/two-factor/setup/"))

    assert first != second
    device = TOTPDevice.objects.get(user=staff_signed_in_with_password)
    assert not device.confirmed
    response = client.post(
        "/accounts/two-factor/setup/", {"code": code_for_secret(first), "password": PASSWORD}
    )
    assert "The code is not correct" in error_summary(response.text)
    device.refresh_from_db()
    assert not device.confirmed


def test_a_secret_copied_with_only_the_password_never_pairs_with_the_account(client):
    user = SuperUserFactory(email="admin@example.org")
    intruder = client.__class__()
    sign_in(intruder, user.email)
    copied = shown_secret(intruder.get("/accounts/two-factor/setup/"))
    sign_in(client, user.email)

    mine = shown_secret(client.get("/accounts/two-factor/setup/"))
    client.post(
        "/accounts/two-factor/setup/", {"code": code_for_secret(mine), "password": PASSWORD}
    )

    assert TOTPDevice.objects.get(user=user).confirmed
    assert client.get("/admin/").status_code == 200
    refused = intruder.post(
        "/accounts/two-factor/", {"code": code_for_secret(copied, steps_ahead=1)}
    )
    assert "The code is not correct" in error_summary(refused.text)
    assert intruder.get("/admin/").status_code == 302


def test_confirming_set_up_needs_the_password_again(client, staff_signed_in_with_password):
    client.get("/accounts/two-factor/setup/")
    device = TOTPDevice.objects.get(user=staff_signed_in_with_password)

    missing = client.post("/accounts/two-factor/setup/", {"code": current_code(device)})
    wrong = client.post(
        "/accounts/two-factor/setup/",
        {"code": current_code(device), "password": "not-the-password"},
    )

    assert "Enter your password" in error_summary(missing.text)
    assert 'href="#id_password"' in error_summary(missing.text)
    assert "Your password is not correct" in error_summary(wrong.text)
    assert 'value="not-the-password"' not in wrong.text
    device.refresh_from_db()
    assert not device.confirmed
    assert client.get("/admin/").status_code == 302
    right = client.post(
        "/accounts/two-factor/setup/", {"code": current_code(device), "password": PASSWORD}
    )
    assert right.status_code == 302
    device.refresh_from_db()
    assert device.confirmed


def test_a_wrong_password_at_set_up_counts_towards_the_lockout(
    client, staff_signed_in_with_password
):
    client.get("/accounts/two-factor/setup/")
    device = TOTPDevice.objects.get(user=staff_signed_in_with_password)
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post(
            "/accounts/two-factor/setup/", {"code": current_code(device), "password": "wrong"}
        )

    response = client.post(
        "/accounts/two-factor/setup/", {"code": current_code(device), "password": PASSWORD}
    )

    assert response.status_code == 429
    assert "Too many attempts to sign in" in response.text
    device.refresh_from_db()
    assert not device.confirmed


def test_a_secret_not_confirmed_within_ten_minutes_expires(client, staff_signed_in_with_password):
    old = shown_secret(client.get("/accounts/two-factor/setup/"))
    TOTPDevice.objects.filter(user=staff_signed_in_with_password).update(
        created_at=timezone.now() - datetime.timedelta(minutes=11)
    )

    response = client.post(
        "/accounts/two-factor/setup/", {"code": code_for_secret(old), "password": PASSWORD}
    )

    assert "This secret key has expired" in error_summary(response.text)
    assert shown_secret(response) != old
    assert not TOTPDevice.objects.get(user=staff_signed_in_with_password).confirmed
    assert client.get("/admin/").status_code == 302


def test_a_confirmed_device_cannot_be_replaced_by_someone_with_only_the_password(
    client, staff_signed_in_with_password
):
    TOTPDevice.objects.create(user=staff_signed_in_with_password, name="phone", confirmed=True)

    response = client.get("/accounts/two-factor/setup/")

    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/two-factor/?")
    assert TOTPDevice.objects.filter(user=staff_signed_in_with_password).count() == 1


def test_partner_editor_goes_through_the_same_second_factor(client):
    editor = PartnerEditorFactory()
    sign_in(client, editor.email)
    device = TOTPDevice.objects.create(user=editor, name="phone", confirmed=True)

    assert client.get("/admin/").status_code == 302
    client.post("/accounts/two-factor/", {"code": current_code(device)})
    assert client.get("/admin/").status_code == 200


def test_members_who_are_not_staff_are_refused_the_admin_and_two_factor_pages(client):
    member = UserFactory()
    sign_in(client, member.email)

    assert client.get("/admin/", follow=True).status_code == 403
    assert client.get("/accounts/two-factor/").status_code == 403
    assert client.get("/accounts/two-factor/setup/").status_code == 403
    assert not TOTPDevice.objects.filter(user=member).exists()


def test_next_pointing_to_another_site_is_ignored(client, staff_signed_in_with_password):
    device = TOTPDevice.objects.create(
        user=staff_signed_in_with_password, name="phone", confirmed=True
    )

    response = client.post(
        "/accounts/two-factor/", {"code": current_code(device), "next": "https://evil.example/"}
    )

    assert response["Location"] == "/admin/"
