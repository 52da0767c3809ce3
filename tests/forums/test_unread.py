"""Threads with posts a member has not seen are marked, and "first unread" takes them there."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from forums.models import ReadMark
from tests.londonconnects.html import elements

from .factories import add_replies, start_thread

pytestmark = pytest.mark.django_db


def unread_link(thread):
    return reverse("forums:first_unread", args=[thread.category.slug, thread.pk])


def test_reading_a_thread_marks_it_read_and_new_posts_mark_it_unread(
    client, settings, member, e_democracy
):
    settings.FORUMS_POSTS_PER_PAGE = 5
    thread = start_thread(e_democracy)
    add_replies(thread, 6)
    client.force_login(member)

    listing = client.get(e_democracy.get_absolute_url()).content.decode()
    assert "New posts" in listing and elements(listing, "a", href=unread_link(thread))

    client.get(thread.get_absolute_url())  # page 1: posts 1 to 5
    assert ReadMark.objects.get(user=member, thread=thread).position == 5
    response = client.get(unread_link(thread))
    sixth = thread.posts.get(position=6)
    assert response["Location"] == f"{thread.get_absolute_url()}?page=2#post-{sixth.pk}"

    client.get(thread.get_absolute_url() + "?page=2")
    listing = client.get(e_democracy.get_absolute_url()).content.decode()
    assert "New posts" not in listing

    client.get(thread.get_absolute_url())  # going back never unreads
    assert ReadMark.objects.get(user=member, thread=thread).position == 7

    [eighth] = add_replies(thread, 1)
    listing = client.get(e_democracy.get_absolute_url()).content.decode()
    assert "New posts" in listing
    assert client.get(unread_link(thread))["Location"].endswith(f"#post-{eighth.pk}")


def test_own_replies_do_not_make_a_thread_unread(client, member, e_democracy):
    thread = start_thread(e_democracy)
    client.force_login(member)
    client.get(thread.get_absolute_url())
    client.post(reverse("forums:reply", args=[e_democracy.slug, thread.pk]), {"body": "Mine"})

    assert "New posts" not in client.get(e_democracy.get_absolute_url()).content.decode()


def test_threads_quiet_since_a_member_joined_are_not_new_to_them(client, e_democracy):
    from .factories import MemberFactory

    old = start_thread(e_democracy, now=timezone.now() - datetime.timedelta(days=60))
    newcomer = MemberFactory(date_joined=timezone.now() - datetime.timedelta(days=10))
    client.force_login(newcomer)
    listing = client.get(e_democracy.get_absolute_url()).content.decode()
    assert not elements(listing, "a", href=unread_link(old))


def test_anonymous_visitors_see_no_unread_marks(client, e_democracy):
    thread = start_thread(e_democracy)
    assert "New posts" not in client.get(e_democracy.get_absolute_url()).content.decode()
    assert client.get(unread_link(thread)).status_code == 302
    assert not ReadMark.objects.exclude(user=thread.author).exists()
