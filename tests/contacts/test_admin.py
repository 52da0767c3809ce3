"""The directory's admin: scoped to the editor's organisations, reference facts kept by site
administrators, and requests (with erasure) handled by site administrators only."""

import datetime

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from contacts.models import (
    Contact,
    CorrectionRequest,
    Group,
    Organisation,
    RequestKind,
    RequestStatus,
)
from tests.factories import (
    ContactFactory,
    GroupFactory,
    PartnerEditorFactory,
    SuperUserFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def boroughs(reference_data):
    camden = Organisation.objects.get(slug="camden")
    newham = Organisation.objects.get(slug="newham")
    return {
        "camden": camden,
        "newham": newham,
        "camden_contact": ContactFactory(name="Carys Camden-Officer", organisation=camden),
        "newham_contact": ContactFactory(name="Nuno Newham-Officer", organisation=newham),
        "camden_group": GroupFactory(name="Camden Convened Group", convenor=camden),
        "newham_group": GroupFactory(name="Newham Convened Group", convenor=newham),
    }


@pytest.fixture
def camden_editor(client, admin_login, boroughs):
    return admin_login(client, PartnerEditorFactory(organisations=[boroughs["camden"]]))


def admin_url(obj, action):
    opts = obj._meta
    name = f"admin:{opts.app_label}_{opts.model_name}_{action}"
    return reverse(name) if action == "changelist" else reverse(name, args=[obj.pk])


@pytest.mark.parametrize(
    ("own", "other", "shown"),
    [
        ("camden", "newham", "London Borough of Camden"),
        ("camden_contact", "newham_contact", "Carys Camden-Officer"),
        ("camden_group", "newham_group", "Camden Convened Group"),
    ],
)
def test_a_camden_editor_cannot_reach_newhams_records(camden_editor, boroughs, own, other, shown):
    other_record = boroughs[other]
    listing = camden_editor.get(admin_url(other_record, "changelist"))

    assert listing.status_code == 200
    assert shown in listing.text
    assert str(other_record) not in listing.text
    for action in ("change", "delete", "history"):
        response = camden_editor.get(admin_url(other_record, action))
        assert response.status_code in (302, 403, 404), (action, response.status_code)
    camden_editor.post(admin_url(other_record, "delete"), {"post": "yes"})
    assert type(other_record).objects.filter(pk=other_record.pk).exists()
    assert camden_editor.get(admin_url(boroughs[own], "change")).status_code == 200


def test_an_editor_keeps_their_summary_but_not_the_reference_facts(camden_editor, boroughs):
    html = camden_editor.get(admin_url(boroughs["camden"], "change")).text

    assert 'name="summary"' in html and 'name="website"' in html
    for fact in ("name", "kind", "sub_region", "status", "successor"):
        assert f'name="{fact}"' not in html, fact


def test_requests_are_for_site_administrators_only(camden_editor, boroughs):
    request = CorrectionRequest.objects.create(
        contact=boroughs["camden_contact"],
        kind=RequestKind.CORRECT,
        requester_name="Carys",
        requester_email="carys@example.org",
        details="New job title.",
    )
    assert (
        camden_editor.get(reverse("admin:contacts_correctionrequest_changelist")).status_code == 403
    )
    assert camden_editor.get(admin_url(request, "change")).status_code in (302, 403)
    assert "Correction requests" not in camden_editor.get(reverse("admin:index")).text


def make_request(contact=None, received_days_ago=0, status=RequestStatus.OPEN, name="Someone"):
    received = timezone.now() - datetime.timedelta(days=received_days_ago)
    return CorrectionRequest.objects.create(
        contact=contact,
        kind=RequestKind.REMOVE,
        requester_name=name,
        requester_email=f"{name.lower()}@example.org",
        details="Please remove my entry.",
        received_at=received,
        status=status,
    )


def test_overdue_requests_come_first(client, admin_login, boroughs):
    admin_login(client, SuperUserFactory())
    answered = make_request(received_days_ago=60, status=RequestStatus.DONE, name="Answered")
    recent = make_request(received_days_ago=1, name="Recent")
    overdue = make_request(received_days_ago=45, name="Overdue")

    response = client.get(reverse("admin:contacts_correctionrequest_changelist"))

    shown = list(response.context["cl"].result_list)
    assert shown == [overdue, recent, answered]
    assert "Overdue" in response.text and overdue.reference in response.text


def test_mark_done(client, admin_login, boroughs):
    administrator = SuperUserFactory()
    admin_login(client, administrator)
    request = make_request()

    client.post(
        reverse("admin:contacts_correctionrequest_changelist"),
        {"action": "mark_done", "_selected_action": [request.pk]},
    )

    request.refresh_from_db()
    assert request.status == RequestStatus.DONE
    assert request.handled_by == administrator and request.closed_at is not None


def test_erase_action_erases_the_entry_and_tells_the_requester(
    client, admin_login, boroughs, django_capture_on_commit_callbacks
):
    admin_login(client, SuperUserFactory())
    contact = boroughs["newham_contact"]
    request = make_request(contact=contact, name="Nuno")

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("admin:contacts_correctionrequest_changelist"),
            {"action": "erase_contact_entries", "_selected_action": [request.pk]},
            follow=True,
        )

    assert "Erased 1 contact entry" in response.text
    assert not Contact.objects.filter(pk=contact.pk).exists()
    assert not Contact.history.filter(id=contact.pk).exists()
    request.refresh_from_db()
    assert request.status == RequestStatus.DONE and request.anonymised
    assert request.requester_email == ""
    (message,) = mail.outbox
    assert message.to == ["nuno@example.org"] and request.reference in message.subject


def test_mark_reviewed_puts_lapsed_entries_back(client, admin_login, boroughs):
    admin_login(client, SuperUserFactory())
    contact = boroughs["camden_contact"]
    Contact.objects.filter(pk=contact.pk).update(
        review_by=timezone.localdate() - datetime.timedelta(days=3)
    )
    lapsed_list = client.get(reverse("admin:contacts_contact_changelist") + "?review=due").text
    assert "Carys Camden-Officer" in lapsed_list

    client.post(
        reverse("admin:contacts_contact_changelist"),
        {"action": "mark_reviewed", "_selected_action": [contact.pk]},
    )

    contact.refresh_from_db()
    assert not contact.is_due_for_review
    assert Contact.objects.public().filter(pk=contact.pk).exists()


def test_group_admin_offers_any_organisation_as_a_member(camden_editor, boroughs):
    response = camden_editor.get(reverse("admin:contacts_group_add"))
    assert response.status_code == 200
    assert Group.objects.count() == 2
