"""allauth's forms in GOV.UK style (visible labels, no placeholders, hints in plain English),
and the form that checks a code from an authenticator app."""

import re

from allauth.account import forms as allauth_forms
from allauth.account.adapter import get_adapter
from allauth.core import context as allauth_context
from django import forms
from django.contrib.auth import authenticate

from .notices import tell_the_current_address_of_a_change_asked_for

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


def is_current_password(user, password) -> bool:
    """Check `user`'s password as the sign-in page does, so that django-axes counts a wrong
    one towards the lockout: a session taken over without the password cannot guess it."""
    person = authenticate(allauth_context.request, username=user.email, password=password)
    return person is not None and person.pk == user.pk


class ChangePasswordForm(GovukFieldsMixin, allauth_forms.ChangePasswordForm):
    labels = {
        "oldpassword": "Current password",
        "password1": "New password",
        "password2": "Confirm new password",
    }
    help_texts = {"oldpassword": "", "password1": STRONG_CHOICE_HINT}

    def clean_oldpassword(self):
        if not is_current_password(self.user, self.cleaned_data.get("oldpassword", "")):
            raise get_adapter().validation_error("incorrect_password")
        return self.cleaned_data["oldpassword"]


class AddEmailForm(GovukFieldsMixin, allauth_forms.AddEmailForm):
    """A new address for the account (it replaces the current one once confirmed): asks for
    the current password, and tells the current address of the change asked for."""

    labels = {"email": "New e-mail address"}
    help_texts = {"email": "We will send a link to this address to confirm it."}

    password = forms.CharField(
        label="Your current password",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        error_messages={"required": "Enter your current password"},
    )

    def clean_password(self):
        if not is_current_password(self.user, self.cleaned_data["password"]):
            raise get_adapter().validation_error("incorrect_password")
        return self.cleaned_data["password"]

    def save(self, request):
        tell_the_current_address_of_a_change_asked_for(
            request, self.user, self.cleaned_data["email"]
        )
        return super().save(request)


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
        code = self.six_digits()
        self.verify(code)
        return code

    def six_digits(self):
        code = re.sub(r"\s+", "", self.cleaned_data["code"])
        if not re.fullmatch(r"\d{6}", code):
            raise forms.ValidationError("Enter the code as 6 digits, for example 123456")
        return code

    def verify(self, code):
        allowed, _ = self.device.verify_is_allowed()
        if not allowed:
            raise forms.ValidationError(
                "Too many wrong codes. Wait a minute, then enter the code your app shows now"
            )
        if not self.device.verify_token(code):
            raise forms.ValidationError(
                "The code is not correct. Enter the code your authenticator app shows now"
            )


class AuthenticatorSetupForm(AuthenticatorCodeForm):
    """The first code from a newly paired app, and the password again, so that a session
    taken over without the password cannot pair an app. A wrong password counts towards
    the sign-in lockout (django-axes), as at the sign-in page."""

    password = forms.CharField(
        label="Your password",
        help_text="To confirm it is you setting up the app.",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        error_messages={"required": "Enter your password"},
    )

    def __init__(self, device, request, *args, secret_expired=False, **kwargs):
        self.request = request
        self.secret_expired = secret_expired
        super().__init__(device, *args, **kwargs)

    def clean_code(self):
        if self.secret_expired:
            raise forms.ValidationError(
                "This secret key has expired. Remove LondonConnects from your app, add the "
                "new key below, then enter the code it shows"
            )
        return self.six_digits()

    def clean(self):
        cleaned = super().clean()
        if self.errors:
            return cleaned
        person = authenticate(
            self.request, username=self.request.user.email, password=cleaned["password"]
        )
        if person is None or person.pk != self.request.user.pk:
            self.add_error("password", "Your password is not correct")
            return cleaned
        try:
            self.verify(cleaned["code"])
        except forms.ValidationError as error:
            self.add_error("code", error)
        return cleaned
