"""Forum template helpers: members' names as the forums show them, and times.

`{% timestamp value %}` renders a <time> element with the absolute date and time in
Europe/London and the relative wording ("3 hours ago"), both on the server, so pages need
no JavaScript and never show a time that differs from the machine-readable one.
"""

from django import template
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.timesince import timesince

from forums.models import removed_text_retention

register = template.Library()


@register.filter
def member_name(user):
    """The name a member posts under; never their e-mail address."""
    if user is None:
        return "Former member"
    return user.full_name.strip() or f"Member {user.pk}"


def relative_time(value, now=None):
    now = now or timezone.now()
    if value > now or (now - value).total_seconds() < 60:
        return "just now"
    return f"{timesince(value, now, depth=1)} ago"


@register.simple_tag
def timestamp(value, now=None):
    if value is None:
        return ""
    local = timezone.localtime(value)
    return format_html(
        '<time datetime="{}">{} <span class="lc-time__absolute">({})</span></time>',
        local.isoformat(timespec="seconds"),
        relative_time(value, now),
        date_format(local, "j F Y, g:i a"),
    )


@register.filter
def organisations_of(user):
    """The organisations a partner member belongs to, as one line ("" for others)."""
    if user is None:
        return ""
    return ", ".join(organisation.name for organisation in user.organisations.all())


@register.simple_tag
def removed_text_retention_days():
    """How many days removed and replaced forum text is kept (the privacy notice says)."""
    return removed_text_retention().days
