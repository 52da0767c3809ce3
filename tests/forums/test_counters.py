"""The denormalised counters stay right through every kind of change, and
`recount_forums` agrees with them; seed_demo's forums are consistent and idempotent."""

import io

import pytest
from django.core.management import call_command

from forums import counters, services
from forums.models import Category, Post, PostStatus, Thread

from .factories import MemberFactory, add_replies, start_thread

pytestmark = pytest.mark.django_db


def recount_output():
    out = io.StringIO()
    call_command("recount_forums", stdout=out)
    return out.getvalue()


def test_counters_kept_in_transactions_agree_with_a_recount(client, e_democracy, moderator):
    smart_cards = Category.objects.get(slug="smart-cards")
    members = [MemberFactory() for _ in range(4)]
    first = start_thread(e_democracy, author=members[0])
    second = start_thread(e_democracy, author=members[1])
    third = start_thread(smart_cards, author=members[2])
    replies = add_replies(first, 6, authors=members)
    add_replies(second, 3, authors=members)
    add_replies(third, 2, authors=members)
    services.remove_own_post(replies[-1])
    services.hide_post(replies[1], moderator=moderator, reason="Abuse")
    for flagger in members[1:]:
        services.flag_post(replies[2], flagger=flagger, reason="spam")
    services.restore_post(replies[1], moderator=moderator, reason="On reflection, fine")
    services.move_thread(second, to=smart_cards, moderator=moderator, reason="Better there")
    services.switch_thread(third, "hide", moderator=moderator, reason="Spam")
    client.force_login(members[3])
    client.post(f"/forums/e-democracy/{first.pk}/reply/", {"body": "Through the page"})

    before = counters.snapshot()
    output = recount_output()

    assert counters.snapshot() == before
    assert "threads: 3 recounted, 0 corrected" in output
    assert all(line.endswith(", 0 corrected") for line in output.splitlines())
    first.refresh_from_db()
    assert first.post_count == 1 + 6 + 1 - 2  # the removed and the pending post are out
    assert first.last_position == 8
    e_democracy.refresh_from_db()
    assert e_democracy.thread_count == 1 and e_democracy.post_count == first.post_count
    assert e_democracy.last_post == first.last_post


def test_recount_repairs_wrong_counters(e_democracy):
    thread = start_thread(e_democracy)
    add_replies(thread, 2)
    Thread.objects.update(post_count=99, last_post=None)
    Category.objects.update(thread_count=7)

    output = recount_output()

    thread.refresh_from_db()
    assert thread.post_count == 3
    assert thread.last_post == Post.objects.get(position=3)
    assert "threads: 1 recounted, 1 corrected" in output


def test_last_post_falls_back_when_the_latest_is_hidden(e_democracy, moderator):
    thread = start_thread(e_democracy)
    earlier, latest = add_replies(thread, 2)
    services.hide_post(latest, moderator=moderator, reason="Spam")

    thread.refresh_from_db()
    e_democracy.refresh_from_db()
    assert thread.last_post == earlier
    assert thread.last_active_at == earlier.created_at
    assert e_democracy.last_post == earlier
    assert Post.objects.get(pk=latest.pk).status == PostStatus.HIDDEN


def test_demo_forums_are_consistent_idempotent_and_grow_with_the_scale(db):
    call_command("load_reference_data", verbosity=0)
    call_command("seed_demo", scale=1, verbosity=0)

    assert Thread.objects.count() == 30
    assert Post.objects.count() == 300
    assert Category.objects.public().filter(thread_count__gt=0).count() >= 9
    assert Post.objects.filter(status=PostStatus.PENDING_REVIEW).count() == 1
    assert all(line.endswith(", 0 corrected") for line in recount_output().splitlines())

    call_command("seed_demo", scale=1, verbosity=0)
    assert Post.objects.count() == 300

    call_command("seed_demo", scale=2, verbosity=0)
    assert Thread.objects.count() == 60 and Post.objects.count() == 600
