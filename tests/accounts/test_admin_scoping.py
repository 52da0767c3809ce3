"""A partner editor of Camden sees, changes, adds and deletes only Camden's records in the
admin (OrganisationScopedAdmin), by list and by URL; a site administrator sees everything.
Tested on the directory's real admin: Organisation, Contact and Group."""

import datetime

import pytest
from django.contrib import admin
from django.core.exceptions import ImproperlyConfigured
from django.forms import ModelMultipleChoiceField, MultipleChoiceField, MultiWidget
from django.test import RequestFactory

from contacts.models import (
    Contact,
    CorrectionRequest,
    Group,
    Organisation,
    RequestKind,
    SubRegion,
)
from core.admin_mixins import OrganisationScopedAdmin
from tests.accounts.helpers import as_verified
from tests.factories import (
    ContactFactory,
    GroupFactory,
    LocalAuthorityFactory,
    PartnerEditorFactory,
    SuperUserFactory,
)

pytestmark = pytest.mark.django_db

CONTACTS = "/admin/contacts/contact/"
ORGANISATIONS = "/admin/contacts/organisation/"
GROUPS = "/admin/contacts/group/"


@pytest.fixture
def camden():
    return LocalAuthorityFactory(
        name="London Borough of Camden", slug="camden", sub_region=SubRegion.CENTRAL
    )


@pytest.fixture
def newham():
    return LocalAuthorityFactory(
        name="London Borough of Newham", slug="newham", sub_region=SubRegion.EAST
    )


@pytest.fixture
def camden_contact(camden):
    return ContactFactory(name="Carla Camden", organisation=camden)


@pytest.fixture
def newham_contact(newham):
    return ContactFactory(name="Nadia Newham", organisation=newham)


@pytest.fixture
def editor_client(client, admin_login, camden):
    admin_login(client, PartnerEditorFactory(organisations=[camden]))
    return client


def form_data(response, **overrides):
    """What a browser would post back from an admin add/change page, with `overrides`."""
    data = {}
    form = response.context["adminform"].form
    for name, field in form.fields.items():
        bound = form[name]
        value = bound.value()
        if isinstance(field.widget, MultiWidget):
            for index, part in enumerate(field.widget.decompress(value)):
                data[f"{bound.html_name}_{index}"] = "" if part is None else str(part)
        elif isinstance(field, MultipleChoiceField | ModelMultipleChoiceField):
            data[bound.html_name] = [str(item) for item in value or []]
        elif isinstance(value, bool):
            if value:
                data[bound.html_name] = "on"
        elif isinstance(value, datetime.date):
            data[bound.html_name] = value.isoformat()
        else:
            data[bound.html_name] = "" if value is None else str(value)
    # The history pages' version form has no inlines; an inline's blank extra forms are
    # left out, as if the page had offered none.
    for inline in response.context.get("inline_admin_formsets", []):
        management = inline.formset.management_form
        for name in management.fields:
            data[management[name].html_name] = management[name].value()
        data[management["TOTAL_FORMS"].html_name] = management["INITIAL_FORMS"].value()
    data.update(overrides)
    return data


def new_contact_data(client, organisation):
    page = client.get(f"{CONTACTS}add/")
    assert page.status_code == 200
    return form_data(
        page,
        name="Priya Partner",
        slug="priya-partner",
        organisation=str(organisation.pk),
        source="Supplied by the person",
    )


# Lists


def test_editor_sees_only_their_organisations_records_in_the_lists(
    editor_client, camden_contact, newham_contact, camden, newham
):
    contacts = editor_client.get(CONTACTS)
    organisations = editor_client.get(ORGANISATIONS)

    assert "Carla Camden" in contacts.text
    assert "Nadia Newham" not in contacts.text
    assert list(contacts.context["cl"].result_list) == [camden_contact]
    assert list(organisations.context["cl"].result_list) == [camden]


def test_editor_sees_only_groups_their_organisation_convenes(editor_client, camden, newham):
    ours = GroupFactory(name="North Central Partnership", convenor=camden, members=[newham])
    GroupFactory(name="East London Partnership", convenor=newham, members=[camden])

    response = editor_client.get(GROUPS)

    assert list(response.context["cl"].result_list) == [ours]


