"""The admin's "view on site" shortcut (/admin/r/<content type>/<id>/) answers only for a
record the user may open in the admin: walking the ids reveals no hidden contact's, draft's
or private thread's address."""

import pytest
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse

from contacts.audiences import Visibility
from tests.factories import (
    ContactFactory,
    GroupFactory,
    SuperUserFactory,
)
from tests.forums.factories import CategoryFactory, start_thread
from tests.papers.factories import PaperFactory

pytestmark = pytest.mark.django_db


def view_on_site(record):
    content_type = ContentType.objects.get_for_model(record)
    return reverse("admin:view_on_site", args=[content_type.pk, record.pk])


@pytest.fixture
def hidden_records(newham):
    officers = GroupFactory(name="Newham officers", convenor=newham)
    private_forum = CategoryFactory(name="Officers' forum", group=officers, members_only=True)
    return {
        "contact": ContactFactory(
            name="Stella Hidden",
            slug="stella-hidden",
            organisation=newham,
            listing_visibility=Visibility.STAFF,
        ),
        "draft": PaperFactory(
            title="Newham draft", slug="newham-draft", publisher=newham, is_published=False
        ),
        "thread": start_thread(private_forum, title="Restructuring plans"),
    }


@pytest.mark.parametrize("kind", ["contact", "draft", "thread"])
def test_staff_cannot_learn_the_address_of_a_record_they_may_not_open(
    camden_editor, hidden_records, kind
):
    record = hidden_records[kind]

    response = camden_editor.get(view_on_site(record))

    assert response.status_code == 404
    assert record.get_absolute_url() not in response.get("Location", "")
    assert record.get_absolute_url() not in response.text


@pytest.mark.parametrize("content_type_id", ["organisation", "999999", "not-a-number"])
def test_an_id_that_does_not_exist_is_not_found(camden_editor, camden, content_type_id):
    if content_type_id == "organisation":
        content_type_id = ContentType.objects.get_for_model(camden).pk

    response = camden_editor.get(reverse("admin:view_on_site", args=[content_type_id, 999999]))

    assert response.status_code == 404


def test_the_shortcut_still_takes_an_editor_to_their_own_record(camden_editor, camden):
    contact = ContactFactory(name="Carla Camden", slug="carla-camden", organisation=camden)

    response = camden_editor.get(view_on_site(contact))

    assert response.status_code == 302
    assert response["Location"].endswith("/contacts/carla-camden/")


def test_a_site_administrator_follows_the_shortcut_to_any_record(
    client, admin_login, hidden_records
):
    admin_login(client, SuperUserFactory())

    response = client.get(view_on_site(hidden_records["draft"]))

    assert response.status_code == 302
    assert response["Location"].endswith(hidden_records["draft"].get_absolute_url())


def test_the_shortcut_is_still_for_the_admin_only(client, hidden_records):
    response = client.get(view_on_site(hidden_records["draft"]))

    assert response.status_code == 302
    assert hidden_records["draft"].get_absolute_url() not in response["Location"]
