"""Moderators' pages: who may open them, the confirm step before each action, the actions
themselves and the log that records who did what, when and why."""

import pytest
from django.urls import reverse
from django.utils import timezone

from forums import services
from forums.models import (
    Category,
    ModerationAction,
    ModerationActionKind,
    PostStatus,
    Suspension,
    Thread,
)
from tests.accounts.helpers import error_summary, sign_in_with_second_factor
from tests.factories import PartnerEditorFactory, SuperUserFactory
from tests.londonconnects.html import assert_sound_page, elements, text_of

from .factories import MemberFactory, add_replies, start_thread

pytestmark = pytest.mark.django_db


@pytest.fixture
def thread(e_democracy):
    thread = start_thread(e_democracy, title="Webcasting council meetings")
    add_replies(thread, 1, authors=[MemberFactory(full_name="Sam Spammer")], body="Buy pills")
    return thread


@pytest.fixture
def reply(thread):
    return thread.posts.get(position=2)


def moderation_urls(thread, reply):
    suspension = Suspension.objects.create(
        member=reply.author, ends_at=timezone.now() + timezone.timedelta(days=1), reason="x"
    )
    return [
        reverse("forums:moderation_queue"),
        reverse("forums:moderation_log"),
        reverse("forums:moderation_suspensions"),
        reverse("forums:moderation_post_action", args=[reply.pk, "hide"]),
        reverse("forums:moderation_post_action", args=[reply.pk, "restore"]),
        reverse("forums:moderation_post_history", args=[reply.pk]),
        reverse("forums:moderation_thread_action", args=[thread.pk, "lock"]),
        reverse("forums:moderation_thread_action", args=[thread.pk, "pin"]),
        reverse("forums:moderation_thread_action", args=[thread.pk, "hide"]),
        reverse("forums:moderation_move_thread", args=[thread.pk]),
        reverse("forums:moderation_suspend_member", args=[reply.author.pk]),
        reverse("forums:moderation_lift_suspension", args=[suspension.pk]),
    ]


def test_only_moderators_and_site_administrators_open_moderation_pages(
    client, thread, reply, member, moderator
):
    urls = moderation_urls(thread, reply)
    camden_editor = PartnerEditorFactory()
    for url in urls:
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith(reverse("account_login"))
        assert client.post(url, {"reason": "x", "days": 1}).status_code == 302
    for person in (member, camden_editor):
        client.force_login(person)
        for url in urls:
            assert client.get(url).status_code == 403, url
            assert client.post(url, {"reason": "x", "days": 1}).status_code == 403, url
    assert not ModerationAction.objects.exists()
    reply.refresh_from_db()
    assert reply.status == PostStatus.VISIBLE

    for person in (moderator, SuperUserFactory()):
        sign_in_with_second_factor(client, person)
        for url in urls:
            assert_sound_page(client.get(url))


def test_getting_a_confirm_page_changes_nothing(client, moderator, thread, reply):
    sign_in_with_second_factor(client, moderator)
    client.get(reverse("forums:moderation_post_action", args=[reply.pk, "hide"]))
    client.get(reverse("forums:moderation_thread_action", args=[thread.pk, "lock"]))

    reply.refresh_from_db()
    thread.refresh_from_db()
    assert reply.status == PostStatus.VISIBLE and not thread.is_locked
    assert not ModerationAction.objects.exists()


def test_an_action_needs_a_reason(client, moderator, reply):
    sign_in_with_second_factor(client, moderator)
    url = reverse("forums:moderation_post_action", args=[reply.pk, "hide"])

    html = client.post(url, {"reason": ""}).content.decode()

    assert "Enter the reason for this action" in error_summary(html)
    reply.refresh_from_db()
    assert reply.status == PostStatus.VISIBLE


def test_moderator_hides_and_restores_a_post(client, moderator, thread, reply):
    sign_in_with_second_factor(client, moderator)
    hide = reverse("forums:moderation_post_action", args=[reply.pk, "hide"])
    assert "Buy pills" in client.get(hide).content.decode()

    response = client.post(hide, {"reason": "Advertising"})

    assert response["Location"] == reply.stable_url()
    reply.refresh_from_db()
    thread.refresh_from_db()
    assert reply.status == PostStatus.HIDDEN
    assert thread.post_count == 1

    client.post(
        reverse("forums:moderation_post_action", args=[reply.pk, "restore"]),
        {"reason": "It was a fair link after all"},
    )
    reply.refresh_from_db()
    assert reply.status == PostStatus.VISIBLE
    kinds = list(ModerationAction.objects.order_by("pk").values_list("kind", flat=True))
    assert kinds == [ModerationActionKind.HIDE_POST, ModerationActionKind.RESTORE_POST]


def test_keeping_a_flagged_post_dismisses_its_flags(client, moderator, member, reply):
    services.flag_post(reply, flagger=member, reason="spam")
    sign_in_with_second_factor(client, moderator)
    queue = reverse("forums:moderation_queue")

    client.post(
        reverse("forums:moderation_post_action", args=[reply.pk, "restore"]),
        {"reason": "Not spam", "next": queue},
    )

    assert not reply.flags.open().exists()
    assert "Nothing to review." in text_of(client.get(queue).content.decode())
    assert ModerationAction.objects.get().kind == ModerationActionKind.DISMISS_FLAGS