def test_site_administrator_sees_everything(client, admin_login, camden_contact, newham_contact):
    admin_login(client, SuperUserFactory())

    response = client.get(CONTACTS)

    assert set(response.context["cl"].result_list) == {camden_contact, newham_contact}
    assert client.get(f"{CONTACTS}{newham_contact.pk}/change/").status_code == 200


# By URL


@pytest.mark.parametrize("view", ["change", "delete", "history"])
def test_editor_cannot_open_another_organisations_record_by_url(
    editor_client, newham_contact, view
):
    response = editor_client.get(f"{CONTACTS}{newham_contact.pk}/{view}/")

    assert response.status_code in {302, 403, 404}
    assert "Nadia Newham" not in response.text


def test_editor_cannot_change_another_organisations_record_by_posting(
    editor_client, newham_contact, camden
):
    editor_client.post(
        f"{CONTACTS}{newham_contact.pk}/change/",
        {"name": "Changed by Camden", "organisation": camden.pk},
    )

    newham_contact.refresh_from_db()
    assert newham_contact.name == "Nadia Newham"


def test_editor_cannot_delete_another_organisations_record_by_url(editor_client, newham_contact):
    response = editor_client.post(f"{CONTACTS}{newham_contact.pk}/delete/", {"post": "yes"})

    assert response.status_code in {302, 403, 404}
    assert Contact.objects.filter(pk=newham_contact.pk).exists()


def test_bulk_delete_with_a_forged_id_deletes_only_the_editors_own(
    editor_client, camden_contact, newham_contact
):
    response = editor_client.post(
        CONTACTS,
        {
            "action": "delete_selected",
            "_selected_action": [camden_contact.pk, newham_contact.pk],
            "post": "yes",
        },
    )

    assert response.status_code == 302
    assert not Contact.objects.filter(pk=camden_contact.pk).exists()
    assert Contact.objects.filter(pk=newham_contact.pk).exists()


def test_bulk_delete_of_only_a_forged_id_changes_nothing(editor_client, newham_contact):
    editor_client.post(
        CONTACTS,
        {"action": "delete_selected", "_selected_action": [newham_contact.pk], "post": "yes"},
    )

    assert Contact.objects.filter(pk=newham_contact.pk).exists()


# Adding and changing


def test_add_form_offers_and_defaults_to_the_editors_only_organisation(
    editor_client, camden, newham
):
    page = editor_client.get(f"{CONTACTS}add/")

    organisation_field = page.context["adminform"].form.fields["organisation"]
    assert list(organisation_field.queryset) == [camden]
    assert page.context["adminform"].form["organisation"].value() == camden.pk


def test_editor_adds_a_contact_for_their_organisation(editor_client, camden):
    response = editor_client.post(f"{CONTACTS}add/", new_contact_data(editor_client, camden))

    assert response.status_code == 302, response.context["adminform"].form.errors
    assert Contact.objects.get(slug="priya-partner").organisation == camden


def test_editor_cannot_add_a_contact_owned_by_another_organisation(editor_client, newham):
    data = new_contact_data(editor_client, newham)

    response = editor_client.post(f"{CONTACTS}add/", data)

    assert response.status_code == 200
    assert not Contact.objects.filter(slug="priya-partner").exists()
    errors = response.context["adminform"].form.errors["organisation"]
    assert errors == [
        "You can only choose an organisation whose records you edit: London Borough of Camden."
    ]
    assert "London Borough of Camden." in response.text
    assert 'value="Priya Partner"' in response.text


def test_editor_changes_their_own_contact_but_cannot_move_it_to_another_organisation(
    editor_client, camden_contact, newham
):
    url = f"{CONTACTS}{camden_contact.pk}/change/"
    page = editor_client.get(url)

    moved = editor_client.post(url, form_data(page, organisation=str(newham.pk)))
    assert moved.status_code == 200
    camden_contact.refresh_from_db()
    assert camden_contact.organisation.slug == "camden"

    renamed = editor_client.post(url, form_data(page, job_title="Head of digital"))
    assert renamed.status_code == 302
    camden_contact.refresh_from_db()
    assert camden_contact.job_title == "Head of digital"


