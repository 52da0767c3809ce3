"""What an author removes stays removed: a moderator's "show again" or "hide" never
republishes it; the author can have the text of their removed posts and the earlier versions
of their posts erased; removed text and earlier versions are purged after the retention
period; two edits of one post at once both keep the text they replaced."""

import datetime
import threading

import pytest
from django.conf import settings
from django.db import connection, connections
from django.urls import reverse
from django.utils import timezone

from forums import services
from forums.models import ModerationAction, ModerationActionKind, Post, PostRevision, PostStatus
from tests.accounts.helpers import sign_in_with_second_factor
from tests.londonconnects.html import assert_sound_page, elements, text_of

from .factories import MemberFactory, ModeratorFactory, add_replies, start_thread

pytestmark = pytest.mark.django_db


def erase_url():
    return reverse("forums:erase_removed_text")


@pytest.fixture
def removed(client, member, e_democracy):
    """A reply its author removed through the site."""
    thread = start_thread(e_democracy, title="Kiosks in libraries")
    [post] = add_replies(thread, 1, authors=[member], body="Regrettable ossifrage words")
    client.force_login(member)
    assert client.post(reverse("forums:remove_post", args=[post.pk])).status_code == 302
    client.logout()
    post.refresh_from_db()
    assert post.status == PostStatus.REMOVED
    return post


def act(client, post, action, reason="Reviewed"):
    return client.post(
        reverse("forums:moderation_post_action", args=[post.pk, action]), {"reason": reason}
    )


def test_a_moderator_cannot_show_again_what_its_author_removed(client, removed, moderator):
    sign_in_with_second_factor(client, moderator)
    page = client.get(removed.thread.get_absolute_url()).content.decode()
    restore = reverse("forums:moderation_post_action", args=[removed.pk, "restore"])
    assert not elements(page, "a", href=restore)

    act(client, removed, "restore", reason="Looks fine to me")
    act(client, removed, "hide", reason="Hide it first")
    act(client, removed, "restore", reason="Then show it")

    removed.refresh_from_db()
    assert removed.status == PostStatus.REMOVED
    client.logout()
    page = text_of(client.get(removed.thread.get_absolute_url()).content.decode())
    assert "Post removed by author." in page
    assert "ossifrage" not in page
    removed.thread.refresh_from_db()
    assert removed.thread.post_count == 1


def test_reports_on_a_removed_post_can_still_be_dismissed(client, e_democracy, member, moderator):
    thread = start_thread(e_democracy)
    [post] = add_replies(thread, 1, authors=[member], body="Reported words")
    services.flag_post(post, flagger=MemberFactory(), reason="spam")
    services.remove_own_post(post)
    sign_in_with_second_factor(client, moderator)
    queue = client.get(reverse("forums:moderation_queue")).content.decode()
    hide = reverse("forums:moderation_post_action", args=[post.pk, "hide"])
    assert not elements(queue, "a", href=hide + f"?next={reverse('forums:moderation_queue')}")
    assert "Dismiss reports" in text_of(queue)

    act(client, post, "restore", reason="The author removed it")

    post.refresh_from_db()
    assert post.status == PostStatus.REMOVED
    assert not post.flags.open().exists()
    assert ModerationAction.objects.get().kind == ModerationActionKind.DISMISS_FLAGS


def test_an_author_erases_the_text_of_their_removed_posts_and_earlier_versions(
    client, member, other_member, e_democracy, removed
):
    mine = services.start_thread(
        category=e_democracy, author=member, title="First title", body="First version"
    )
    services.edit_post(mine, editor=member, body="Second version", title="Second title")
    theirs = services.start_thread(
        category=e_democracy, author=other_member, title="Theirs", body="Their first"
    )
    services.edit_post(theirs, editor=other_member, body="Their second")
    hidden = add_replies(mine.thread, 1, authors=[member], body="Hidden words")[0]
    services.edit_post(hidden, editor=member, body="Hidden words, edited")
    services.hide_post(hidden, moderator=ModeratorFactory(), reason="Abuse")

    erase = erase_url()
    assert client.get(erase).status_code == 302  # sign in first
    client.force_login(member)
    confirm = client.get(erase)
    assert_sound_page(confirm)
    words = text_of(confirm.content.decode())
    assert "1 removed post" in words and "1 earlier version" in words

    response = client.post(erase)

    assert response.status_code == 302
    removed.refresh_from_db()
    assert removed.status == PostStatus.REMOVED and removed.body == ""
    assert not PostRevision.objects.filter(post=mine).exists()
    # Another member's history, and what moderators are reviewing, stay.
    assert PostRevision.objects.filter(post=theirs).count() == 1
    assert PostRevision.objects.filter(post=hidden).count() == 1
    assert "Nothing of yours to erase" in text_of(client.get(erase).content.decode())
    sign_in_with_second_factor(client, ModeratorFactory())
    history = text_of(
        client.get(reverse("forums:moderation_post_history", args=[mine.pk])).content.decode()
    )
    assert "First version" not in history and "First title" not in history
    page = text_of(client.get(removed.thread.get_absolute_url()).content.decode())
    assert "ossifrage" not in page