@pytest.mark.parametrize(
    "action, field, value, kind",
    [
        ("lock", "is_locked", True, ModerationActionKind.LOCK_THREAD),
        ("pin", "is_pinned", True, ModerationActionKind.PIN_THREAD),
        ("hide", "is_hidden", True, ModerationActionKind.HIDE_THREAD),
    ],
)
def test_moderator_switches_a_thread_and_back(
    client, moderator, thread, action, field, value, kind
):
    sign_in_with_second_factor(client, moderator)
    client.post(
        reverse("forums:moderation_thread_action", args=[thread.pk, action]), {"reason": "Why"}
    )
    thread.refresh_from_db()
    assert getattr(thread, field) is value
    assert ModerationAction.objects.get().kind == kind

    undo = {"lock": "unlock", "pin": "unpin", "hide": "restore"}[action]
    client.post(
        reverse("forums:moderation_thread_action", args=[thread.pk, undo]), {"reason": "Undo"}
    )
    thread.refresh_from_db()
    assert getattr(thread, field) is not value


def test_hiding_a_thread_takes_it_out_of_the_category_counts(client, moderator, thread):
    category = thread.category
    sign_in_with_second_factor(client, moderator)
    client.post(
        reverse("forums:moderation_thread_action", args=[thread.pk, "hide"]), {"reason": "Spam"}
    )
    category.refresh_from_db()
    assert (category.thread_count, category.post_count, category.last_post) == (0, 0, None)


def test_moderator_moves_a_thread(client, moderator, thread):
    smart_cards = Category.objects.get(slug="smart-cards")
    sign_in_with_second_factor(client, moderator)
    url = reverse("forums:moderation_move_thread", args=[thread.pk])
    options = [o["text"] for o in elements(client.get(url).content.decode(), "option")]
    assert "Smart cards" in options and "E-democracy" not in options

    client.post(url, {"category": smart_cards.pk, "reason": "Off-topic here"})

    thread.refresh_from_db()
    assert thread.category == smart_cards
    smart_cards.refresh_from_db()
    e_democracy = Category.objects.get(slug="e-democracy")
    assert (smart_cards.thread_count, smart_cards.post_count) == (1, 2)
    assert (e_democracy.thread_count, e_democracy.post_count) == (0, 0)
    action = ModerationAction.objects.get()
    assert action.details == "From “E-democracy” to “Smart cards”"


def test_moderator_suspends_a_member_for_a_period_and_lifts_it(client, moderator, reply):
    spammer = reply.author
    sign_in_with_second_factor(client, moderator)

    client.post(
        reverse("forums:moderation_suspend_member", args=[spammer.pk]),
        {"days": "7", "reason": "Advertising again"},
    )

    suspension = Suspension.objects.get()
    assert suspension.member == spammer
    assert 6.9 < (suspension.ends_at - suspension.starts_at).total_seconds() / 86400 < 7.1
    assert "Sam Spammer" in text_of(
        client.get(reverse("forums:moderation_suspensions")).content.decode()
    )
    client.post(
        reverse("forums:moderation_lift_suspension", args=[suspension.pk]),
        {"reason": "Apologised"},
    )
    suspension.refresh_from_db()
    assert suspension.lifted_by == moderator
    assert not Suspension.objects.in_force().exists()


def test_moderators_cannot_be_suspended_here(client, moderator):
    other = SuperUserFactory()
    sign_in_with_second_factor(client, moderator)
    client.post(
        reverse("forums:moderation_suspend_member", args=[other.pk]), {"days": "1", "reason": "x"}
    )
    assert not Suspension.objects.exists()


def test_the_log_shows_who_did_what_when_and_why(client, moderator, thread, reply):
    services.hide_post(reply, moderator=moderator, reason="Advertising pills")
    services.switch_thread(thread, "lock", moderator=moderator, reason="Discussion over")
    sign_in_with_second_factor(client, moderator)

    html = client.get(reverse("forums:moderation_log")).content.decode()

    rows = [r["text"] for r in elements(html, "tr")][1:]
    assert len(rows) == 2
    assert "Locked a thread" in rows[0] and "Discussion over" in rows[0]
    assert "Morag Moderator" in rows[0] and "Webcasting council meetings" in rows[0]
    assert "Hid a post" in rows[1] and "Advertising pills" in rows[1]
    assert elements(html, "time")


def test_moderator_links_appear_only_for_moderators(client, member, moderator, thread):
    hide_link = reverse("forums:moderation_thread_action", args=[thread.pk, "hide"])
    client.force_login(member)
    assert not elements(client.get(thread.get_absolute_url()).content.decode(), "a", href=hide_link)
    sign_in_with_second_factor(client, moderator)
    assert elements(client.get(thread.get_absolute_url()).content.decode(), "a", href=hide_link)


def test_moderators_may_only_look_in_the_admin(admin_login, client, moderator, thread):
    moderator.is_staff = True
    moderator.save()
    admin_login(client, moderator)

    assert client.get(reverse("admin:forums_thread_changelist")).status_code == 200
    change = client.get(reverse("admin:forums_thread_change", args=[thread.pk]))
    assert change.status_code == 200
    assert (
        client.post(
            reverse("admin:forums_thread_change", args=[thread.pk]), {"title": "x"}
        ).status_code
        == 403
    )
    assert client.get(reverse("admin:forums_category_changelist")).status_code == 403
    assert Thread.objects.get().title == "Webcasting council meetings"


def test_site_administrators_order_categories_in_the_admin(admin_login, client):
    admin_login(client, SuperUserFactory())
    html = client.get(reverse("admin:forums_category_changelist")).content.decode()
    assert "Smart cards" in html and "E-democracy" in html
