"""Reading the forums as visitors of each kind meet them: the index, a category, a thread,
stable links to posts, and group forums."""

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from forums import services
from forums.models import Category, Post, PostStatus, Thread
from tests.accounts.helpers import sign_in_with_second_factor
from tests.factories import GroupFactory, OrganisationFactory
from tests.londonconnects.html import assert_sound_page, elements, text_of

from .factories import CategoryFactory, MemberFactory, add_replies, start_thread

pytestmark = pytest.mark.django_db


def test_index_lists_the_themes_in_order_with_counts_and_latest_post(client, e_democracy):
    thread = start_thread(e_democracy, title="Webcasting council meetings")
    [reply] = add_replies(thread, 1, authors=[MemberFactory(full_name="Rhys Replier")])

    html = assert_sound_page(client.get("/forums/"))

    names = [row["text"] for row in elements(html, "th", scope="row")]
    assert names[0].startswith("Smart cards")
    assert [n.split(" ")[0] for n in names[:3]] == ["Smart", "E-democracy", "Social"]
    row = next(r for r in elements(html, "tr") if "E-democracy" in r["text"])
    assert "Webcasting council meetings" in row["text"]
    assert "by Rhys Replier" in row["text"]
    cells = [c["text"] for c in elements(html, "td", class_="govuk-table__cell--numeric")]
    assert "1" in cells and "2" in cells
    assert elements(html, "a", href=reply.permalink())


def test_category_lists_pinned_threads_first_then_by_last_activity(client, e_democracy):
    now = timezone.now()
    old = start_thread(e_democracy, title="Old but pinned", now=now - datetime.timedelta(days=9))
    quiet = start_thread(e_democracy, title="Quiet thread", now=now - datetime.timedelta(days=5))
    busy = start_thread(e_democracy, title="Busy thread", now=now - datetime.timedelta(days=7))
    add_replies(busy, 2, start=now - datetime.timedelta(hours=1))
    Thread.objects.filter(pk=old.pk).update(is_pinned=True)

    html = assert_sound_page(client.get(e_democracy.get_absolute_url()))

    titles = [
        a["text"]
        for a in elements(html, "a", class_="govuk-link")
        if re.fullmatch(r"/forums/e-democracy/\d+/", a["attrs"]["href"])
    ]
    assert titles[:3] == ["Old but pinned", "Busy thread", "Quiet thread"]
    assert "Pinned" in text_of(html)
    assert quiet.title in html


def test_category_pages_are_paginated(client, settings, e_democracy):
    settings.FORUMS_THREADS_PER_PAGE = 3
    for n in range(7):
        start_thread(e_democracy, title=f"Thread number {n}")

    first = client.get(e_democracy.get_absolute_url())
    third = client.get(e_democracy.get_absolute_url() + "?page=3")

    assert "7 threads, page 1 of 3" in text_of(first.content.decode())
    assert elements(first.content.decode(), "a", rel="next")
    assert len(elements(third.content.decode(), "th", scope="row")) == 1


def test_thread_shows_posts_in_order_with_author_organisation_times_and_edits(client, e_democracy):
    camden = OrganisationFactory(name="London Borough of Camden", slug="camden-test")
    officer = MemberFactory(full_name="Olu Officer")
    officer.organisations.add(camden)
    citizen = MemberFactory(full_name="Cara Citizen")
    thread = start_thread(e_democracy, author=officer, title="E-petitions", body="**Opening**")
    [reply] = add_replies(thread, 1, authors=[citizen], body="A citizen's view.")
    Post.objects.filter(pk=reply.pk).update(
        edited_at=reply.created_at + datetime.timedelta(minutes=3)
    )

    html = assert_sound_page(client.get(thread.get_absolute_url()))

    headings = [h["text"] for h in elements(html, "h2", class_="govuk-summary-card__title")]
    assert headings == ["Olu Officer, London Borough of Camden", "Cara Citizen"]
    assert "<strong>Opening</strong>" in html
    assert "Edited" in text_of(html)
    times = elements(html, "time")
    assert times and all(re.match(r"\d{4}-\d\d-\d\dT", t["attrs"]["datetime"]) for t in times)
    assert any("3 days ago" in t["text"] for t in times)
    local = timezone.localtime(thread.created_at)
    assert f"{local.day} {local:%B} {local.year}" in text_of(html)
    assert officer.email not in html and citizen.email not in html


def test_member_without_a_name_is_shown_by_number_never_by_address(client, e_democracy):
    nameless = MemberFactory(full_name="")
    thread = start_thread(e_democracy, author=nameless)

    html = client.get(thread.get_absolute_url()).content.decode()

    assert f"Member {nameless.pk}" in text_of(html)
    assert nameless.email not in html


