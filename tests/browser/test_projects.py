"""The project register in a real browser: axe-clean pages (WCAG 2.2 AA and best practice),
and the filters working without JavaScript and by keyboard."""

import pytest

from contacts.models import Contact
from projects.models import Project

from .axe import assert_accessible

pytestmark = pytest.mark.django_db(transaction=True)

LIST_PAGES = [
    "/projects/",
    "/projects/?status=active&programme=invest-to-save&sub_region=east&topic=smart-cards",
    "/projects/?q=no-such-project-anywhere",
    "/projects/?year=banana",
    "/projects/?sort=title&page=2",
]


@pytest.mark.parametrize("path", LIST_PAGES)
def test_list_pages_have_no_axe_violations(page, live_server, site_data, path):
    page.goto(live_server.url + path)
    assert page.locator("h1").count() == 1
    assert_accessible(page)


def test_detail_pages_have_no_axe_violations(page, live_server, site_data):
    projects = Project.objects.public()
    needing_review = projects.needs_review().filter(related_links__isnull=False).first()
    with_people = projects.filter(contacts__in=Contact.objects.public()).first()
    london_wide = projects.filter(london_wide=True).first()
    assert needing_review and with_people and london_wide
    for project in (needing_review, with_people, london_wide):
        page.goto(live_server.url + project.get_absolute_url())
        assert page.locator("h1").count() == 1
        assert_accessible(page)
    page.goto(live_server.url + needing_review.get_absolute_url())
    assert page.locator(".govuk-warning-text").count() == 1


def test_organisation_page_with_projects_has_no_axe_violations(page, live_server, site_data):
    page.goto(live_server.url + "/organisations/newham/")
    assert page.locator("h2#projects").count() == 1
    assert_accessible(page)


def test_report_a_problem_form_with_errors_and_sent(page, live_server, site_data):
    project = Project.objects.public().first()
    page.goto(live_server.url + project.get_absolute_url())
    page.get_by_role("link", name="Report a problem with this page").click()
    page.wait_for_load_state()
    assert_accessible(page)

    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()
    assert page.locator(".govuk-error-summary").count() == 1
    assert_accessible(page)

    page.fill("textarea[name=details]", "The end date is a year out.")
    page.locator("main form button[type=submit]").click()
    page.wait_for_url("**/report/sent/")
    assert page.locator("h1").inner_text().strip() == "Report sent"
    assert_accessible(page)


def test_narrow_screen_has_no_axe_violations(browser, live_server, site_data):
    context = browser.new_context(viewport={"width": 320, "height": 640})
    page = context.new_page()
    page.goto(live_server.url + "/projects/?sub_region=east")
    assert_accessible(page)
    page.goto(live_server.url + Project.objects.public().first().get_absolute_url())
    assert_accessible(page)
    context.close()


def test_filters_work_without_javascript(browser, live_server, site_data):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(live_server.url + "/projects/")
    page.check("input[name=status][value=active]")
    page.select_option("select[name=sub_region]", "east")
    page.select_option("select[name=topic]", "smart-cards")
    page.locator("main form button[type=submit]").first.click()
    page.wait_for_load_state()
    assert "status=active" in page.url and "sub_region=east" in page.url
    assert "topic=smart-cards" in page.url
    expected = Project.objects.public().filter(status="active", topics__slug="smart-cards")
    expected = expected.in_sub_region("east").count()
    count = page.locator("#result-count").inner_text()
    assert count.startswith(f"{expected} project")
    context.close()


def test_filters_by_keyboard(page, live_server, site_data):
    page.goto(live_server.url + "/projects/")
    page.locator("input[name=q]").focus()
    page.keyboard.type("smart card")
    page.keyboard.press("Enter")
    page.wait_for_url("**/projects/?q=smart+card*")
    assert page.locator(".lc-result-list__title").count() >= 1
