"""The issue's "done means", end to end through the site as people use it: a citizen signs
up, confirms their address from the e-mail, starts a thread about e-democracy and gets a
reply; a brand-new account's first post with a link is stopped; a moderator hides a post,
locks the thread, and the log shows both."""

import re

import pytest
from django.core import mail
from django.urls import reverse

from forums.models import ModerationAction, Post, PostStatus, Thread
from tests.accounts.helpers import error_summary, sign_in_with_second_factor
from tests.londonconnects.html import text_of

from .factories import MemberFactory, ModeratorFactory

pytestmark = pytest.mark.django_db

PASSWORD = "a-long-citizen-passphrase"


def sign_up_and_confirm(client, email):
    client.post("/accounts/signup/", {"email": email, "password1": PASSWORD, "password2": PASSWORD})
    [message] = [m for m in mail.outbox if email in m.to]
    confirm_path = re.search(r"/accounts/confirm-email/[^/\s]+/", message.body).group(0)
    response = client.post(confirm_path)
    assert response.status_code == 302


def test_citizen_discussion_spam_stopped_and_moderated(client, django_user_model):
    # A citizen signs up and confirms their address from the e-mail.
    sign_up_and_confirm(client, "citizen@example.org")
    citizen = django_user_model.objects.get(email="citizen@example.org")
    assert citizen.is_member

    # They start a thread about e-democracy.
    forums = client.get("/forums/").content.decode()
    assert "E-democracy" in forums
    new_thread = reverse("forums:new_thread", args=["e-democracy"])
    response = client.post(
        new_thread,
        {
            "title": "Can I watch my council's meetings online?",
            "body": "Our council does not webcast its meetings. Does yours?",
        },
    )
    thread = Thread.objects.get()
    assert response["Location"] == thread.get_absolute_url()
    assert thread.category.slug == "e-democracy"

    # Another member replies.
    officer = MemberFactory(full_name="Olu Officer")
    other = client.__class__()
    other.force_login(officer)
    other.post(
        reverse("forums:reply", args=["e-democracy", thread.pk]),
        {"body": "We webcast every full council meeting: see [our page](https://example.org)."},
    )
    page = text_of(client.get(thread.get_absolute_url()).content.decode())
    assert "Olu Officer" in page and "We webcast every full council meeting" in page

    # A spammer's brand-new account: the first post with a link is stopped.
    spammer_client = client.__class__()
    sign_up_and_confirm(spammer_client, "spammer@example.org")
    response = spammer_client.post(
        reverse("forums:reply", args=["e-democracy", thread.pk]),
        {"body": "Cheap pills at https://pills.example"},
    )
    assert "New members cannot post links during their first 24 hours" in error_summary(
        response.content.decode()
    )
    assert not Post.objects.filter(author__email="spammer@example.org").exists()

    # It posts without a link instead; a moderator hides that post and locks the thread.
    spammer_client.post(
        reverse("forums:reply", args=["e-democracy", thread.pk]),
        {"body": "Buy pills, search for cheap pills"},
    )
    spam = Post.objects.get(author__email="spammer@example.org")
    moderator = ModeratorFactory(full_name="Morag Moderator")
    moderator_client = client.__class__()
    sign_in_with_second_factor(moderator_client, moderator)
    moderator_client.post(
        reverse("forums:moderation_post_action", args=[spam.pk, "hide"]),
        {"reason": "Advertising"},
    )
    moderator_client.post(
        reverse("forums:moderation_thread_action", args=[thread.pk, "lock"]),
        {"reason": "Answered; closing to stop the spam"},
    )

    spam.refresh_from_db()
    thread.refresh_from_db()
    assert spam.status == PostStatus.HIDDEN and thread.is_locked
    seen_by_citizen = text_of(client.get(thread.get_absolute_url()).content.decode())
    assert "Buy pills" not in seen_by_citizen
    assert "This post has been hidden by a moderator." in seen_by_citizen
    assert "This thread is locked" in seen_by_citizen

    log = text_of(moderator_client.get(reverse("forums:moderation_log")).content.decode())
    assert "Locked a thread" in log and "Answered; closing to stop the spam" in log
    assert "Hid a post" in log and "Advertising" in log
    assert log.count("Morag Moderator") >= 2
    assert ModerationAction.objects.count() == 2
