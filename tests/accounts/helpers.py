"""Small helpers shared by the accounts tests."""

import functools
import re

from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.middleware import is_verified as otp_is_verified
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

PASSWORD = "correct-horse-battery"


def h1_count(html: str) -> int:
    return len(re.findall(r"<h1[\s>]", html))


def sign_in(client, email, password=PASSWORD, **extra):
    """Post allauth's sign-in form, as a person does."""
    return client.post("/accounts/login/", {"login": email, "password": password}, **extra)


def current_code(device):
    """The code `device`'s authenticator app shows now."""
    device.refresh_from_db()
    code = totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits)
    return f"{code:06d}"


def sign_in_with_second_factor(client, user):
    """Sign `user` in to `client` with password and second factor, as the two-factor page
    leaves a session after a correct code (django-otp keeps the device in the session)."""
    client.force_login(user)
    device, _ = TOTPDevice.objects.get_or_create(
        user=user, name="Test authenticator", defaults={"confirmed": True}
    )
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    return client


def as_verified(user):
    """`user` as OTPMiddleware hands it to a view after a code from their confirmed device,
    for rules asked outside a request (querysets, audiences)."""
    device, _ = TOTPDevice.objects.get_or_create(
        user=user, name="Test authenticator", defaults={"confirmed": True}
    )
    user.otp_device = device
    user.is_verified = functools.partial(otp_is_verified, user)
    return user


def give_second_factor(client, user):
    """Pair an authenticator app with `user` and enter its code on the two-factor page, as a
    person signed in with their password does; the session then counts as verified."""
    device, _ = TOTPDevice.objects.get_or_create(
        user=user, name="Authenticator app", defaults={"confirmed": True}
    )
    response = client.post("/accounts/two-factor/", {"code": current_code(device), "next": "/"})
    assert response.status_code == 302, response.status_code
    return response


def error_summary(html: str) -> str:
    """The GOV.UK error summary's markup, or "" when the page has none."""
    match = re.search(r'<div class="govuk-error-summary".*?</ul>', html, re.S)
    return match.group(0) if match else ""


def input_value(html: str, name: str):
    """The value attribute of the input named `name`, or None when it has none."""
    tag = re.search(rf'<input[^>]*\bname="{re.escape(name)}"[^>]*>', html)
    assert tag, f"no input named {name}"
    value = re.search(r'\bvalue="([^"]*)"', tag.group(0))
    return value.group(1) if value else None
