"""One-click unsubscribe tokens: the member, the list (daily, weekly, monthly or the
immediate forum e-mails) and the member's current link key, signed with the site's key under
a salt of their own, so a token works without signing in, cannot be forged, and is good for
nothing else.

The link key (Subscriber.link_key) is replaced whenever the member changes their
subscriptions: the tokens in the e-mails sent before then stop working. A member who has
never changed anything has the empty key (so have the tokens made before keys existed)."""

import secrets

from django.core import signing
from django.utils.crypto import constant_time_compare

from .models import Frequency, Subscriber

SALT = "digests.unsubscribe"
LISTS = {f.value for f in Frequency if f != Frequency.OFF}


def new_link_key() -> str:
    return secrets.token_urlsafe(16)


def link_key_of(member) -> str:
    """The key the member's links carry now: from the Subscriber a batch loaded with the
    member (digests.members.load_batch), otherwise read."""
    if hasattr(member, "subscriber"):
        return member.subscriber.link_key if member.subscriber is not None else ""
    found = Subscriber.objects.filter(member=member).values_list("link_key", flat=True).first()
    return found or ""


def make_token(member_id: int, kind: str, key: str = "") -> str:
    value = f"{member_id}.{kind}.{key}" if key else f"{member_id}.{kind}"
    return signing.Signer(salt=SALT).sign(value)


def read_token(token: str) -> tuple[int, str, str]:
    """(member id, list, link key); signing.BadSignature for anything not made by
    make_token."""
    parts = signing.Signer(salt=SALT).unsign(token).split(".")
    if len(parts) == 2:
        parts.append("")
    if len(parts) != 3 or not parts[0].isdigit() or parts[1] not in LISTS:
        raise signing.BadSignature("Not an unsubscribe token.")
    member_id, kind, key = parts
    return int(member_id), kind, key


def is_current(member, key: str) -> bool:
    """Whether a token's key is the member's key now: not retired by a later change."""
    return constant_time_compare(link_key_of(member), key)
