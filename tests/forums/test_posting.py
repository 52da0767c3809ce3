"""Writing: starting threads, replying, preview, quoting, editing and removing, watching,
and who may do each."""

import datetime
import re
from html import unescape

import pytest
from django.urls import reverse
from django.utils import timezone

from forums import services
from forums.models import Post, PostRevision, PostStatus, Thread, Watch
from tests.accounts.helpers import error_summary, sign_in_with_second_factor
from tests.factories import GroupFactory, OrganisationFactory, UserFactory
from tests.londonconnects.html import assert_sound_page, elements, text_of

from .factories import CategoryFactory, MemberFactory, add_replies, start_thread

pytestmark = pytest.mark.django_db


def new_thread_url(category):
    return reverse("forums:new_thread", args=[category.slug])


def reply_url(thread):
    return reverse("forums:reply", args=[thread.category.slug, thread.pk])


def textarea_text(html, name="body"):
    """The exact text in a textarea, line breaks and all (Django adds a leading newline)."""
    [text] = re.findall(rf'<textarea[^>]*name="{name}"[^>]*>(.*?)</textarea>', html, re.S)
    return unescape(text).removeprefix("\n").removeprefix("\r\n")


def test_member_starts_a_thread(client, member, e_democracy):
    client.force_login(member)
    form_page = client.get(new_thread_url(e_democracy))
    assert_sound_page(form_page)

    response = client.post(
        new_thread_url(e_democracy),
        {"title": "  Webcasting   council meetings ", "body": "Is *anyone* watching?"},
    )

    thread = Thread.objects.get()
    assert response.status_code == 302
    assert response["Location"] == thread.get_absolute_url()
    assert thread.title == "Webcasting council meetings"
    assert thread.author == member
    page = client.get(response["Location"]).content.decode()
    assert "Your thread has been started." in page
    assert "Is <em>anyone</em> watching?" in page
    assert Watch.objects.filter(user=member, thread=thread).exists()


def test_member_replies_and_lands_on_the_reply(client, member, e_democracy):
    thread = start_thread(e_democracy)
    client.force_login(member)

    response = client.post(reply_url(thread), {"body": "I agree."})

    reply = Post.objects.get(position=2)
    assert response["Location"] == f"{thread.get_absolute_url()}#post-{reply.pk}"
    thread.refresh_from_db()
    assert (thread.post_count, thread.last_position, thread.last_post) == (2, 2, reply)
    assert "I agree." in client.get(response["Location"]).content.decode()


def test_the_thread_page_has_a_reply_form_for_members_only(client, member, e_democracy):
    thread = start_thread(e_democracy)

    anonymous = client.get(thread.get_absolute_url()).content.decode()
    assert not elements(anonymous, "textarea")
    assert "Sign in to take part" in text_of(anonymous)

    client.force_login(member)
    html = client.get(thread.get_absolute_url()).content.decode()
    [form] = elements(html, "form", action=reply_url(thread))
    assert elements(html, "textarea", name="body")
    assert elements(html, "button", name="preview")


def test_signed_out_visitors_are_sent_to_sign_in(client, e_democracy):
    thread = start_thread(e_democracy)
    for url in (new_thread_url(e_democracy), reply_url(thread)):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("account_login"))
    assert client.post(reply_url(thread), {"body": "x"}).status_code == 302
    assert Post.objects.count() == 1


def test_unverified_accounts_cannot_post(client, e_democracy):
    unverified = UserFactory(verified_email=False)
    thread = start_thread(e_democracy)
    client.force_login(unverified)

    response = client.post(reply_url(thread), {"body": "Hello"})

    assert response.status_code == 403
    assert "Confirm your e-mail address before you post" in text_of(response.content.decode())
    assert Post.objects.count() == 1
    page = client.get(thread.get_absolute_url()).content.decode()
    assert "Confirm your e-mail address" in text_of(page)
    assert not elements(page, "textarea")


def test_preview_shows_the_rendered_text_posts_nothing_and_keeps_the_form(
    client, member, e_democracy
):
    client.force_login(member)
    data = {"title": "Draft", "body": "**Bold** idea", "preview": "1"}

    response = client.post(new_thread_url(e_democracy), data)

    assert response.status_code == 200
    html = response.content.decode()
    assert elements(html, "h2", id="preview-heading")
    assert "<strong>Bold</strong> idea" in html
    assert textarea_text(html) == "**Bold** idea"
    assert elements(html, "input", name="title", value="Draft")
    assert not Thread.objects.exists()


