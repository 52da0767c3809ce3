from allauth.account.adapter import DefaultAccountAdapter
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from core.clients import client_address


class AccountAdapter(DefaultAccountAdapter):
    """allauth with error messages in GOV.UK style: plain, specific, no "please"."""

    error_messages = {
        **DefaultAccountAdapter.error_messages,
        "email_password_mismatch": "Your e-mail address or password is not correct",
        "email_taken": "An account already uses this e-mail address",
        "duplicate_email": "This is already your e-mail address",
        "enter_current_password": "Enter your current password",
        "incorrect_password": "Your current password is not correct",
        "invalid_password_reset": "This password reset link has expired or has been used",
        "same_as_current": "Enter an e-mail address different from your current one",
        "too_many_login_attempts": "Too many attempts to sign in. Wait, then try again",
    }

    def send_notification_mail(self, template_prefix, user, context=None, email=None):
        """allauth's notices of changes to an account, with where to reset the password."""
        reset = reverse("account_reset_password")
        context = {
            "password_reset_url": self.request.build_absolute_uri(reset) if self.request else reset,
            **(context or {}),
        }
        super().send_notification_mail(template_prefix, user, context, email)

    def get_client_ip(self, request):
        """The address allauth's rate limits count, as every other limit does
        (core.clients, TRUSTED_PROXIES)."""
        address = client_address(request)
        if not address:
            raise PermissionDenied("Unable to determine client IP address")
        return address
