"""Personal data outside a directory entry: a closed correction request keeps the requester's
name, address and words only for CORRECTION_REQUEST_RETENTION_DAYS, and erasing a person
reaches past their entry, to their requests about other entries or none, their records of
signing in and the admin log of an account of theirs since deleted."""

import datetime

import pytest
from axes.models import AccessAttempt, AccessLog
from django.contrib.admin.models import DELETION, LogEntry
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone

from accounts.models import User
from contacts.erasure import erase_contact
from contacts.models import CorrectionRequest, RequestKind, RequestStatus
from contacts.tasks import anonymise_closed_correction_requests
from tests.factories import ContactFactory, SuperUserFactory, UserFactory

from .test_erasure import rows_mentioning

pytestmark = pytest.mark.django_db

NAME = "Ottoline Fairweather-Quist"
EMAIL = "ottoline.quist.4471@example.org"
NEEDLES = ("Fairweather-Quist", "ottoline.quist")


def days_ago(days):
    return timezone.now() - datetime.timedelta(days=days)


def a_request(**fields):
    values = {
        "kind": RequestKind.CORRECT,
        "requester_name": "Someone Asking",
        "requester_email": "someone.asking@example.org",
        "details": "My job title is out of date.",
    }
    return CorrectionRequest.objects.create(**{**values, **fields})


def test_closed_requests_lose_the_requesters_details_after_the_retention_period(settings):
    settings.CORRECTION_REQUEST_RETENTION_DAYS = 365
    old_unlinked = a_request(status=RequestStatus.DONE, closed_at=days_ago(366))
    old_refused = a_request(
        contact=ContactFactory(), status=RequestStatus.REFUSED, closed_at=days_ago(400),
        outcome="We keep public officers' work details.",
    )  # fmt: skip
    recently_closed = a_request(status=RequestStatus.DONE, closed_at=days_ago(30))
    still_open = a_request(received_at=days_ago(500))

    anonymise_closed_correction_requests.delay()

    for request in (old_unlinked, old_refused):
        request.refresh_from_db()
        assert request.anonymised
        assert (request.requester_name, request.requester_email, request.details) == ("", "", "")
    assert old_refused.outcome == "We keep public officers' work details."  # kept: no one's
    for request in (recently_closed, still_open):
        request.refresh_from_db()
        assert not request.anonymised and request.requester_email == "someone.asking@example.org"


@pytest.fixture
def person(client, reference_data):
    """A person with an entry, who also asked about another entry and about none, signed in
    (and failed to) with an account since deleted in admin."""
    contact = ContactFactory(name=NAME, email=EMAIL)
    a_request(contact=ContactFactory(), requester_name=NAME, requester_email=EMAIL.upper(),
              details="Please correct my colleague's phone number.")  # fmt: skip
    a_request(requester_name="Their manager", details=f"{NAME} has left: remove her entry.")
    bystander = a_request(details="Remove the entry for Wendell Bystander.")
    account = UserFactory(email=EMAIL, full_name=NAME)
    # Signed in, then failed: a success would clear earlier failures (AXES_RESET_ON_SUCCESS).
    client.post("/accounts/login/", {"login": EMAIL, "password": "correct-horse-battery"})
    client.logout()
    client.post("/accounts/login/", {"login": EMAIL, "password": "wrong-password"})
    assert AccessAttempt.objects.filter(username=EMAIL).exists()
    assert AccessLog.objects.filter(username=EMAIL).exists()
    admin = SuperUserFactory(email="site.admin@example.org", full_name="Site Admin")
    LogEntry.objects.log_actions(admin.pk, [account], DELETION)
    User.objects.filter(pk=account.pk).delete()
    AccessAttempt.objects.create(username="someone.else@example.org", failures_since_start=1)
    return {"contact": contact, "bystander": bystander, "admin": admin}


def test_erasing_a_person_reaches_their_other_requests_logins_and_deleted_accounts_log(
    person, django_capture_on_commit_callbacks
):
    assert rows_mentioning(NEEDLES)
    with django_capture_on_commit_callbacks(execute=True):
        report = erase_contact(person["contact"], person["admin"])

    assert rows_mentioning(NEEDLES) == []
    assert report.other_requests_anonymised == 2
    assert report.login_records == 2
    assert report.account_log_entries == 1
    assert CorrectionRequest.objects.filter(anonymised=True).count() == 2
    person["bystander"].refresh_from_db()
    assert person["bystander"].requester_email == "someone.asking@example.org"
    assert AccessAttempt.objects.filter(username="someone.else@example.org").exists()
    user_type = ContentType.objects.get_for_model(User)
    assert LogEntry.objects.filter(content_type=user_type, action_flag=DELETION).exists()


def test_a_person_who_still_has_an_account_keeps_its_login_records(
    client, reference_data, django_capture_on_commit_callbacks
):
    contact = ContactFactory(name=NAME, email=EMAIL)
    UserFactory(email=EMAIL)
    client.post("/accounts/login/", {"login": EMAIL, "password": "wrong-password"})
    with django_capture_on_commit_callbacks(execute=True):
        report = erase_contact(contact, SuperUserFactory())
    assert report.login_records == 0
    assert AccessAttempt.objects.filter(username=EMAIL).exists()
