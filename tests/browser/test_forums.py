"""The forums in a real browser: axe finds nothing on any forum page, reading, writing or
moderating; a member replies by keyboard alone; preview works without JavaScript."""

import pytest

from forums.models import Category, Post, Thread
from tests.forums.factories import MemberFactory, ModeratorFactory, start_thread

from .accounts import sign_in, sign_in_with_second_factor
from .axe import assert_accessible

pytestmark = pytest.mark.django_db(transaction=True)


def _tab_until(page, predicate_js, limit=150):
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate(predicate_js):
            return
    raise AssertionError("the keyboard never reached the expected control")


def test_reading_pages_have_no_axe_violations(page, live_server, site_data):
    long_thread = Thread.objects.public().order_by("-post_count").first()
    category = long_thread.category
    for path in [
        "/forums/",
        category.get_absolute_url(),
        long_thread.get_absolute_url(),
        long_thread.get_absolute_url() + "?page=2",
    ]:
        page.goto(live_server.url + path)
        assert page.locator("h1").count() == 1, path
        assert_accessible(page)


def test_member_pages_and_the_post_form_with_an_error_have_no_axe_violations(
    page, live_server, site_data
):
    member = MemberFactory(full_name="Axe Member")
    thread = Thread.objects.public().filter(is_locked=False).order_by("pk").first()
    sign_in(page, live_server, member)

    page.goto(live_server.url + thread.get_absolute_url())
    assert page.locator("textarea[name=body]").count() == 1
    assert_accessible(page)

    page.goto(live_server.url + f"/forums/{thread.category.slug}/new/")
    page.locator("main form button[type=submit]").first.click()
    page.wait_for_load_state()
    assert page.locator(".govuk-error-summary").count() == 1
    assert_accessible(page)

    page.goto(live_server.url + f"/forums/{thread.category.slug}/{thread.pk}/reply/")
    page.fill("textarea[name=body]", "**Previewed** words")
    page.locator("button[name=preview]").click()
    page.wait_for_load_state()
    assert page.locator("#preview-heading").count() == 1
    assert_accessible(page)

    post = thread.posts.exclude(author=member).first()
    page.goto(live_server.url + f"/forums/posts/{post.pk}/flag/")
    page.locator("main form button[type=submit]").first.click()
    page.wait_for_load_state()
    assert page.locator(".govuk-error-summary").count() == 1
    assert_accessible(page)


def test_moderation_pages_have_no_axe_violations(page, live_server, site_data):
    moderator = ModeratorFactory(full_name="Axe Moderator")
    thread = Thread.objects.public().order_by("pk").first()
    post = thread.posts.get(position=1)
    sign_in_with_second_factor(page, live_server, moderator)

    for path in [
        "/forums/moderation/",
        "/forums/moderation/log/",
        "/forums/moderation/suspensions/",
        thread.get_absolute_url(),
        f"/forums/moderation/threads/{thread.pk}/move/",
        f"/forums/moderation/members/{post.author_id}/suspend/",
    ]:
        page.goto(live_server.url + path)
        assert page.locator("h1").count() == 1, path
        assert_accessible(page)

    page.goto(live_server.url + f"/forums/moderation/posts/{post.pk}/hide/")
    page.locator("main form button[type=submit]").first.click()
    page.wait_for_load_state()
    assert page.locator(".govuk-error-summary").count() == 1
    assert_accessible(page)


def test_member_replies_by_keyboard_alone(page, live_server, site_data):
    member = MemberFactory(full_name="Kay Keyboard")
    category = Category.objects.get(slug="e-democracy")
    thread = start_thread(category, title="Webcasting by keyboard", body="Who webcasts?")
    sign_in(page, live_server, member)
    page.goto(live_server.url + thread.get_absolute_url())

    _tab_until(page, "document.activeElement.name === 'body'")
    page.keyboard.type("We do, every full council meeting.")
    _tab_until(page, "document.activeElement.textContent.trim() === 'Post reply'")
    page.keyboard.press("Enter")
    page.wait_for_url(f"**{thread.get_absolute_url()}#post-*")

    reply = Post.objects.get(thread=thread, position=2)
    assert reply.author == member
    article = page.locator(f"#post-{reply.pk}")
    assert "We do, every full council meeting." in article.inner_text()
    assert "Kay Keyboard" in article.inner_text()
    assert page.locator(".govuk-notification-banner--success").count() == 1


def test_preview_works_without_javascript(browser, live_server, site_data):
    member = MemberFactory()
    thread = Thread.objects.public().filter(is_locked=False).order_by("pk").first()
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    sign_in(page, live_server, member)
    page.goto(live_server.url + thread.get_absolute_url())
    page.fill("textarea[name=body]", "A *draft* reply")
    page.locator("button[name=preview]").click()
    page.wait_for_load_state()

    assert page.locator("#preview-heading").count() == 1
    assert page.locator("main em").first.inner_text() == "draft"
    assert page.locator("textarea[name=body]").input_value() == "A *draft* reply"
    assert not Post.objects.filter(author=member).exists()
    context.close()