def test_errors_keep_what_was_typed(client, member, e_democracy):
    client.force_login(member)

    response = client.post(new_thread_url(e_democracy), {"title": "", "body": "Kept words"})

    html = response.content.decode()
    assert response.status_code == 200
    assert "Enter a title" in error_summary(html)
    assert elements(html, "title")[0]["text"].startswith("Error: ")
    assert textarea_text(html) == "Kept words"
    assert elements(html, "div", class_="govuk-form-group--error")


def test_empty_reply_is_refused_with_a_message(client, member, e_democracy):
    thread = start_thread(e_democracy)
    client.force_login(member)

    html = client.post(reply_url(thread), {"body": "   "}).content.decode()

    assert "Enter your reply" in error_summary(html)
    assert Post.objects.count() == 1


def test_quoting_a_post_fills_the_reply_box(client, member, e_democracy):
    author = MemberFactory(full_name="Quentin Quoted")
    thread = start_thread(e_democracy, author=author, body="First line\n\nSecond line")
    client.force_login(member)

    html = client.get(thread.get_absolute_url()).content.decode()
    quote_link = f"{reply_url(thread)}?quote={thread.posts.get().pk}"
    assert elements(html, "a", href=quote_link)

    form = client.get(quote_link).content.decode()
    assert textarea_text(form) == "Quentin Quoted wrote:\n\n> First line\n>\n> Second line\n\n"
    response = client.post(reply_url(thread), {"body": textarea_text(form) + "\n\nIndeed."})
    page = client.get(response["Location"]).content.decode()
    assert '<blockquote class="govuk-inset-text">' in page


def test_honeypot_stops_robots(client, member, e_democracy):
    thread = start_thread(e_democracy)
    client.force_login(member)

    html = client.post(
        reply_url(thread), {"body": "Buy now", "website": "http://spam.example"}
    ).content.decode()

    assert "We could not accept this post" in text_of(html)
    assert Post.objects.count() == 1


def test_locked_threads_take_no_replies_except_from_moderators(
    client, member, moderator, e_democracy
):
    thread = start_thread(e_democracy)
    services.switch_thread(thread, "lock", moderator=moderator, reason="Done")
    client.force_login(member)

    assert "This thread is locked" in text_of(
        client.get(thread.get_absolute_url()).content.decode()
    )
    assert client.post(reply_url(thread), {"body": "Late"}).status_code == 403

    sign_in_with_second_factor(client, moderator)
    assert client.post(reply_url(thread), {"body": "Closing note"}).status_code == 302
    assert Post.objects.count() == 2


def test_group_forum_is_writable_only_by_people_of_the_group(client, e_democracy):
    convenor = OrganisationFactory(slug="convenor-test")
    member_org = OrganisationFactory(slug="member-org-test")
    group = GroupFactory(name="Web managers", convenor=convenor, members=[member_org])
    forum = CategoryFactory(name="Web managers", slug="web-managers", group=group)
    thread = start_thread(forum)
    outsider, insider, convenor_person = MemberFactory(), MemberFactory(), MemberFactory()
    insider.organisations.add(member_org)
    convenor_person.organisations.add(convenor)

    client.force_login(outsider)
    assert "Only people from the organisations of Web managers" in text_of(
        client.get(thread.get_absolute_url()).content.decode()
    )
    assert client.post(reply_url(thread), {"body": "Me too"}).status_code == 403
    assert client.get(new_thread_url(forum)).status_code == 403

    for person in (insider, convenor_person):
        client.force_login(person)
        assert client.post(reply_url(thread), {"body": f"From {person.pk}"}).status_code == 302
    assert thread.posts.count() == 3


