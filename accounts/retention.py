"""How long the records about people who sign in are kept, and erasing them for one person.

django-axes records every attempt to sign in (the address tried, the IP address, the
browser): kept LOGIN_RECORDS_RETENTION_DAYS, enough to look into an attack. The admin log
keeps what staff did to each account, naming it, and outlives the account: an entry about a
deleted account is kept as it is for DELETED_ACCOUNT_LOG_RETENTION_DAYS, then keeps what was
done and when but no longer whose account it was. (django-simple-history's rows lose a
deleted account at once: their history_user is set to null.)
"""

import datetime

from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.conf import settings
from django.contrib.admin.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.db.models import CharField
from django.db.models.functions import Cast
from django.utils import timezone

from .models import User

LOGIN_RECORDS = (AccessAttempt, AccessFailureLog, AccessLog)


def _before(days: int):
    return timezone.now() - datetime.timedelta(days=days)


def purge_login_records() -> int:
    """Remove the records of signing in older than the retention period; how many went."""
    cutoff = _before(settings.LOGIN_RECORDS_RETENTION_DAYS)
    return sum(model.objects.filter(attempt_time__lt=cutoff).delete()[0] for model in LOGIN_RECORDS)


def _deleted_accounts_log():
    """The admin log's entries about accounts that no longer exist."""
    live = User.objects.annotate(key=Cast("pk", CharField())).values("key")
    return LogEntry.objects.filter(content_type=ContentType.objects.get_for_model(User)).exclude(
        object_id__in=live
    )


def _anonymise(entries) -> int:
    """Keep what was done and when; not whose account it was (its number stays)."""
    count = 0
    for pk, object_id in entries.values_list("pk", "object_id"):
        count += LogEntry.objects.filter(pk=pk).update(
            object_repr=f"Deleted account {object_id}", change_message=""
        )
    return count


def anonymise_deleted_accounts_log() -> int:
    cutoff = _before(settings.DELETED_ACCOUNT_LOG_RETENTION_DAYS)
    return _anonymise(_deleted_accounts_log().filter(action_time__lt=cutoff))


def erase_login_records(email: str) -> int:
    """Erasing a person: their records of signing in, unless an account still has their
    address (those belong to the account, and go with it or with time)."""
    if not email or User.objects.filter(email__iexact=email).exists():
        return 0
    return sum(model.objects.filter(username__iexact=email).delete()[0] for model in LOGIN_RECORDS)


def erase_deleted_account_log(email: str, names=()) -> int:
    """Erasing a person: the admin log's entries about a deleted account of theirs, which
    name it by its name or address (User.__str__)."""
    wanted = [value for value in (email, *names) if value]
    if not wanted:
        return 0
    entries = _deleted_accounts_log()
    matching = entries.none()
    for value in wanted:
        matching = matching | entries.filter(object_repr__iexact=value)
    return _anonymise(matching)
