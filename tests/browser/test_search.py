"""The search page with facets, a suggestion and no results: axe-clean, one <h1>, and the
facets narrow the results in one click with JavaScript off."""

import pytest

from .axe import assert_accessible

pytestmark = pytest.mark.django_db(transaction=True)

SEARCH_PAGES = [
    "/search/?q=smart+card",
    "/search/?q=smart+card&area=newham&type=projects",
    "/search/?q=smart+card&sort=date&page=2",
    "/search/?type=forums&topic=smart-cards",
    "/search/?q=smrt+crd",
]


def test_search_pages_have_no_axe_violations(page, live_server, indexed_site):
    for path in SEARCH_PAGES:
        page.goto(live_server.url + path)
        assert page.locator("h1").count() == 1, path
        assert_accessible(page)


def test_a_borough_narrows_the_results_in_one_click_without_javascript(
    browser, live_server, indexed_site
):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(live_server.url + "/search/?q=smart+card")
    before = page.locator(".lc-result-list__item").count()
    borough = page.locator(".lc-facets h3:text-is('Area') + ul a").first
    name = borough.inner_text().strip()
    borough.click()
    page.wait_for_load_state()
    assert "area=" in page.url
    chosen = page.locator(".lc-facets__chosen").inner_text()
    assert f"area: {name}" in chosen
    status = page.get_by_role("status").inner_text()
    assert "for ‘smart card’" in status
    assert page.locator(".lc-result-list__item").count() <= before
    # Changing the words keeps the borough.
    page.fill("#site-search", "smart cards")
    page.get_by_role("button", name="Search").click()
    page.wait_for_load_state()
    assert "area=" in page.url and "smart+cards" in page.url
    context.close()
