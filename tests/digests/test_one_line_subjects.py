"""A digest's subject is one line whatever the titles in it hold: a line break in a thread's
title (a header cannot hold one) must not stop the e-mail going."""

import pytest

from digests.models import Frequency, Subscriber
from forums.models import Watch
from tests.forums.factories import CategoryFactory, MemberFactory, start_thread

pytestmark = pytest.mark.django_db


def test_a_title_with_a_line_break_is_sent_on_one_subject_line(
    sink, django_capture_on_commit_callbacks
):
    watcher = MemberFactory(email="forum-watcher@example.org")
    Subscriber.objects.create(member=watcher, forum_frequency=Frequency.IMMEDIATELY)
    forum = CategoryFactory(name="Digital inclusion")
    Watch.objects.create(user=watcher, category=forum)
    with django_capture_on_commit_callbacks(execute=True):
        start_thread(forum, title="Laptops for\r\nlibraries")
    [message] = sink.messages
    assert message["Subject"] == "New thread in a forum you watch: Laptops for libraries"
