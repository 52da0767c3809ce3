import datetime
from base64 import b32encode
from urllib.parse import urlencode
from xml.etree import ElementTree

import qrcode
import qrcode.image.svg
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import mark_safe
from django.views.decorators.cache import never_cache
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from .forms import AuthenticatorCodeForm, AuthenticatorSetupForm

# A secret shown at set-up pairs only if confirmed within this time, in the same session.
SETUP_SECRET_LIFETIME = datetime.timedelta(minutes=10)
SETUP_DEVICE_SESSION_KEY = "accounts_two_factor_setup_device"


@login_required
def profile(request):
    user = request.user
    return render(
        request,
        "accounts/profile.html",
        {
            "roles": user.role_labels(),
            "organisations": user.organisations.order_by("name"),
            "two_factor_confirmed": TOTPDevice.objects.filter(user=user, confirmed=True).exists(),
        },
    )


def _next_url(request):
    """Where to go once the second factor is given: a local `next`, or the admin for staff
    (the profile for a moderator who is not staff)."""
    url = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return url
    return reverse("admin:index" if request.user.is_staff else "accounts:profile")


def _require_rights_beyond_a_member(user):
    if not user.needs_second_factor:
        raise PermissionDenied("Only staff and moderators sign in with a second factor.")


@never_cache
@login_required
def two_factor(request):
    """Ask staff and moderators for the current code from their authenticator app."""
    _require_rights_beyond_a_member(request.user)
    next_url = _next_url(request)
    if request.user.is_verified():
        return redirect(next_url)
    device = TOTPDevice.objects.filter(user=request.user, confirmed=True).first()
    if device is None:
        return redirect(f"{reverse('accounts:two_factor_setup')}?{urlencode({'next': next_url})}")
    form = AuthenticatorCodeForm(device, data=request.POST or None)
    if request.method == "POST" and form.is_valid():
        otp_login(request, device)
        return redirect(next_url)
    return render(request, "accounts/two_factor.html", {"form": form, "next": next_url})


@never_cache
@login_required
def two_factor_setup(request):
    """Pair a first authenticator app: show a secret, then confirm one code from it and the
    password.

    Each visit shows a new secret, kept only for this session and SETUP_SECRET_LIFETIME, so
    a secret someone else saw (with the password alone) is never the one that is paired. A
    confirmed device is never replaced here, or anyone holding only the password could pair
    their own; a site administrator removes a lost device in the admin.
    """
    _require_rights_beyond_a_member(request.user)
    next_url = _next_url(request)
    if TOTPDevice.objects.filter(user=request.user, confirmed=True).exists():
        return redirect(f"{reverse('accounts:two_factor')}?{urlencode({'next': next_url})}")
    device = _secret_shown_in_this_session(request)
    if request.method == "POST" and device is not None:
        form = AuthenticatorSetupForm(device, request, data=request.POST)
        if form.is_valid():
            device.confirmed = True
            device.save(update_fields=["confirmed"])
            request.session.pop(SETUP_DEVICE_SESSION_KEY, None)
            otp_login(request, device)
            messages.success(request, "Your authenticator app is set up.")
            return redirect(next_url)
    else:
        device = _new_secret(request)
        form = AuthenticatorSetupForm(
            device,
            request,
            data=request.POST if request.method == "POST" else None,
            secret_expired=request.method == "POST",
        )
    secret = b32encode(device.bin_key).decode()
    return render(
        request,
        "accounts/two_factor_setup.html",
        {
            "form": form,
            "next": next_url,
            "secret_groups": [secret[i : i + 4] for i in range(0, len(secret), 4)],
            "qr_code": _qr_code_svg(device.config_url),
        },
    )


def _new_secret(request):
    """Replace any unconfirmed device of the user by one with a new secret, for this session."""
    TOTPDevice.objects.filter(user=request.user, confirmed=False).delete()
    device = TOTPDevice.objects.create(user=request.user, name="Authenticator app", confirmed=False)
    request.session[SETUP_DEVICE_SESSION_KEY] = device.pk
    return device


def _secret_shown_in_this_session(request):
    """The unconfirmed device whose secret this session was shown, while it is fresh."""
    device_id = request.session.get(SETUP_DEVICE_SESSION_KEY)
    if device_id is None:
        return None
    return TOTPDevice.objects.filter(
        pk=device_id,
        user=request.user,
        confirmed=False,
        created_at__gt=timezone.now() - SETUP_SECRET_LIFETIME,
    ).first()


def _qr_code_svg(data):
    """The otpauth:// URL as an inline SVG QR code (no inline style, so the CSP allows it)."""
    image = qrcode.make(data, image_factory=qrcode.image.svg.SvgPathImage, box_size=8)
    svg = image.get_image()
    svg.set("role", "img")
    svg.set("aria-label", "QR code holding the secret key shown below")
    svg.set("class", "lc-qr-code")
    return mark_safe(ElementTree.tostring(svg, encoding="unicode"))  # noqa: S308 - our own SVG
