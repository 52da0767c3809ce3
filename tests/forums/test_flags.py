"""Members report posts; enough reports from different members hide a post until a
moderator reviews it."""

import pytest
from django.urls import reverse

from forums.models import Flag, ModerationAction, ModerationActionKind, PostStatus
from tests.accounts.helpers import error_summary, sign_in_with_second_factor
from tests.londonconnects.html import assert_sound_page, elements, text_of

from .factories import MemberFactory, add_replies, start_thread

pytestmark = pytest.mark.django_db


@pytest.fixture
def spam(e_democracy):
    thread = start_thread(e_democracy)
    [post] = add_replies(thread, 1, body="Cheap pills zanzibarite")
    return post


def flag_url(post):
    return reverse("forums:flag_post", args=[post.pk])


def test_member_reports_a_post_with_a_reason(client, member, spam):
    client.force_login(member)
    page = client.get(spam.thread.get_absolute_url()).content.decode()
    assert elements(page, "a", href=flag_url(spam))
    assert_sound_page(client.get(flag_url(spam)))

    response = client.post(flag_url(spam), {"reason": "spam", "details": "An advert"})

    assert response["Location"] == spam.stable_url()
    flag = Flag.objects.get()
    assert (flag.flagger, flag.reason, flag.details) == (member, "spam", "An advert")
    spam.refresh_from_db()
    assert spam.status == PostStatus.VISIBLE


def test_a_report_needs_a_reason(client, member, spam):
    client.force_login(member)
    html = client.post(flag_url(spam), {"details": "?"}).content.decode()
    assert "Choose why moderators should look at this post" in error_summary(html)
    assert not Flag.objects.exists()


def test_members_cannot_report_their_own_posts_and_visitors_cannot_report(client, spam):
    assert client.post(flag_url(spam), {"reason": "spam"}).status_code == 302
    client.force_login(spam.author)
    client.post(flag_url(spam), {"reason": "spam"})
    assert not Flag.objects.exists()


def test_enough_distinct_members_hide_a_post_pending_review(client, settings, spam):
    settings.FORUMS_FLAGS_TO_HIDE = 3
    first, second, third = MemberFactory(), MemberFactory(), MemberFactory()

    for flagger in (first, first, second):
        client.force_login(flagger)
        client.post(flag_url(spam), {"reason": "abusive"})
    spam.refresh_from_db()
    assert spam.status == PostStatus.VISIBLE, "one member flagging twice counts once"

    client.force_login(third)
    client.post(flag_url(spam), {"reason": "spam"})

    spam.refresh_from_db()
    assert spam.status == PostStatus.PENDING_REVIEW
    spam.thread.refresh_from_db()
    assert spam.thread.post_count == 1
    action = ModerationAction.objects.get()
    assert action.kind == ModerationActionKind.AUTO_HIDE_POST and action.actor is None
    client.logout()
    page = text_of(client.get(spam.thread.get_absolute_url()).content.decode())
    assert "zanzibarite" not in page
    assert "This post is hidden while moderators review it." in page


def test_flagged_posts_queue_for_moderators(client, member, moderator, spam):
    client.force_login(member)
    client.post(flag_url(spam), {"reason": "off_topic", "details": "Nothing to do with it"})

    sign_in_with_second_factor(client, moderator)
    html = client.get(reverse("forums:moderation_queue")).content.decode()

    assert_sound_page(client.get(reverse("forums:moderation_queue")))
    text = text_of(html)
    assert "1 post to review" in text
    assert "Cheap pills zanzibarite" in text
    assert "Off-topic, by Meera Member" in text
    assert "Nothing to do with it" in text
