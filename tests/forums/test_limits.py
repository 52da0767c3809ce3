"""Rate limits and the new-account rules, as a poster meets them: a clear message, and
nothing typed is lost."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from forums import services
from forums.models import Post
from tests.accounts.helpers import error_summary
from tests.londonconnects.html import text_of

from .factories import start_thread
from .test_posting import reply_url, textarea_text

pytestmark = pytest.mark.django_db


def _posts_by(author, thread, minutes_ago):
    for minutes in minutes_ago:
        services.add_reply(
            thread=thread,
            author=author,
            body="Earlier post",
            now=timezone.now() - datetime.timedelta(minutes=minutes),
        )


def test_everyone_is_limited_per_minute(client, settings, member, e_democracy):
    settings.FORUMS_POSTS_PER_MINUTE = 2
    thread = start_thread(e_democracy)
    _posts_by(member, thread, [0.5, 0.2])
    client.force_login(member)

    response = client.post(reply_url(thread), {"body": "A third, too soon"})

    html = response.content.decode()
    assert response.status_code == 200
    assert "You can post 2 times a minute. Wait a minute" in error_summary(html)
    assert textarea_text(html) == "A third, too soon"
    assert Post.objects.filter(author=member).count() == 2


def test_the_minute_limit_lifts_after_a_minute(client, settings, member, e_democracy):
    settings.FORUMS_POSTS_PER_MINUTE = 2
    thread = start_thread(e_democracy)
    _posts_by(member, thread, [1.5, 1.2])
    client.force_login(member)

    assert client.post(reply_url(thread), {"body": "Fine now"}).status_code == 302


def test_preview_is_not_rate_limited(client, settings, member, e_democracy):
    settings.FORUMS_POSTS_PER_MINUTE = 1
    thread = start_thread(e_democracy)
    _posts_by(member, thread, [0.1])
    client.force_login(member)

    response = client.post(reply_url(thread), {"body": "Just looking", "preview": "1"})

    assert not error_summary(response.content.decode())


def test_new_accounts_may_post_only_a_few_times_an_hour(client, settings, new_member, e_democracy):
    settings.FORUMS_NEW_ACCOUNT_POSTS_PER_HOUR = 3
    thread = start_thread(e_democracy)
    _posts_by(new_member, thread, [50, 30, 10])
    client.force_login(new_member)

    response = client.post(reply_url(thread), {"body": "Fourth in the hour"})

    summary = error_summary(response.content.decode())
    assert "New members can post 3 times an hour during their first 24 hours" in summary
    assert "You can post again at" in summary
    assert textarea_text(response.content.decode()) == "Fourth in the hour"


def test_older_accounts_have_no_hourly_limit(client, settings, member, e_democracy):
    settings.FORUMS_NEW_ACCOUNT_POSTS_PER_HOUR = 3
    thread = start_thread(e_democracy)
    _posts_by(member, thread, [50, 30, 10])
    client.force_login(member)

    assert client.post(reply_url(thread), {"body": "Fourth in the hour"}).status_code == 302


@pytest.mark.parametrize(
    "body",
    [
        "See [our offer](https://cheap.example/pills)",
        "Visit https://cheap.example now",
        "Visit www.cheap.example now",
        "<https://cheap.example>",
        "Write to mailto:sales@cheap.example",
    ],
)
def test_new_accounts_cannot_post_links(client, new_member, e_democracy, body):
    thread = start_thread(e_democracy)
    client.force_login(new_member)

    response = client.post(reply_url(thread), {"body": body})

    summary = error_summary(response.content.decode())
    assert "New members cannot post links during their first 24 hours" in summary
    assert "Remove the link, or post it after" in summary
    assert textarea_text(response.content.decode()) == body
    assert Post.objects.count() == 1


def test_new_accounts_cannot_put_links_in_a_thread_title(client, new_member, e_democracy):
    client.force_login(new_member)
    response = client.post(
        reverse("forums:new_thread", args=[e_democracy.slug]),
        {"title": "Cheap at www.cheap.example", "body": "No link here"},
    )
    assert "New members cannot post links" in text_of(response.content.decode())


def test_new_accounts_may_post_without_links_and_older_ones_with(
    client, new_member, member, e_democracy
):
    thread = start_thread(e_democracy)
    client.force_login(new_member)
    assert client.post(reply_url(thread), {"body": "Hello, I am new here."}).status_code == 302
    client.force_login(member)
    assert (
        client.post(
            reply_url(thread), {"body": "See [the plan](https://example.org/plan)."}
        ).status_code
        == 302
    )