def test_editor_with_two_organisations_chooses_between_them(client, admin_login, camden, newham):
    hackney = LocalAuthorityFactory(name="London Borough of Hackney", slug="hackney")
    admin_login(client, PartnerEditorFactory(organisations=[camden, hackney]))

    page = client.get(f"{CONTACTS}add/")

    form = page.context["adminform"].form
    assert set(form.fields["organisation"].queryset) == {camden, hackney}
    assert form["organisation"].value() is None


def test_group_members_may_be_any_organisation_but_the_convenor_must_be_the_editors(
    editor_client, camden, newham
):
    page = editor_client.get(f"{GROUPS}add/")

    form = page.context["adminform"].form
    assert list(form.fields["convenor"].queryset) == [camden]
    assert newham in form.fields["members"].queryset


def test_organisation_autocomplete_lists_every_organisation_for_member_choices(
    editor_client, camden, newham
):
    response = editor_client.get(
        "/admin/autocomplete/",
        {"app_label": "contacts", "model_name": "group", "field_name": "members", "term": "London"},
    )

    names = {result["text"] for result in response.json()["results"]}
    assert names == {"London Borough of Camden", "London Borough of Newham"}


# Organisations themselves


def test_editor_may_change_their_organisation_but_not_add_or_delete_one(
    editor_client, camden, newham
):
    assert editor_client.get(f"{ORGANISATIONS}{camden.pk}/change/").status_code == 200
    assert editor_client.get(f"{ORGANISATIONS}{newham.pk}/change/").status_code in {302, 404}
    assert editor_client.get(f"{ORGANISATIONS}add/").status_code == 403
    assert (
        editor_client.post(f"{ORGANISATIONS}{camden.pk}/delete/", {"post": "yes"}).status_code
        == 403
    )
    assert Organisation.objects.filter(pk=camden.pk).exists()


def test_group_owned_by_another_convenor_cannot_be_deleted_by_bulk_action(
    editor_client, camden, newham
):
    theirs = GroupFactory(name="East London Partnership", convenor=newham)

    editor_client.post(
        GROUPS, {"action": "delete_selected", "_selected_action": [theirs.pk], "post": "yes"}
    )

    assert Group.objects.filter(pk=theirs.pk).exists()


# The mixin itself, for owners further away than one foreign key


class RequestsByContactOrganisation(OrganisationScopedAdmin, admin.ModelAdmin):
    owner_field = "contact__organisation"


def test_a_longer_owner_path_scopes_the_queryset_and_the_first_hop_choices(
    camden, newham, camden_contact, newham_contact
):
    ours = CorrectionRequest.objects.create(
        contact=camden_contact,
        kind=RequestKind.CORRECT,
        requester_name="A",
        details="x",
        requester_email="a@example.org",
    )
    CorrectionRequest.objects.create(
        contact=newham_contact,
        kind=RequestKind.CORRECT,
        requester_name="B",
        details="y",
        requester_email="b@example.org",
    )
    request = RequestFactory().get("/admin/")
    request.user = as_verified(PartnerEditorFactory(organisations=[camden]))
    model_admin = RequestsByContactOrganisation(CorrectionRequest, admin.site)

    assert list(model_admin.get_queryset(request)) == [ours]
    assert model_admin.owner_id_of(ours) == camden.pk
    contact_field = model_admin.formfield_for_foreignkey(
        CorrectionRequest._meta.get_field("contact"), request
    )
    assert list(contact_field.queryset) == [camden_contact]


def test_a_scoped_admin_without_owner_field_is_a_configuration_error():
    class Unscoped(OrganisationScopedAdmin, admin.ModelAdmin):
        pass

    with pytest.raises(ImproperlyConfigured, match="must set owner_field"):
        Unscoped(CorrectionRequest, admin.site)
