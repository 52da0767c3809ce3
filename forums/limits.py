"""Rate limits and the new-account rules, counted from the posts themselves.

Counting posts in the database (indexed on author and time) needs no cache to agree between
web processes, and a limit can never be dodged by a cache eviction. Settings:
FORUMS_POSTS_PER_MINUTE (everyone), FORUMS_NEW_ACCOUNT_HOURS and
FORUMS_NEW_ACCOUNT_POSTS_PER_HOUR (accounts younger than that, who also may not post links).
"""

import datetime
import re

from django.conf import settings
from django.utils import timezone
from django.utils.formats import date_format

from core.markdown import render_markdown

# A bare address counts as a link too: readers copy it, and spammers rely on that.
_BARE_LINK = re.compile(r"(?i)\b(?:https?://|www\.)|\bmailto:")


def posts_per_minute():
    return getattr(settings, "FORUMS_POSTS_PER_MINUTE", 3)


def new_account_hours():
    return getattr(settings, "FORUMS_NEW_ACCOUNT_HOURS", 24)


def new_account_posts_per_hour():
    return getattr(settings, "FORUMS_NEW_ACCOUNT_POSTS_PER_HOUR", 3)


def new_account_until(user, now=None):
    """When `user` stops being a new account, or None if they already have."""
    now = now or timezone.now()
    ends = user.date_joined + datetime.timedelta(hours=new_account_hours())
    return ends if now < ends else None


def _clock(moment):
    return date_format(timezone.localtime(moment), "g:i a")


def _day_and_clock(moment):
    return date_format(timezone.localtime(moment), "g:i a \\o\\n j F")


def contains_link(text):
    return bool(_BARE_LINK.search(text)) or "<a " in render_markdown(text)


def link_refusal(user, text, now=None):
    """A message when a new account's text holds a link, else None."""
    until = new_account_until(user, now)
    if until is None or not contains_link(text):
        return None
    return (
        f"New members cannot post links during their first {new_account_hours()} hours. "
        f"Remove the link, or post it after {_day_and_clock(until)}."
    )


def rate_refusal(user, now=None):
    """A message when `user` has posted as often as they may for now, else None."""
    from .models import Post

    now = now or timezone.now()
    times = sorted(
        Post.objects.filter(
            author=user, created_at__gt=now - datetime.timedelta(hours=1)
        ).values_list("created_at", flat=True)
    )
    last_minute = [moment for moment in times if moment > now - _MINUTE]
    if len(last_minute) >= posts_per_minute():
        return (
            f"You can post {posts_per_minute()} times a minute. Wait a minute, then send "
            "your post again: what you wrote is still here."
        )
    if new_account_until(user, now) is not None:
        allowed = new_account_posts_per_hour()
        if len(times) >= allowed:
            next_allowed = times[-allowed] + datetime.timedelta(hours=1)
            return (
                f"New members can post {allowed} times an hour during their first "
                f"{new_account_hours()} hours. You can post again at {_clock(next_allowed)}: "
                "what you wrote is still here."
            )
    return None


_MINUTE = datetime.timedelta(minutes=1)
