from allauth.account.adapter import DefaultAccountAdapter


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