def test_the_removed_post_offers_its_author_the_erasure(client, member, removed):
    client.force_login(member)
    page = client.get(removed.thread.get_absolute_url()).content.decode()
    assert elements(page, "a", href=erase_url())


def test_removed_text_and_earlier_versions_are_purged_after_the_retention_period(
    settings, member, e_democracy
):
    from forums.tasks import purge_removed_text

    settings.FORUMS_REMOVED_TEXT_RETENTION_DAYS = 30
    now = timezone.now()
    long_ago = now - datetime.timedelta(days=31)
    lately = now - datetime.timedelta(days=29)
    thread = start_thread(e_democracy)
    old_removed, new_removed, kept = add_replies(thread, 3, authors=[member], body="Words {n}")
    for post, when in ((old_removed, long_ago), (new_removed, lately)):
        services.remove_own_post(post)
        Post.objects.filter(pk=post.pk).update(removed_at=when)
    services.edit_post(kept, editor=member, body="Words 3, edited")
    services.edit_post(kept, editor=member, body="Words 3, edited again")
    old_revision, new_revision = PostRevision.objects.filter(post=kept).order_by("pk")
    PostRevision.objects.filter(pk=old_revision.pk).update(replaced_at=long_ago)
    PostRevision.objects.filter(pk=new_revision.pk).update(replaced_at=lately)

    assert purge_removed_text.delay().get() == {"posts": 1, "revisions": 1}

    assert Post.objects.get(pk=old_removed.pk).body == ""
    assert Post.objects.get(pk=new_removed.pk).body == "Words 2"
    assert Post.objects.get(pk=kept.pk).body == "Words 3, edited again"
    assert list(PostRevision.objects.filter(post=kept).values_list("body", flat=True)) == [
        "Words 3, edited"
    ]


def test_the_purge_runs_every_night():
    from forums.tasks import purge_removed_text

    [entry] = [
        entry
        for entry in settings.CELERY_BEAT_SCHEDULE.values()
        if entry["task"] == purge_removed_text.name
    ]
    assert entry["schedule"].hour == {4}


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="SQLite takes one writer at a time, so two edits of one post can never overlap; "
    "the row lock is tested on PostgreSQL",
)
def test_two_edits_of_one_post_at_once_keep_both_earlier_texts():
    author = MemberFactory()
    from forums.models import Category

    post = services.start_thread(
        category=Category.objects.get(slug="e-democracy"),
        author=author,
        title="Shared plans",
        body="Original",
    )
    ready = threading.Barrier(2)
    failures = []

    def edit(body):
        try:
            # Each request loads the post before either has saved, on its own connection.
            mine = Post.objects.select_related("thread").get(pk=post.pk)
            ready.wait(timeout=10)
            services.edit_post(mine, editor=author, body=body)
        except Exception as problem:  # noqa: BLE001 - reported to the test below
            failures.append(problem)
        finally:
            connections.close_all()

    editors = [threading.Thread(target=edit, args=(body,)) for body in ("From A", "From B")]
    for editor in editors:
        editor.start()
    for editor in editors:
        editor.join(timeout=30)

    assert failures == []
    final = Post.objects.get(pk=post.pk).body
    earlier = sorted(PostRevision.objects.filter(post=post).values_list("body", flat=True))
    assert final in {"From A", "From B"}
    assert earlier == sorted(["Original", ({"From A", "From B"} - {final}).pop()])


def test_erased_words_leave_the_search_index_files_too(
    client, member, e_democracy, search_index, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        thread = start_thread(e_democracy, title="Library kiosks")
        [post] = add_replies(thread, 1, authors=[member], body="Zanzibarite confession")
    client.force_login(member)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("forums:remove_post", args=[post.pk]))

    def indexed_words():
        reader = search_index.index.refresh().reader()
        try:
            return {term.decode() for term in reader.lexicon(search_index.content_field_name)}
        finally:
            reader.close()

    [term] = [token.text for token in search_index.schema["text"].analyzer("zanzibarite")]
    # Removing the post rewrote the thread's document; the old one lingers in the files.
    assert term in indexed_words()

    with django_capture_on_commit_callbacks(execute=True):
        client.post(erase_url())

    assert term not in indexed_words()
    assert "kiosk" in " ".join(indexed_words())


def test_the_erasure_page_takes_the_same_queries_however_much_there_is_to_erase(
    client, member, e_democracy, count_queries
):
    client.force_login(member)
    thread = start_thread(e_democracy, title="Kiosks in libraries")

    def remove_replies(n):
        for post in add_replies(thread, n, authors=[member], body="Words taken back"):
            assert client.post(reverse("forums:remove_post", args=[post.pk])).status_code == 302

    remove_replies(2)
    few = count_queries(client, erase_url())
    remove_replies(20)
    assert "the text of 22 removed posts" in text_of(client.get(erase_url()).content.decode())
    assert count_queries(client, erase_url()) == few
