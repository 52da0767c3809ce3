"""Signing in through the real sign-in form (and the two-factor page), as a person does."""

from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.accounts.helpers import PASSWORD, current_code


def sign_in(page, live_server, user, password=PASSWORD):
    page.goto(live_server.url + "/accounts/login/")
    page.fill("input[name=login]", user.email)
    page.fill("input[name=password]", password)
    page.locator("main form button[type=submit]").first.click()
    page.wait_for_url("**/accounts/profile/")


def sign_in_with_second_factor(page, live_server, user, password=PASSWORD):
    """Sign in, then give the code of an authenticator app paired with `user`: staff, editor
    and moderator rights work only after it."""
    sign_in(page, live_server, user, password)
    device, _ = TOTPDevice.objects.get_or_create(
        user=user, name="Browser test authenticator", defaults={"confirmed": True}
    )
    page.goto(live_server.url + "/accounts/two-factor/?next=/accounts/profile/")
    page.fill("input[name=code]", current_code(device))
    page.locator("main form button[type=submit]").first.click()
    page.wait_for_url("**/accounts/profile/")
