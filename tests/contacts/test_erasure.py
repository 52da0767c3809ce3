"""Erasure leaves nothing of the person behind: not in any table, the search index, the
cache or a rendered page."""

import pickle
from pathlib import Path

import pytest
from django.apps import apps
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.db import models
from django.db.models import Q
from django.urls import reverse
from haystack import connections
from haystack.query import SearchQuerySet

from contacts import cache as directory_cache
from contacts.erasure import erase_contact
from contacts.models import Contact, CorrectionRequest, RequestKind, RequestStatus, RoleArea
from contacts.reference_data import load_reference_data
from tests.factories import ContactFactory, GroupFactory, SuperUserFactory

pytestmark = pytest.mark.django_db

NAME = "Quenby Marchetti-Wolstenholme"
EMAIL = "quenby.wolstenholme.7719@example.org"
NEEDLES = ("Marchetti-Wolstenholme", "Wolstenholme", "quenby")


def rows_mentioning(needles):
    """Every row of every table (history tables included) with a text field containing one."""
    found = []
    for model in apps.get_models():
        text_fields = [
            field.name
            for field in model._meta.concrete_fields
            if isinstance(field, models.CharField | models.TextField)
        ]
        if not text_fields or model._meta.proxy:
            continue
        query = Q()
        for field in text_fields:
            for needle in needles:
                query |= Q(**{f"{field}__icontains": needle})
        found += [(model._meta.label, row) for row in model._base_manager.filter(query)]
    return found


def cached_values():
    if hasattr(cache, "keys"):  # django-redis
        return [pickle.dumps(value) for value in cache.get_many(cache.keys("*")).values()]
    return [bytes(value) for value in cache._cache.values()]  # local memory


def index_terms(backend):
    index = backend.index.refresh()
    with index.reader() as reader:
        return {
            term.decode(errors="replace")
            for field in reader.indexed_field_names()
            for term in reader.lexicon(field)
        }


@pytest.fixture
def person(search_index, django_capture_on_commit_callbacks, client):
    """A public entry, indexed, edited, logged, named in a request, convening a group, and
    shown on every page that could cache it."""
    load_reference_data()
    with django_capture_on_commit_callbacks(execute=True):
        contact = ContactFactory(
            name=NAME,
            slug="quenby-marchetti-wolstenholme",
            email=EMAIL,
            email_visibility="public",
            job_title="Head of Digital",
        )
        contact.role_areas.add(*RoleArea.objects.all()[:2])
        contact.topics.add("data protection")
        contact.job_title = "Head of Digital Services"
        contact.save()
        ContactFactory(name="Wendell Bystander")
    GroupFactory(convenor=contact.organisation, convenor_contact=contact)
    LogEntry.objects.create(
        user=SuperUserFactory(),
        content_type=ContentType.objects.get_for_model(Contact),
        object_id=str(contact.pk),
        object_repr=str(contact),
        action_flag=CHANGE,
        change_message=f"Changed job title of {NAME}.",
    )
    request = CorrectionRequest.objects.create(
        contact=contact,
        kind=RequestKind.REMOVE,
        requester_name=NAME,
        requester_email=EMAIL,
        details=f"Please remove the entry for {NAME}; I have moved on.",
    )
    for url in (
        "/",
        contact.get_absolute_url(),
        contact.organisation.get_absolute_url(),
        reverse("contacts:contact_list"),
        "/search/?q=Wolstenholme",
    ):
        assert client.get(url).status_code == 200
    assert SearchQuerySet().auto_query("Wolstenholme").count() == 1
    assert "wolstenholme" in index_terms(search_index)
    assert rows_mentioning(NEEDLES)
    return {
        "contact": contact,
        "request": request,
        "pages": [contact.organisation.get_absolute_url()],
    }


def test_erasure_leaves_nothing_in_any_table(person, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        report = erase_contact(person["contact"], SuperUserFactory())

    assert rows_mentioning(NEEDLES) == []
    assert report.history_rows >= 2 and report.log_entries == 1 and report.requests_anonymised == 1
    assert not Contact.history.filter(id=report.contact_pk).exists()
    assert not LogEntry.objects.filter(
        content_type__model="contact", object_id=str(report.contact_pk)
    ).exists()


def test_erasure_keeps_the_request_but_not_who_made_it(person, django_capture_on_commit_callbacks):
    acting = SuperUserFactory()
    with django_capture_on_commit_callbacks(execute=True):
        erase_contact(person["contact"], acting)

    request = CorrectionRequest.objects.get(pk=person["request"].pk)
    assert (request.requester_name, request.requester_email, request.details) == ("", "", "")
    assert request.anonymised and request.contact is None
    assert request.kind == RequestKind.REMOVE
    assert request.respond_by == person["request"].respond_by
    assert request.status == RequestStatus.OPEN
    note = LogEntry.objects.get(content_type__model="correctionrequest", object_id=str(request.pk))
    assert note.user == acting and "Erased contact entry" in note.change_message


def test_erasure_leaves_nothing_in_the_search_index(
    person, search_index, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        erase_contact(person["contact"], SuperUserFactory())

    assert SearchQuerySet().auto_query(NAME).count() == 0
    assert SearchQuerySet().auto_query(EMAIL).count() == 0
    terms = index_terms(search_index)
    assert not [term for term in terms if "wolstenholme" in term or "quenby" in term]
    suggestion = SearchQuerySet().spelling_suggestion("Wolstenholm") or ""
    assert "wolstenholme" not in suggestion.lower()
    index_dir = Path(connections["default"].get_backend().path)
    for segment in index_dir.iterdir():
        assert b"olstenholme" not in segment.read_bytes(), segment.name
    # The rest of the index is intact.
    assert SearchQuerySet().auto_query("Bystander").count() == 1


def test_erasure_leaves_nothing_in_the_cache_or_on_any_page(
    person, client, django_capture_on_commit_callbacks
):
    cache.set(directory_cache.PUBLIC_CONTACTS, 99)
    with django_capture_on_commit_callbacks(execute=True):
        erase_contact(person["contact"], SuperUserFactory())

    assert cache.get(directory_cache.PUBLIC_CONTACTS) is None
    for value in cached_values():
        for needle in NEEDLES:
            assert needle.lower().encode() not in value.lower()
    assert client.get("/contacts/quenby-marchetti-wolstenholme/").status_code == 404
    for url in [*person["pages"], reverse("contacts:contact_list"), "/search/?q=Marchetti", "/"]:
        html = client.get(url).text
        assert "Wolstenholme" not in html, url


def test_deleting_an_entry_in_admin_erases_it(
    person, client, admin_login, django_capture_on_commit_callbacks
):
    admin_login(client, SuperUserFactory())
    contact = person["contact"]
    url = reverse("admin:contacts_contact_delete", args=[contact.pk])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"post": "yes"})
    assert response.status_code == 302
    assert rows_mentioning(NEEDLES) == []
    assert SearchQuerySet().auto_query("Wolstenholme").count() == 0


def test_bulk_delete_in_admin_erases_each_entry(
    person, client, admin_login, django_capture_on_commit_callbacks
):
    admin_login(client, SuperUserFactory())
    contact = person["contact"]
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("admin:contacts_contact_changelist"),
            {"action": "delete_selected", "_selected_action": [contact.pk], "post": "yes"},
        )
    assert response.status_code == 302
    assert not Contact.objects.filter(pk=contact.pk).exists()
    assert rows_mentioning(NEEDLES) == []
