"""Funding, papers and events in a real browser: axe-clean list and detail pages (WCAG 2.2 AA
and best practice) on the demo data, and the funding filters working without JavaScript."""

import pytest

from contacts.models import Group
from events.models import Event, EventKind
from funding.models import FundingSource
from papers.models import Paper

from .axe import assert_accessible

pytestmark = pytest.mark.django_db(transaction=True)

LIST_PAGES = [
    "/funding/",
    "/funding/?deadline=closing&applicant=local-authorities&scope=london&amount=1000",
    "/funding/?deadline=all&sort=name&page=2",
    "/funding/?amount=lots",
    "/papers/",
    "/papers/?kind=strategy&kind=annual_review&year=banana",
    "/papers/?q=no-such-paper-anywhere",
    "/review/",
    "/events/",
    "/events/?when=past&kind=meeting",
    "/events/conference/",
]


@pytest.mark.parametrize("path", LIST_PAGES)
def test_list_pages_have_no_axe_violations(page, live_server, site_data, path):
    page.goto(live_server.url + path)
    assert page.locator("h1").count() == 1
    assert_accessible(page)


def test_detail_pages_have_no_axe_violations(page, live_server, site_data):
    sources = FundingSource.objects.public()
    papers = Paper.objects.public()
    events = Event.objects.public()
    details = [
        sources.open_now().first(),
        sources.exclude(pk__in=sources.current().values("pk")).first(),
        papers.filter(file_format="pdf").first(),
        papers.filter(file="").first(),
        events.upcoming().first(),
        events.past().filter(kind=EventKind.ANNUAL_CONFERENCE, papers__isnull=False).first(),
        Group.objects.filter(papers__isnull=False).first(),
    ]
    assert all(details), details
    for record in details:
        page.goto(live_server.url + record.get_absolute_url())
        assert page.locator("h1").count() == 1, record
        assert_accessible(page)


def test_organisation_page_with_every_panel_has_no_axe_violations(page, live_server, site_data):
    page.goto(live_server.url + "/organisations/gla/")
    for panel in ("funding", "papers", "events"):
        assert page.locator(f"h2#{panel}").count() == 1, panel
    assert_accessible(page)


def test_narrow_screen_has_no_axe_violations(browser, live_server, site_data):
    context = browser.new_context(viewport={"width": 320, "height": 640})
    page = context.new_page()
    paths = [
        "/funding/",
        FundingSource.objects.public().open_now().first().get_absolute_url(),
        Paper.objects.public().filter(file_format="pdf").first().get_absolute_url(),
    ]
    for path in paths:
        page.goto(live_server.url + path)
        assert_accessible(page)
    context.close()


def test_funding_filters_work_without_javascript(browser, live_server, site_data):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(live_server.url + "/funding/")
    page.check("input[name=deadline][value=closing]")
    page.select_option("select[name=applicant]", "local-authorities")
    page.locator("main form button[type=submit]").first.click()
    page.wait_for_load_state()
    assert "deadline=closing" in page.url and "applicant=local-authorities" in page.url
    expected = FundingSource.objects.public().closing_within(30).open_to("local-authorities")
    count = page.locator("#result-count").inner_text()
    assert count.startswith(f"{expected.distinct().count()} funding source")
    context.close()
