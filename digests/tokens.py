"""One-click unsubscribe tokens: the member and the list (daily, weekly, monthly or the
immediate forum e-mails), signed with the site's key under a salt of their own, so a
token works without signing in, cannot be forged, and is good for nothing else."""

from django.core import signing

from .models import Frequency

SALT = "digests.unsubscribe"
LISTS = {f.value for f in Frequency if f != Frequency.OFF}


def make_token(member_id: int, kind: str) -> str:
    return signing.Signer(salt=SALT).sign(f"{member_id}.{kind}")


def read_token(token: str) -> tuple[int, str]:
    """(member id, list); signing.BadSignature for anything not made by make_token."""
    value = signing.Signer(salt=SALT).unsign(token)
    member_id, _, kind = value.partition(".")
    if not member_id.isdigit() or kind not in LISTS:
        raise signing.BadSignature("Not an unsubscribe token.")
    return int(member_id), kind