def test_thread_pages_keep_links_to_posts_stable(client, settings, e_democracy):
    settings.FORUMS_POSTS_PER_PAGE = 5
    thread = start_thread(e_democracy)
    replies = add_replies(thread, 11)
    twelfth = replies[-1]
    seventh = replies[5]

    assert twelfth.stable_url() == f"{thread.get_absolute_url()}?page=3#post-{twelfth.pk}"
    page_two = client.get(f"{thread.get_absolute_url()}?page=2").content.decode()
    assert [a["attrs"]["id"] for a in elements(page_two, "article")] == [
        f"post-{post.pk}" for post in replies[4:9]
    ]
    # Removing or hiding posts leaves placeholders: no post changes page.
    services.remove_own_post(replies[0])
    page_two_after = client.get(f"{thread.get_absolute_url()}?page=2").content.decode()
    assert f'id="post-{seventh.pk}"' in page_two_after
    assert "Post removed by author." in text_of(
        client.get(thread.get_absolute_url()).content.decode()
    )

    response = client.get(reverse("forums:post", args=[seventh.pk]))
    assert response.status_code == 302
    assert response["Location"] == f"{thread.get_absolute_url()}?page=2#post-{seventh.pk}"


def test_permalink_follows_a_moved_thread_and_old_addresses_redirect(
    client, e_democracy, moderator
):
    thread = start_thread(e_democracy)
    [reply] = add_replies(thread, 1)
    smart_cards = Category.objects.get(slug="smart-cards")
    services.move_thread(thread, to=smart_cards, moderator=moderator, reason="Belongs there")

    assert (
        client.get(reply.permalink())["Location"]
        == f"/forums/smart-cards/{thread.pk}/#post-{reply.pk}"
    )
    old = client.get(f"/forums/e-democracy/{thread.pk}/?page=1")
    assert old.status_code == 301
    assert old["Location"] == f"/forums/smart-cards/{thread.pk}/?page=1"


def test_placeholders_replace_what_readers_may_not_see(client, e_democracy, moderator):
    thread = start_thread(e_democracy)
    removed, hidden, pending = add_replies(thread, 3, body="Secret words number {n}, zanzibarite.")
    services.remove_own_post(removed)
    services.hide_post(hidden, moderator=moderator, reason="Abusive")
    Post.objects.filter(pk=pending.pk).update(status=PostStatus.PENDING_REVIEW)

    html = text_of(client.get(thread.get_absolute_url()).content.decode())

    assert "zanzibarite" not in html
    assert "Post removed by author." in html
    assert "This post has been hidden by a moderator." in html
    assert "This post is hidden while moderators review it." in html

    sign_in_with_second_factor(client, moderator)
    seen_by_moderator = text_of(client.get(thread.get_absolute_url()).content.decode())
    assert seen_by_moderator.count("zanzibarite") == 3


def test_hidden_threads_are_gone_for_readers_but_not_for_moderators(client, e_democracy, moderator):
    thread = start_thread(e_democracy, title="Spam thread zanzibarite")
    services.switch_thread(thread, "hide", moderator=moderator, reason="Spam")

    assert client.get(thread.get_absolute_url()).status_code == 404
    assert "zanzibarite" not in client.get(e_democracy.get_absolute_url()).content.decode()

    sign_in_with_second_factor(client, moderator)
    assert client.get(thread.get_absolute_url()).status_code == 200


def test_group_forum_is_readable_by_all_and_a_private_one_only_by_its_people(client):
    camden = OrganisationFactory(slug="camden-group-test")
    outsider_org = OrganisationFactory(slug="elsewhere-test")
    group = GroupFactory(name="Planning portal club", convenor=camden, members=[camden])
    open_forum = CategoryFactory(name="Club: open", slug="club-open", group=group)
    private = CategoryFactory(
        name="Club: private", slug="club-private", group=group, members_only=True
    )
    thread = start_thread(private, title="Private plans zanzibarite")
    insider = MemberFactory()
    insider.organisations.add(camden)
    outsider = MemberFactory()
    outsider.organisations.add(outsider_org)

    assert client.get(open_forum.get_absolute_url()).status_code == 200
    for visitor in (None, outsider):
        if visitor:
            client.force_login(visitor)
        assert client.get(private.get_absolute_url()).status_code == 404
        assert client.get(thread.get_absolute_url()).status_code == 404
        assert client.get(thread.posts.get().permalink()).status_code == 404
        assert "Club: private" not in client.get("/forums/").content.decode()

    client.force_login(insider)
    assert client.get(private.get_absolute_url()).status_code == 200
    assert "Private plans zanzibarite" in client.get(thread.get_absolute_url()).content.decode()
    assert "Club: private" in client.get("/forums/").content.decode()
    assert Category.objects.public().filter(pk=private.pk).count() == 0


def test_reserved_slugs_cannot_name_a_category():
    from django.core.exceptions import ValidationError

    category = Category(name="Moderation", slug="moderation", description="x")
    with pytest.raises(ValidationError) as caught:
        category.full_clean()
    assert "slug" in caught.value.message_dict
