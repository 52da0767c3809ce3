"""Topic hubs and the organisation page in a real browser: axe-clean (WCAG 2.2 AA and best
practice), one <h1>, every panel present, and the links working without JavaScript."""

import pytest
from taggit.models import Tag

from contacts.models import Organisation
from tests.eindex.factories import EntryFactory
from tests.events.factories import EventFactory
from tests.forums.factories import CategoryFactory, MemberFactory, start_thread
from tests.funding.factories import FundingSourceFactory
from tests.projects.factories import ProjectFactory

from .axe import assert_accessible

pytestmark = pytest.mark.django_db(transaction=True)

PANELS = ["people", "groups", "projects", "funding", "papers", "events", "eindex", "forums"]


def busiest_topic():
    """The demo topic with the most types on its hub."""
    return Tag.objects.get(slug="smart-cards")


def newham_with_every_panel():
    """Newham from the demo data, with what the demo set may not give it made sure of."""
    newham = Organisation.objects.get(slug="newham")
    hackney = Organisation.objects.get(slug="hackney")
    ProjectFactory(title="Hackney's libraries card", lead_organisation=hackney, areas=[newham])
    FundingSourceFactory(name="Newham digital inclusion fund", owner=newham, funder=newham)
    EventFactory(title="Newham open data workshop", organiser=newham)
    EntryFactory(title="Newham's open data pages", owner=newham)
    member = MemberFactory(full_name="Nadia Newham-Officer")
    member.organisations.add(newham)
    start_thread(CategoryFactory(), author=member, title="Sharing a card scheme across boroughs")
    return newham


def test_topic_list_has_no_axe_violations(page, live_server, site_data):
    page.goto(live_server.url + "/topics/")
    assert page.locator("h1").count() == 1
    assert page.locator("table tbody tr").count() >= 5
    assert_accessible(page)


def test_topic_hub_has_no_axe_violations(page, live_server, site_data):
    topic = busiest_topic()
    page.goto(live_server.url + f"/topics/{topic.slug}/")
    assert page.locator("h1").count() == 1
    assert page.locator("main h2.govuk-heading-l").count() >= 4
    assert_accessible(page)


def test_organisation_page_with_every_panel_has_no_axe_violations(page, live_server, site_data):
    newham = newham_with_every_panel()
    page.goto(live_server.url + newham.get_absolute_url())
    assert page.locator("h1").count() == 1
    for panel in PANELS:
        assert page.locator(f"h2#{panel}").count() == 1, panel
    assert page.get_by_role("heading", name="Covering Newham’s area").count() == 1
    assert_accessible(page)


def test_narrow_screens_have_no_axe_violations(browser, live_server, site_data):
    context = browser.new_context(viewport={"width": 320, "height": 640})
    page = context.new_page()
    for path in ("/topics/", f"/topics/{busiest_topic().slug}/"):
        page.goto(live_server.url + path)
        assert_accessible(page)
    context.close()


def test_from_topics_to_a_hub_to_a_filtered_list_without_javascript(
    browser, live_server, site_data
):
    topic = busiest_topic()
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(live_server.url + "/")
    page.locator("nav[aria-label=Menu]").get_by_role("link", name="Topics").click()
    page.wait_for_url("**/topics/")
    page.get_by_role("link", name=topic.name, exact=True).click()
    page.wait_for_url(f"**/topics/{topic.slug}/")
    assert page.locator("h1").inner_text().strip() == topic.name
    page.locator("#projects ~ p a").first.click()
    page.wait_for_url(f"**/projects/?topic={topic.slug}")
    assert page.locator("h1").count() == 1
    context.close()
