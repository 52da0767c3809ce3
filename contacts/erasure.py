"""Erasure of a contact (UK GDPR Article 17): nothing of the person is left behind in the
database, the search index or the cache.

What goes, in one transaction: the contact, its history (django-simple-history keeps a full
copy of every version), the admin log entries about it, its tag and role-area links. Requests
that name it keep their kind, dates and outcome, so the site can show it answered in time,
but lose the requester's name, e-mail address and words. After the commit, the contact's
search document is purged (see `purge_from_search_index`) and the directory's cache dropped.
"""

from dataclasses import dataclass

from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from haystack.utils import get_identifier

from .cache import drop_directory_cache
from .models import Contact, CorrectionRequest
from .tasks import purge_from_search_index


@dataclass(frozen=True)
class ErasureReport:
    contact_pk: int
    history_rows: int
    log_entries: int
    requests_anonymised: int


def erase_contact(contact: Contact, acting_user) -> ErasureReport:
    pk = contact.pk
    identifier = get_identifier(contact)
    with transaction.atomic():
        contact.topics.clear()
        contact.role_areas.clear()
        requests = CorrectionRequest.objects.select_for_update().filter(contact=contact)
        request_pks = list(requests.values_list("pk", flat=True))
        requests.update(requester_name="", requester_email="", details="", anonymised=True)
        log_entries, _ = LogEntry.objects.filter(
            content_type=ContentType.objects.get_for_model(Contact), object_id=str(pk)
        ).delete()
        contact.delete()
        # After the delete: django-simple-history records the deletion as one more version.
        history_rows, _ = Contact.history.model.objects.filter(id=pk).delete()
        _record_erasure(acting_user, request_pks, pk)
        transaction.on_commit(lambda: purge_from_search_index.delay(identifier))
        transaction.on_commit(drop_directory_cache)
    return ErasureReport(
        contact_pk=pk,
        history_rows=history_rows,
        log_entries=log_entries,
        requests_anonymised=len(request_pks),
    )


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
