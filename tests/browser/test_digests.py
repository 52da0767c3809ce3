"""Digests in a real browser: the subscriptions page (with and without an error), a search
saved as an alert, and the unsubscribe pages have no axe violations; the subscriptions
form works without JavaScript."""

import pytest
from taggit.models import Tag

from digests.models import Frequency, SavedSearch, Subscriber
from digests.tokens import make_token
from forums.models import Thread, Watch
from tests.factories import LocalAuthorityFactory, PartnerEditorFactory

from .accounts import sign_in, sign_in_with_second_factor
from .axe import assert_accessible

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def editor(site_data):
    editor = PartnerEditorFactory(organisations=[LocalAuthorityFactory()])
    Watch.objects.create(user=editor, thread=Thread.objects.public().first())
    SavedSearch.objects.create(
        member=editor, name="Smart card projects", scope="projects", query="q=smart"
    )
    return editor


def test_the_subscriptions_page_and_its_errors_have_no_axe_violations(page, live_server, editor):
    sign_in(page, live_server, editor)
    page.goto(live_server.url + "/accounts/subscriptions/")
    assert page.locator("h1").count() == 1
    assert_accessible(page)
    page.check("input[name=topic_frequency][value=weekly]")
    page.locator("main form button[type=submit]").first.click()
    page.wait_for_load_state()
    assert page.locator(".govuk-error-summary").count() == 1
    assert page.locator("h1").count() == 1
    assert_accessible(page)


def test_the_subscriptions_form_works_without_javascript(browser, live_server, editor):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    sign_in_with_second_factor(page, live_server, editor)
    page.goto(live_server.url + "/accounts/subscriptions/")
    topic = Tag.objects.filter(taggit_taggeditem_items__isnull=False).order_by("name").first()
    page.check(f"input[name=topics][value='{topic.slug}']")
    page.check("input[name=topic_frequency][value=daily]")
    page.check("input[name=organisation_frequency][value=weekly]")
    page.locator("main form button[type=submit]").first.click()
    page.wait_for_load_state()
    assert "Your e-mail subscriptions are saved." in page.content()
    subscriber = Subscriber.objects.get(member=editor)
    assert subscriber.topic_frequency == Frequency.DAILY
    assert subscriber.organisation_frequency == Frequency.WEEKLY
    assert [t.slug for t in subscriber.topics.all()] == [topic.slug]
    context.close()


def test_saving_a_search_from_a_list_has_no_axe_violations(page, live_server, editor):
    sign_in(page, live_server, editor)
    page.goto(live_server.url + "/projects/?status=active")
    page.get_by_role("link", name="Get alerts for this search by e-mail").click()
    page.wait_for_load_state()
    assert page.locator("h1").inner_text() == "Get alerts for this search"
    assert_accessible(page)
    page.fill("input[name=name]", "")
    page.locator("main form button[type=submit]").first.click()
    page.wait_for_load_state()
    assert page.locator(".govuk-error-summary").count() == 1
    assert_accessible(page)
    page.fill("input[name=name]", "Active projects")
    page.locator("main form button[type=submit]").first.click()
    page.wait_for_url("**/accounts/subscriptions/")
    assert SavedSearch.objects.filter(member=editor, name="Active projects").exists()
    search = SavedSearch.objects.get(member=editor, name="Active projects")
    for path in (search.get_absolute_url(), search.get_absolute_url() + "delete/"):
        page.goto(live_server.url + path)
        assert page.locator("h1").count() == 1
        assert_accessible(page)


def test_the_unsubscribe_pages_have_no_axe_violations(page, live_server, editor):
    Subscriber.objects.create(member=editor, topic_frequency=Frequency.DAILY)
    url = f"{live_server.url}/digests/unsubscribe/{make_token(editor.pk, 'daily')}/"
    page.goto(url)
    assert page.locator("h1").inner_text() == "Unsubscribe from the daily digest"
    assert_accessible(page)
    page.get_by_role("button", name="Unsubscribe").click()
    page.wait_for_load_state()
    assert page.locator("h1").inner_text() == "You have unsubscribed"
    assert_accessible(page)
    assert Subscriber.objects.get(member=editor).topic_frequency == Frequency.OFF
    page.goto(url.replace("daily", "weekly"))
    assert page.locator("h1").inner_text() == "This unsubscribe link does not work"
    assert_accessible(page)
