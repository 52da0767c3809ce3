"""Navigation and sign-up work by keyboard alone; pages work without JavaScript."""

import pytest
from django.core import mail

pytestmark = pytest.mark.django_db(transaction=True)


def _tab_until(page, predicate_js, limit=60):
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate(predicate_js):
            return
    raise AssertionError("the keyboard never reached the expected control")


def test_skip_link_is_first_and_moves_focus_to_main(page, live_server, site_data):
    page.goto(live_server.url + "/")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent.trim()") == "Skip to main content"
    page.keyboard.press("Enter")
    assert page.evaluate("location.hash") == "#main-content"


def test_main_navigation_by_keyboard(page, live_server, site_data):
    page.goto(live_server.url + "/")
    _tab_until(
        page,
        "document.activeElement.closest('nav') !== null"
        " && document.activeElement.textContent.trim() === 'Organisations'",
    )
    page.keyboard.press("Enter")
    page.wait_for_url("**/organisations/")
    assert page.locator("h1").inner_text().strip() != ""
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline is not None


def test_sign_up_by_keyboard(page, live_server, site_data):
    page.goto(live_server.url + "/accounts/signup/")
    _tab_until(page, "document.activeElement.name === 'email'")
    page.keyboard.type("keyboard.user@example.org")
    _tab_until(page, "document.activeElement.name === 'password1'")
    page.keyboard.type("a-long-keyboard-passphrase")
    _tab_until(page, "document.activeElement.name === 'password2'")
    page.keyboard.type("a-long-keyboard-passphrase")
    page.keyboard.press("Enter")
    page.wait_for_url("**/accounts/confirm-email/")
    assert any("keyboard.user@example.org" in m.to for m in mail.outbox)


def test_filters_work_without_javascript(browser, live_server, site_data):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(live_server.url + "/organisations/")
    page.select_option("select[name=kind]", "local_authority")
    page.locator("main form button[type=submit]").first.click()
    page.wait_for_load_state()
    assert "kind=local_authority" in page.url
    assert page.get_by_text("London Borough of Newham").count() >= 1
    assert page.locator("h1").count() == 1
    context.close()
