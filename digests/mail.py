"""The e-mail itself: an HTML part styled like GOV.UK with inline styles (mail programs drop
style sheets) and no images, a plain-text part with the same content, and the RFC 8058
one-click unsubscribe headers.

A batch renders through one Renderer: a section that many members share (everything new
on the same topics, the same saved search) is rendered once, and the addresses every
e-mail carries are worked out once.
"""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import get_template
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import escape

from core.mail import single_line

from .items import absolute
from .models import Frequency
from .tokens import link_key_of, make_token

SUBJECT_KIND = {
    Frequency.DAILY: "daily",
    Frequency.WEEKLY: "weekly",
    Frequency.MONTHLY: "monthly",
}
# Placeholders of what differs from one member's e-mail to the next: letters only, so that
# neither escaping nor line folding changes them.
SLOTS = {
    name: f"LCSLOT{name.upper().replace('_', '')}X"
    for name in ("subject", "greeting", "since", "unsubscribe_url", "sections")
}
TOKEN_SLOT = "token-slot"  # noqa: S105 - a placeholder in a URL, not a secret


def list_name(kind) -> str:
    if kind == Frequency.IMMEDIATELY:
        return "e-mails about new forum posts as they happen"
    return f"{SUBJECT_KIND[kind]} digest"


def subject(digest) -> str:
    if digest.kind == Frequency.IMMEDIATELY:
        section = digest.sections[0]
        return single_line(f"{section.heading}: {section.items[0].title}")
    count = digest.item_count
    return (
        f"Your {SUBJECT_KIND[digest.kind]} LondonConnects digest: "
        f"{count} new item{'s' if count != 1 else ''}"
    )


class Renderer:
    def __init__(self):
        self.site_url = settings.SITE_URL.rstrip("/")
        self.manage_url = absolute(reverse("digests:subscriptions"))
        self.unsubscribe_base = absolute(
            reverse("digests:unsubscribe", kwargs={"token": TOKEN_SLOT})
        )
        self.templates = {
            name: get_template(f"digests/email/{name}")
            for name in ("digest.txt", "digest.html", "_section.txt", "_section.html")
        }
        self._sections = {}
        self._skeletons = {}

    def unsubscribe_url(self, member, kind):
        token = make_token(member.pk, kind, link_key_of(member))
        return self.unsubscribe_base.replace(TOKEN_SLOT, token)

    def _section(self, section):
        """(text, HTML) of a section, rendered once however many members it goes to. The
        cache holds the section itself, so its id is not reused while the batch runs."""
        cached = self._sections.get(id(section))
        if cached is None or cached[0] is not section:
            data = {"section": section}
            cached = (
                section,
                self.templates["_section.txt"].render(data),
                self.templates["_section.html"].render(data),
            )
            self._sections[id(section)] = cached
        return cached[1], cached[2]

    def _skeleton(self, kind):
        """The text and HTML of an e-mail of `kind` with slots for what differs by member,
        rendered once: filling the slots costs far less than rendering each e-mail."""
        if kind not in self._skeletons:
            data = {
                "kind": kind,
                "site_url": self.site_url,
                "manage_url": self.manage_url,
                "list_name": list_name(kind),
                **SLOTS,
            }
            self._skeletons[kind] = (
                self.templates["digest.txt"].render(data),
                self.templates["digest.html"].render(data),
            )
        return self._skeletons[kind]

    def render(self, member, digest):
        """(subject, plain text, HTML, unsubscribe URL) of `digest` for `member`."""
        parts = [self._section(section) for section in digest.sections]
        unsubscribe = self.unsubscribe_url(member, digest.kind)
        subject_line = subject(digest)
        name = member.full_name.strip() if member.full_name else ""
        values = {
            "subject": subject_line,
            "greeting": f"Hello {name}," if name else "Hello,",
            "since": date_format(timezone.localtime(digest.since), "j F Y, H:i"),
            "unsubscribe_url": unsubscribe,
        }
        text, html = self._skeleton(digest.kind)
        for name, slot in SLOTS.items():
            if name == "sections":
                continue
            text = text.replace(slot, values[name])
            html = html.replace(slot, escape(values[name]))
        text = text.replace(SLOTS["sections"], "".join(t for t, _ in parts))
        html = html.replace(SLOTS["sections"], "".join(h for _, h in parts))
        return subject_line, text, html, unsubscribe

    def message(self, member, address, digest, connection=None) -> EmailMultiAlternatives:
        subject_line, text, html, unsubscribe = self.render(member, digest)
        email = EmailMultiAlternatives(
            subject=subject_line,
            body=text,
            from_email=settings.DEFAULT_FROM_EMAIL,
            to=[address],
            connection=connection,
            headers={
                "List-Unsubscribe": f"<{unsubscribe}>",
                "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
                "Auto-Submitted": "auto-generated",
            },
        )
        email.attach_alternative(html, "text/html")
        return email


def render(member, digest):
    """(subject, plain text, HTML) of one digest, outside a batch (the admin's preview)."""
    return Renderer().render(member, digest)[:3]


def message(member, address, digest, connection=None):
    return Renderer().message(member, address, digest, connection=connection)
