"""Signing in through the real sign-in form, as a person does."""

from tests.accounts.helpers import PASSWORD


def sign_in(page, live_server, user, password=PASSWORD):
    page.goto(live_server.url + "/accounts/login/")
    page.fill("input[name=login]", user.email)
    page.fill("input[name=password]", password)
    page.locator("main form button[type=submit]").first.click()
    page.wait_for_url("**/accounts/profile/")
