"""Staff reach the admin only after a code from an authenticator app (django-otp TOTP)."""

import re

import pytest
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.factories import PartnerEditorFactory, SuperUserFactory, UserFactory

from .helpers import error_summary, h1_count, sign_in

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
        "/accounts/two-factor/setup/", {"code": current_code(device), "next": "/admin/"}
    )

    assert response["Location"] == "/admin/"
    device.refresh_from_db()
    assert device.confirmed
    assert client.get("/admin/").status_code == 200


def test_set_up_refuses_a_wrong_first_code(client, staff_signed_in_with_password):
    client.get("/accounts/two-factor/setup/")
    device = TOTPDevice.objects.get(user=staff_signed_in_with_password)

    response = client.post("/accounts/two-factor/setup/", {"code": wrong_code(device)})

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


def test_set_up_keeps_one_secret_until_confirmed(client, staff_signed_in_with_password):
    client.get("/accounts/two-factor/setup/")
    client.get("/accounts/two-factor/setup/")

    assert TOTPDevice.objects.filter(user=staff_signed_in_with_password).count() == 1


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
