"""The open data API's pages in a real browser: the front page and the reference are
axe-clean with one <h1>, under the site's strict content security policy, and the reference
is whole without JavaScript."""

import pytest

from core import registry

from .axe import assert_accessible

pytestmark = pytest.mark.django_db(transaction=True)


def watch(page):
    """Collect CSP violations and script errors as the page runs."""
    problems = []
    page.on("pageerror", lambda error: problems.append(f"script error: {error}"))
    page.on(
        "console",
        lambda message: (
            problems.append(message.text)
            if message.type == "error" or "Content Security Policy" in message.text
            else None
        ),
    )
    page.add_init_script(
        "document.addEventListener('securitypolicyviolation', e => "
        "console.error('CSP violation: ' + e.violatedDirective + ' ' + e.blockedURI));"
    )
    return problems


def test_the_front_page_has_no_axe_violations(page, live_server, site_data):
    problems = watch(page)
    page.goto(live_server.url + "/api/")
    assert page.locator("h1").count() == 1
    assert_accessible(page)
    assert problems == []


def test_the_reference_is_a_page_of_the_site_readable_without_javascript(
    browser, page, live_server, site_data
):
    context = browser.new_context(java_script_enabled=False)
    without_script = context.new_page()
    without_script.goto(live_server.url + "/api/docs/")
    assert without_script.locator("h1").count() == 1
    for endpoint in registry.api_endpoints():
        assert without_script.locator(f"#resource-{endpoint.prefix}").count() == 1
    assert without_script.get_by_text("GET /api/v1/projects/", exact=True).count() == 1
    context.close()

    problems = watch(page)
    page.goto(live_server.url + "/api/docs/")
    assert_accessible(page)
    assert problems == [], problems
