"""axe-core scans of the e-index pages (WCAG 2.2 AA and best practice), with demo data that
shows every link state, and the suggestion form used by keyboard without JavaScript help."""

import pytest

from eindex.models import Category, Suggestion

from .axe import assert_accessible

pytestmark = pytest.mark.django_db(transaction=True)

PAGES = [
    "/e-index/",
    "/e-index/?topic=web-accessibility",
    "/e-index/legislation-policies-standards-and-infrastructure/",
    "/e-index/guidance-and-toolkits/",
    "/e-index/case-studies/",
    "/e-index/legislation/?topic=data-protection",
    "/e-index/link-health/",
    "/e-index/suggest/",
    "/e-index/suggest/done/",
]


def test_eindex_pages_have_no_axe_violations(page, live_server, site_data):
    assert Category.objects.get(slug="guidance-and-toolkits").primary_entries.exists()
    for path in PAGES:
        page.goto(live_server.url + path)
        assert page.locator("h1").count() == 1, path
        assert_accessible(page)


def test_the_suggestion_form_with_errors_and_when_sent(page, live_server, site_data):
    page.goto(live_server.url + "/e-index/suggest/")
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()
    assert page.locator(".govuk-error-summary").count() == 1
    assert_accessible(page)
    page.get_by_label("Name of the page or site").fill("Accessible PDFs guide")
    page.get_by_label("Web address").fill("https://guides.example.org/pdf")
    page.get_by_label("Why should it be in the e-index?").fill("Clear and practical.")
    page.get_by_label("Why should it be in the e-index?").press("Tab")
    page.keyboard.press("Tab")  # past the optional name to the e-mail field
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")  # submits from the last field
    page.wait_for_url("**/e-index/suggest/done/")
    assert page.locator("h1").inner_text() == "Suggestion sent"
    assert_accessible(page)
    assert Suggestion.objects.get().title == "Accessible PDFs guide"


def test_a_narrow_screen_has_no_axe_violations(browser, live_server, site_data):
    context = browser.new_context(viewport={"width": 320, "height": 640})
    page = context.new_page()
    for path in ["/e-index/", "/e-index/guidance-and-toolkits/", "/e-index/link-health/"]:
        page.goto(live_server.url + path)
        assert_accessible(page)
    context.close()