def test_suspended_members_cannot_post_but_their_posts_stay(client, member, moderator, e_democracy):
    thread = start_thread(e_democracy, author=member, body="My earlier words")
    services.suspend_member(member, days=7, moderator=moderator, reason="Repeated abuse")
    client.force_login(member)

    response = client.post(reply_url(thread), {"body": "Again"})

    assert response.status_code == 403
    assert "A moderator suspended you: Repeated abuse" in text_of(response.content.decode())
    assert "My earlier words" in client.get(thread.get_absolute_url()).content.decode()


def test_author_edits_within_the_window_and_the_history_is_kept(
    client, member, moderator, e_democracy
):
    post = services.start_thread(
        category=e_democracy, author=member, title="Original title", body="Original text"
    )
    client.force_login(member)
    edit_url = reverse("forums:edit_post", args=[post.pk])
    html = client.get(thread_url := post.thread.get_absolute_url()).content.decode()
    assert elements(html, "a", href=edit_url)

    form = client.get(edit_url).content.decode()
    assert textarea_text(form) == "Original text"
    response = client.post(edit_url, {"title": "Better title", "body": "Changed text"})

    assert response.status_code == 302
    post.refresh_from_db()
    assert post.body == "Changed text" and post.edited_at
    [revision] = PostRevision.objects.all()
    assert (revision.body, revision.title, revision.editor) == (
        "Original text",
        "Original title",
        member,
    )
    page = text_of(client.get(thread_url).content.decode())
    assert "Better title" in page and "Edited" in page and "Original text" not in page

    history_url = reverse("forums:moderation_post_history", args=[post.pk])
    assert client.get(history_url).status_code == 403
    sign_in_with_second_factor(client, moderator)
    history = text_of(client.get(history_url).content.decode())
    assert "Original text" in history and "Changed text" in history
    assert "Original title" in history


def test_no_edits_after_the_window_or_of_other_peoples_posts(
    client, member, other_member, e_democracy
):
    old = start_thread(
        e_democracy, author=member, now=timezone.now() - datetime.timedelta(minutes=31)
    ).posts.get()
    client.force_login(member)
    edit_url = reverse("forums:edit_post", args=[old.pk])

    assert not elements(
        client.get(old.thread.get_absolute_url()).content.decode(), "a", href=edit_url
    )
    response = client.post(edit_url, {"body": "Too late"})
    assert response.status_code == 302
    old.refresh_from_db()
    assert old.body == "The first post."
    assert "You can no longer edit that post" in text_of(
        client.get(response["Location"]).content.decode()
    )

    fresh = services.start_thread(category=e_democracy, author=member, title="t", body="Mine")
    client.force_login(other_member)
    assert (
        client.post(
            reply_edit := reverse("forums:edit_post", args=[fresh.pk]), {"body": "x"}
        ).status_code
        == 404
    )
    assert client.get(reply_edit).status_code == 404


def test_author_removes_their_post_softly(client, member, other_member, e_democracy):
    thread = start_thread(e_democracy)
    [mine] = add_replies(thread, 1, authors=[member], body="Regrettable words")
    remove_url = reverse("forums:remove_post", args=[mine.pk])

    client.force_login(other_member)
    assert client.post(remove_url).status_code == 404

    client.force_login(member)
    confirm = client.get(remove_url)
    assert_sound_page(confirm)
    assert "Regrettable words" in confirm.content.decode()
    response = client.post(remove_url)

    mine.refresh_from_db()
    assert mine.status == PostStatus.REMOVED
    page = text_of(client.get(response["Location"]).content.decode())
    assert "Post removed by author." in page and "Regrettable words" not in page
    thread.refresh_from_db()
    assert thread.post_count == 1 and thread.last_position == 2


def test_watching_a_thread_and_a_category(client, member, e_democracy):
    thread = start_thread(e_democracy)
    client.force_login(member)
    watch_thread = reverse("forums:watch_thread", args=[e_democracy.slug, thread.pk])
    watch_category = reverse("forums:watch_category", args=[e_democracy.slug])

    assert client.get(watch_thread).status_code == 405
    client.post(watch_thread)
    client.post(watch_category)
    assert Watch.objects.filter(user=member, thread=thread).exists()
    assert Watch.objects.filter(user=member, category=e_democracy).exists()
    assert "Stop watching this thread" in client.get(thread.get_absolute_url()).content.decode()

    client.post(watch_thread)
    assert not Watch.objects.filter(user=member, thread=thread).exists()
