import datetime
import smtplib

from celery import shared_task
from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from haystack import connections
from whoosh.index import LockError

from core.mail import quoted, single_line

from .models import Contact, CorrectionRequest, RequestStatus

# Lapsed entries are dropped from the index nightly; looking back a week covers missed nights.
LAPSED_LOOKBACK_DAYS = 7


@shared_task(autoretry_for=(smtplib.SMTPException, OSError), retry_backoff=True, max_retries=6)
def send_correction_request_emails(request_pk):
    """A receipt to the requester and a notice to the directory's managers, on one connection."""
    request = CorrectionRequest.objects.select_related("contact").filter(pk=request_pk).first()
    if request is None or request.anonymised:
        return 0
    context = {
        "request": request,
        # A name is one line: the receipt may reach someone who never used the form.
        "quoted_name": quoted(single_line(request.requester_name)),
        "quoted_request": quoted(
            f"Name: {single_line(request.requester_name)}\n"
            f"E-mail address: {request.requester_email}\n\n{request.details}"
        ),
        "site_url": settings.SITE_URL,
        "admin_url": settings.SITE_URL
        + reverse("admin:contacts_correctionrequest_change", args=[request.pk]),
    }
    messages = [
        EmailMessage(
            subject=single_line(f"We have your request {request.reference}"),
            body=render_to_string("contacts/email/request_receipt.txt", context),
            to=[request.requester_email],
        ),
        EmailMessage(
            subject=single_line(
                f"Directory request {request.reference}: {request.get_kind_display()}, "
                f"answer by {request.respond_by:%d %B %Y}"
            ),
            body=render_to_string("contacts/email/request_notice.txt", context),
            to=list(settings.DIRECTORY_REQUESTS_EMAIL),
            reply_to=[request.requester_email],
        ),
    ]
    with get_connection() as connection:
        return connection.send_messages(messages)


@shared_task
def anonymise_closed_correction_requests():
    """Nightly: a request closed more than CORRECTION_REQUEST_RETENTION_DAYS ago keeps its
    kind, dates and outcome (to show it was answered in time) but not who asked or their
    words, whether or not it names an entry."""
    cutoff = timezone.now() - datetime.timedelta(days=settings.CORRECTION_REQUEST_RETENTION_DAYS)
    return (
        CorrectionRequest.objects.exclude(status=RequestStatus.OPEN)
        .filter(anonymised=False)
        .filter(Q(closed_at__lt=cutoff) | Q(closed_at__isnull=True, received_at__lt=cutoff))
        .update(requester_name="", requester_email="", details="", anonymised=True)
    )


@shared_task(autoretry_for=(LockError, OSError), retry_backoff=True, max_retries=6)
def drop_lapsed_contacts_from_search_index():
    """Entries past their review-by date are hidden; take the recently lapsed out of search.

    Saves keep the index in step; the passing of a date does not, so this runs nightly.
    """
    today = timezone.localdate()
    lapsed = Contact.objects.filter(
        review_by__lt=today,
        review_by__gte=today - datetime.timedelta(days=LAPSED_LOOKBACK_DAYS),
    ).values_list("pk", flat=True)
    backend = connections["default"].get_backend()
    removed = 0
    for pk in lapsed.iterator(chunk_size=500):
        backend.remove(f"contacts.contact.{pk}")
        removed += 1
    return removed


@shared_task(autoretry_for=(LockError, OSError), retry_backoff=True, max_retries=6)
def purge_from_search_index(identifier):
    """Remove a document so that none of its words remain in the index.

    Whoosh only marks a removed document deleted: its words stay in the term list, and so
    in spelling suggestions, until the segment is merged. Optimising rewrites the index
    without them. It costs a full merge, which erasures are rare enough to afford.
    """
    backend = connections["default"].get_backend()
    backend.remove(identifier)
    index = getattr(backend, "index", None)
    if index is not None and hasattr(index, "optimize"):
        index.optimize()
