"""The e-mail itself: an HTML part styled like GOV.UK with inline styles (mail programs drop
style sheets) and no images, a plain-text part with the same content, and the RFC 8058
one-click unsubscribe headers."""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import get_template
from django.urls import reverse

from .models import Frequency
from .news import absolute
from .tokens import make_token

SUBJECT_KIND = {
    Frequency.DAILY: "daily",
    Frequency.WEEKLY: "weekly",
    Frequency.MONTHLY: "monthly",
}


def unsubscribe_url(member_id, kind):
    return absolute(reverse("digests:unsubscribe", kwargs={"token": make_token(member_id, kind)}))


def subject(digest) -> str:
    if digest.kind == Frequency.IMMEDIATELY:
        section = digest.sections[0]
        return f"{section.heading}: {section.items[0].title}"
    count = digest.item_count
    return (
        f"Your {SUBJECT_KIND[digest.kind]} LondonConnects digest: "
        f"{count} new item{'s' if count != 1 else ''}"
    )


def context(member, digest):
    return {
        "digest": digest,
        "subject": subject(digest),
        "member_name": member.full_name.strip() if member.full_name else "",
        "site_url": settings.SITE_URL.rstrip("/"),
        "manage_url": absolute(reverse("digests:subscriptions")),
        "unsubscribe_url": unsubscribe_url(member.pk, digest.kind),
        "list_name": list_name(digest.kind),
    }


def list_name(kind) -> str:
    if kind == Frequency.IMMEDIATELY:
        return "e-mails about new forum posts as they happen"
    return f"{SUBJECT_KIND[kind]} digest"


def render(member, digest) -> tuple[str, str, str]:
    """(subject, plain text, HTML) of `digest` for `member`."""
    data = context(member, digest)
    text = get_template("digests/email/digest.txt").render(data)
    html = get_template("digests/email/digest.html").render(data)
    return data["subject"], text, html


def message(member, address, digest, connection=None) -> EmailMultiAlternatives:
    subject_line, text, html = render(member, digest)
    url = unsubscribe_url(member.pk, digest.kind)
    email = EmailMultiAlternatives(
        subject=subject_line,
        body=text,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[address],
        connection=connection,
        headers={
            "List-Unsubscribe": f"<{url}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
            "Auto-Submitted": "auto-generated",
        },
    )
    email.attach_alternative(html, "text/html")
    return email
