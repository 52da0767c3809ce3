"""Records of signing in (django-axes: the addresses tried and the IP addresses) and the admin
log's entries about accounts since deleted are kept only so long: a nightly task removes the
first and anonymises the second once they are older than their settings allow."""

import datetime

import pytest
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.conf import settings
from django.contrib.admin.models import DELETION, LogEntry
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse
from django.utils import timezone

from accounts.models import User
from accounts.tasks import purge_expired_personal_records
from londonconnects.celery import app
from tests.factories import SuperUserFactory, UserFactory

pytestmark = pytest.mark.django_db

PASSWORD = "correct-horse-battery"


def sign_in(client, email, password, address):
    return client.post(
        "/accounts/login/", {"login": email, "password": password}, REMOTE_ADDR=address
    )


def days_ago(days):
    return timezone.now() - datetime.timedelta(days=days)


def test_login_records_older_than_the_retention_period_are_removed(client, settings):
    settings.AXES_ENABLE_ACCESS_FAILURE_LOG = True
    settings.LOGIN_RECORDS_RETENTION_DAYS = 30
    UserFactory(email="old.officer@example.org")
    UserFactory(email="new.officer@example.org")
    # A success first: axes forgets the failures before a success (AXES_RESET_ON_SUCCESS).
    sign_in(client, "old.officer@example.org", PASSWORD, "192.0.2.1")
    client.logout()
    sign_in(client, "old.officer@example.org", "wrong-password", "192.0.2.1")
    for model in (AccessAttempt, AccessFailureLog, AccessLog):
        assert model.objects.filter(username="old.officer@example.org").exists(), model
        model.objects.update(attempt_time=days_ago(31))
    sign_in(client, "new.officer@example.org", PASSWORD, "192.0.2.2")
    client.logout()
    sign_in(client, "new.officer@example.org", "wrong-password", "192.0.2.2")

    purge_expired_personal_records.delay()

    for model in (AccessAttempt, AccessFailureLog, AccessLog):
        usernames = set(model.objects.values_list("username", flat=True))
        assert usernames == {"new.officer@example.org"}, model
    assert not AccessLog.objects.filter(ip_address="192.0.2.1").exists()


def test_the_admin_log_of_a_deleted_account_is_anonymised_after_the_retention_period(
    client, admin_login, settings
):
    settings.DELETED_ACCOUNT_LOG_RETENTION_DAYS = 60
    admin = SuperUserFactory(email="site.admin@example.org", full_name="Site Admin")
    admin_login(client, admin)
    leaving = UserFactory(email="leaving.member@example.org", full_name="Leonie Leaving")
    staying = UserFactory(email="staying.member@example.org", full_name="Stella Staying")
    recently_gone = UserFactory(email="recently.gone@example.org", full_name="Rita Recent")
    user_type = ContentType.objects.get_for_model(User)
    for user in (leaving, staying):
        LogEntry.objects.log_actions(admin.pk, [user], 2, change_message="Changed e-mail.")
    for user in (leaving, recently_gone):
        url = reverse("admin:accounts_user_delete", args=[user.pk])
        assert client.post(url, {"post": "yes"}).status_code == 302
    assert LogEntry.objects.filter(
        content_type=user_type, object_repr="Leonie Leaving", action_flag=DELETION
    ).exists()
    LogEntry.objects.filter(object_id__in=[str(leaving.pk), str(staying.pk)]).update(
        action_time=days_ago(61)
    )

    purge_expired_personal_records.delay()

    about_leaving = LogEntry.objects.filter(content_type=user_type, object_id=str(leaving.pk))
    assert about_leaving.count() == 2  # what was done, and when, is kept ...
    assert set(about_leaving.values_list("object_repr", "change_message")) == {
        (f"Deleted account {leaving.pk}", "")  # ... not whose account it was
    }
    # A live account's entries, and a recent deletion's, are kept as they are.
    assert LogEntry.objects.get(object_id=str(staying.pk)).object_repr == "Stella Staying"
    assert LogEntry.objects.get(object_id=str(recently_gone.pk)).object_repr == "Rita Recent"


def test_a_deleted_accounts_history_rows_no_longer_name_it(org):
    from tests.projects.factories import ProjectFactory

    editor = UserFactory(email="history.editor@example.org")
    project = ProjectFactory(lead_organisation=org("newham"))
    project.history.update(history_user=editor)
    editor.delete()
    assert project.history.exists()
    assert not project.history.exclude(history_user_id=None).exists()


def test_the_nightly_tasks_are_scheduled_and_registered():
    tasks = {entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()}
    for name in (
        "accounts.tasks.purge_expired_personal_records",
        "contacts.tasks.anonymise_closed_correction_requests",
    ):
        assert name in tasks and name in app.tasks, name
