"""Erasure of a contact (UK GDPR Article 17): nothing of the person is left behind in the
database, the search index or the cache.

What goes, in one transaction: the contact, its history (django-simple-history keeps a full
copy of every version), the admin log entries about it, its tag and role-area links. Requests
that name it keep their kind, dates and outcome, so the site can show it answered in time,
but lose the requester's name, e-mail address and words. After the commit, the contact's
search document is purged (see `purge_from_search_index`) and the directory's cache dropped.

Erasing the person reaches past the entry too: the requests they sent (about other entries
or none, known by their address) and those about no entry that name them lose the same
details; their records of signing in go (unless an account still has their address), and
the admin log's entries about an account of theirs since deleted no longer name it
(accounts/retention.py).
"""

from dataclasses import dataclass

from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import Q
from haystack.utils import get_identifier

from accounts import retention

from .cache import drop_directory_cache
from .models import Contact, CorrectionRequest
from .tasks import purge_from_search_index

ANONYMISED = {"requester_name": "", "requester_email": "", "details": "", "anonymised": True}


@dataclass(frozen=True)
class ErasureReport:
    contact_pk: int
    history_rows: int
    log_entries: int
    requests_anonymised: int
    other_requests_anonymised: int
    login_records: int
    account_log_entries: int


def erase_contact(contact: Contact, acting_user) -> ErasureReport:
    pk = contact.pk
    identifier = get_identifier(contact)
    email, name = contact.email.strip(), contact.name.strip()
    with transaction.atomic():
        contact.topics.clear()
        contact.role_areas.clear()
        requests = CorrectionRequest.objects.select_for_update().filter(contact=contact)
        request_pks = list(requests.values_list("pk", flat=True))
        requests.update(**ANONYMISED)
        other_requests = (
            CorrectionRequest.objects.filter(_sent_by_or_naming(email, name))
            .exclude(pk__in=request_pks)
            .filter(anonymised=False)
            .update(**ANONYMISED)
        )
        log_entries, _ = LogEntry.objects.filter(
            content_type=ContentType.objects.get_for_model(Contact), object_id=str(pk)
        ).delete()
        contact.delete()
        # After the delete: django-simple-history records the deletion as one more version.
        history_rows, _ = Contact.history.model.objects.filter(id=pk).delete()
        login_records = retention.erase_login_records(email)
        account_log_entries = retention.erase_deleted_account_log(email, names=[name])
        _record_erasure(acting_user, request_pks, pk)
        transaction.on_commit(lambda: purge_from_search_index.delay(identifier))
        transaction.on_commit(drop_directory_cache)
    return ErasureReport(
        contact_pk=pk,
        history_rows=history_rows,
        log_entries=log_entries,
        requests_anonymised=len(request_pks),
        other_requests_anonymised=other_requests,
        login_records=login_records,
        account_log_entries=account_log_entries,
    )


def _sent_by_or_naming(email, name) -> Q:
    """Requests the person sent (by their address), and those about no entry that name
    them, where the requester had to say whom they meant."""
    sent_by = Q(requester_email__iexact=email) if email else Q(pk__in=[])
    if not name:
        return sent_by
    naming = Q(contact__isnull=True) & (Q(requester_name__iexact=name) | Q(details__icontains=name))
    return sent_by | naming


def _record_erasure(acting_user, request_pks, contact_pk):
    """Note on each request who erased the entry, naming the entry only by its number."""
    if acting_user is None or not request_pks:
        return
    content_type = ContentType.objects.get_for_model(CorrectionRequest)
    LogEntry.objects.bulk_create(
        LogEntry(
            user=acting_user,
            content_type=content_type,
            object_id=str(request_pk),
            object_repr=f"Request {request_pk}",
            action_flag=CHANGE,
            change_message=f"Erased contact entry {contact_pk} and anonymised this request.",
        )
        for request_pk in request_pks
    )
