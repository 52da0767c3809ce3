"""Forum posts to members who want them at once: a reply to a watched thread is e-mailed to
its watchers (never its author) after the commit, through a Celery task, once each."""

import pytest

from digests.models import Delivery, DeliveryStatus, Frequency, Subscriber
from digests.tasks import notify_post_watchers
from forums import services
from forums.models import Watch
from tests.forums.factories import CategoryFactory, MemberFactory, start_thread

pytestmark = pytest.mark.django_db


def wants_posts_at_once(**fields):
    member = MemberFactory(**fields)
    Subscriber.objects.create(member=member, forum_frequency=Frequency.IMMEDIATELY)
    return member


def test_a_reply_is_e_mailed_at_once_to_the_threads_watchers_but_not_its_author(
    sink, django_capture_on_commit_callbacks
):
    author = wants_posts_at_once(email="author@example.org", full_name="Ann Author")
    watcher = wants_posts_at_once(email="watcher@example.org")
    digest_reader = MemberFactory(email="daily@example.org")  # the default: daily digests
    thread = start_thread(CategoryFactory(), author=author, title="Kiosks in libraries")
    for member in (watcher, digest_reader):
        Watch.objects.create(user=member, thread=thread)

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        post = services.add_reply(thread=thread, author=author, body="**Good** news: it works.")
        assert sink.count == 0  # nothing before the commit
    assert len(callbacks) >= 1

    [message] = sink.messages
    assert message["To"] == "watcher@example.org"
    assert message["Subject"] == "New post in a thread you watch: Kiosks in libraries"
    assert "/digests/unsubscribe/" in str(message["List-Unsubscribe"])
    text = message.get_body(("plain",)).get_content()
    assert "Good news: it works." in text and "the latest by Ann Author" in text
    assert f"#post-{post.pk}" in text
    assert "e-mails about new forum posts as they happen" in text
    row = Delivery.objects.get()
    assert (row.kind, row.period, row.status) == (
        Frequency.IMMEDIATELY,
        f"post-{post.pk}",
        DeliveryStatus.SENT,
    )
    # The task run again (a redelivery) sends nothing more.
    notify_post_watchers.apply(args=(post.pk,)).get()
    assert sink.count == 1


def test_a_new_thread_goes_to_those_watching_its_forum(sink, django_capture_on_commit_callbacks):
    watcher = wants_posts_at_once(email="forum-watcher@example.org")
    forum = CategoryFactory(name="Digital inclusion")
    Watch.objects.create(user=watcher, category=forum)
    with django_capture_on_commit_callbacks(execute=True):
        start_thread(forum, title="Laptops for libraries")
    [message] = sink.messages
    assert message["Subject"] == "New thread in a forum you watch: Laptops for libraries"


def test_hidden_posts_and_private_forums_are_not_sent(sink, django_capture_on_commit_callbacks):
    from tests.factories import GroupFactory

    watcher = wants_posts_at_once()
    private = CategoryFactory(group=GroupFactory(), members_only=True)
    thread = start_thread(private)
    Watch.objects.create(user=watcher, thread=thread)
    with django_capture_on_commit_callbacks(execute=True):
        services.add_reply(thread=thread, author=MemberFactory(), body="Members only.")
    assert sink.count == 0
