"""axe-core scans (WCAG 2.2 AA and best practice) of every page type, with zero violations."""

import pytest

from contacts.models import Contact, Group, Organisation
from tests.factories import PartnerEditorFactory

from .accounts import sign_in
from .axe import assert_accessible

pytestmark = pytest.mark.django_db(transaction=True)

PUBLIC_PAGES = [
    "/",
    "/about/",
    "/accessibility/",
    "/privacy/",
    "/search/",
    "/search/?q=camden",
    "/search/?q=qqqzzzxxyy",
    "/organisations/",
    "/organisations/?kind=local_authority",
    "/contacts/",
    "/groups/",
    "/contacts/request/",
    "/accounts/login/",
    "/accounts/signup/",
    "/accounts/password/reset/",
    "/no-such-page/",
]


@pytest.mark.parametrize("path", PUBLIC_PAGES)
def test_public_page_has_no_axe_violations(page, live_server, indexed_site, path):
    page.goto(live_server.url + path)
    assert page.locator("h1").count() == 1
    assert_accessible(page)


def test_detail_pages_have_no_axe_violations(page, live_server, site_data):
    detail_urls = [
        Organisation.objects.get(slug="camden").get_absolute_url(),
        Organisation.objects.filter(status="closed").first().get_absolute_url(),
        Contact.objects.public().first().get_absolute_url(),
        Group.objects.first().get_absolute_url(),
    ]
    for url in detail_urls:
        page.goto(live_server.url + url)
        assert page.locator("h1").count() == 1, url
        assert_accessible(page)


@pytest.mark.parametrize("path", ["/accounts/signup/", "/contacts/request/", "/accounts/login/"])
def test_forms_with_errors_have_no_axe_violations(page, live_server, site_data, path):
    page.goto(live_server.url + path)
    page.locator("main form button[type=submit], main form input[type=submit]").first.click()
    page.wait_for_load_state()
    assert page.locator(".govuk-error-summary").count() == 1
    assert_accessible(page)


def test_narrow_screen_has_no_axe_violations(browser, live_server, site_data):
    context = browser.new_context(viewport={"width": 320, "height": 640})
    page = context.new_page()
    for path in ["/", "/organisations/", "/contacts/"]:
        page.goto(live_server.url + path)
        assert_accessible(page)
    context.close()


def test_signed_in_pages_have_no_axe_violations(page, live_server, site_data):
    editor = PartnerEditorFactory(organisations=[Organisation.objects.get(slug="camden")])
    sign_in(page, live_server, editor)
    for path in ["/accounts/profile/", "/accounts/two-factor/setup/", "/contacts/"]:
        page.goto(live_server.url + path)
        assert page.locator("h1").count() == 1, path
        assert_accessible(page)
