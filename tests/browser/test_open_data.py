"""axe-core scans of /feeds/ (WCAG 2.2 AA and best practice), wide and narrow, reached from the
footer, and of the list pages that now offer spreadsheets and feeds."""

import pytest

from .axe import assert_accessible

pytestmark = pytest.mark.django_db(transaction=True)


def test_the_feeds_page_has_no_axe_violations(page, live_server, site_data):
    page.goto(live_server.url + "/")
    page.locator("footer").get_by_role("link", name="Feeds and calendars").click()
    page.wait_for_url("**/feeds/")
    assert page.locator("h1").inner_text() == "Feeds and calendars"
    # Every public forum is there with the other feeds, each address shown in full.
    assert page.get_by_role("heading", name="Forums", level=2).count() == 1
    assert page.get_by_role("link", name=f"{live_server.url}/projects/feed/").count() == 1
    assert_accessible(page)


def test_the_feeds_page_on_a_narrow_screen(browser, live_server, site_data):
    context = browser.new_context(viewport={"width": 320, "height": 640})
    page = context.new_page()
    page.goto(live_server.url + "/feeds/")
    assert_accessible(page)
    # Long addresses wrap rather than making the page scroll sideways (WCAG 1.4.10).
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    context.close()


def test_lists_with_spreadsheet_links_have_no_axe_violations(page, live_server, site_data):
    for path in ["/organisations/?kind=local_authority", "/e-index/?topic=web-accessibility"]:
        page.goto(live_server.url + path)
        assert page.get_by_role("link", name="as a spreadsheet (CSV)").count() == 1, path
        assert_accessible(page)
