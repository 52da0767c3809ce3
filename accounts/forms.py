"""allauth's forms in GOV.UK style (visible labels, no placeholders, hints in plain English),
and the form that checks a code from an authenticator app."""

import re

from allauth.account import forms as allauth_forms
from django import forms

STRONG_CHOICE_HINT = (
    "Use at least 10 characters. Do not use a common password, one made only of numbers, "
    "or one like your e-mail address."
)


class GovukFieldsMixin:
    """Relabel allauth's fields and drop the placeholders that GOV.UK advises against."""

    labels: dict[str, str] = {}
    help_texts: dict[str, str] = {}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            field.widget.attrs.pop("placeholder", None)
            if name in self.labels:
                field.label = self.labels[name]
            if name in self.help_texts:
                field.help_text = self.help_texts[name]


class LoginForm(GovukFieldsMixin, allauth_forms.LoginForm):
    labels = {"login": "E-mail address", "password": "Password"}
    # The page links to password reset itself; a link inside the hint is read out as noise.
    help_texts = {"password": ""}


class SignupForm(GovukFieldsMixin, allauth_forms.SignupForm):
    labels = {"email": "E-mail address", "password1": "Password", "password2": "Confirm password"}
    help_texts = {
        "email": "We will send you a link to confirm it.",
        "password1": STRONG_CHOICE_HINT,
    }


class ResetPasswordForm(GovukFieldsMixin, allauth_forms.ResetPasswordForm):
    labels = {"email": "E-mail address"}


class ResetPasswordKeyForm(GovukFieldsMixin, allauth_forms.ResetPasswordKeyForm):
    labels = {"password1": "New password", "password2": "Confirm new password"}
    help_texts = {"password1": STRONG_CHOICE_HINT}


class ChangePasswordForm(GovukFieldsMixin, allauth_forms.ChangePasswordForm):
    labels = {
        "oldpassword": "Current password",
        "password1": "New password",
        "password2": "Confirm new password",
    }
    help_texts = {"oldpassword": "", "password1": STRONG_CHOICE_HINT}


class AddEmailForm(GovukFieldsMixin, allauth_forms.AddEmailForm):
    labels = {"email": "New e-mail address"}
    help_texts = {"email": "We will send a link to this address to confirm it."}


class AuthenticatorCodeForm(forms.Form):
    """A 6-digit code from an authenticator app, checked against one TOTP device."""

    code = forms.CharField(
        label="Code from your authenticator app",
        help_text="The 6-digit code the app shows now, for example 123456.",
        max_length=12,
        widget=forms.TextInput(
            attrs={
                "class": "govuk-input--width-10",
                "autocomplete": "one-time-code",
                "inputmode": "numeric",
                "spellcheck": "false",
            }
        ),
    )

    def __init__(self, device, *args, **kwargs):
        self.device = device
        super().__init__(*args, **kwargs)

    def clean_code(self):
        code = re.sub(r"\s+", "", self.cleaned_data["code"])
        if not re.fullmatch(r"\d{6}", code):
            raise forms.ValidationError("Enter the code as 6 digits, for example 123456")
        allowed, _ = self.device.verify_is_allowed()
        if not allowed:
            raise forms.ValidationError(
                "Too many wrong codes. Wait a minute, then enter the code your app shows now"
            )
        if not self.device.verify_token(code):
            raise forms.ValidationError(
                "The code is not correct. Enter the code your authenticator app shows now"
            )
        return code
