"""The author's erasure of what they removed, in a real browser: axe finds nothing on the
thread with their removed post, its "erase" link, the confirm page or the page after."""

import pytest

from forums import services
from forums.models import Category
from tests.forums.factories import MemberFactory, add_replies, start_thread

from .accounts import sign_in
from .axe import assert_accessible

pytestmark = pytest.mark.django_db(transaction=True)


def test_erasing_removed_text_has_no_axe_violations(page, live_server):
    member = MemberFactory(full_name="Axe Author")
    thread = start_thread(Category.objects.get(slug="e-democracy"), title="Axe thread")
    [post] = add_replies(thread, 1, authors=[member], body="Words to take back")
    services.remove_own_post(post)
    sign_in(page, live_server, member)

    page.goto(live_server.url + thread.get_absolute_url())
    assert_accessible(page)
    page.get_by_role("link", name="Erase its text now").click()
    page.wait_for_load_state()
    assert page.locator("h1").inner_text() == "Erase the text you removed"
    assert_accessible(page)
    page.get_by_role("button", name="Erase this text").click()
    page.wait_for_load_state()
    assert page.locator("h1").count() == 1
    assert "Nothing of yours to erase" in page.locator("main").inner_text()
    assert_accessible(page)
