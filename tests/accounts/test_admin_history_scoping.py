"""History pages follow the live record's owner: an editor whose organisation once owned a
record (a group handed to another convenor, a contact who moved) cannot open its old
versions or save one back; the history of a deleted record is for site administrators.
Tested through the real admin pages of groups, contacts and projects."""

import pytest
from django.contrib.auth.models import Group as AuthGroup
from django.contrib.auth.models import Permission
from django.test import Client
from django.urls import reverse

from accounts.models import Role
from contacts.models import Contact, Group
from projects.models import Project
from tests.accounts.test_admin_scoping import form_data
from tests.factories import (
    ContactFactory,
    GroupFactory,
    PartnerEditorFactory,
    SuperUserFactory,
)
from tests.projects.factories import ProjectFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def transferred_group(camden, newham):
    """A group Camden convened, then handed to Newham, which renamed it."""
    group = GroupFactory(name="North Central Partnership", convenor=camden)
    camden_version = group.history.get()
    group.convenor, group.name = newham, "East London Partnership"
    group.save()
    group.camden_version = camden_version
    return group


def history_url(record):
    opts = record._meta
    return reverse(f"admin:{opts.app_label}_{opts.model_name}_history", args=[record.pk])


def version_url(record, version):
    opts = record._meta
    return reverse(
        f"admin:{opts.app_label}_{opts.model_name}_simple_history",
        args=[record.pk, version.history_id],
    )


def test_a_former_owner_cannot_open_an_old_version_of_a_transferred_record(
    camden_editor, transferred_group
):
    response = camden_editor.get(version_url(transferred_group, transferred_group.camden_version))

    assert response.status_code in {403, 404}
    assert "North Central Partnership" not in response.text


def test_a_former_owner_cannot_take_a_record_back_by_saving_an_old_version(
    camden_editor, admin_login, transferred_group, camden
):
    # The old version's form, as a site administrator's browser would post it back.
    site_administrator = admin_login(Client(), SuperUserFactory())
    page = site_administrator.get(version_url(transferred_group, transferred_group.camden_version))
    data = form_data(page)
    assert data["convenor"] == str(camden.pk)

    response = camden_editor.post(
        version_url(transferred_group, transferred_group.camden_version), data
    )

    assert response.status_code in {403, 404}
    transferred_group.refresh_from_db()
    assert transferred_group.convenor.slug == "newham"
    assert transferred_group.name == "East London Partnership"


def test_a_former_owner_cannot_list_the_history_of_a_moved_contact(camden_editor, camden, newham):
    contact = ContactFactory(name="Carla Moved", organisation=camden, job_title="Camden lead")
    contact.organisation, contact.job_title = newham, "Newham lead"
    contact.save()

    history = camden_editor.get(history_url(contact))
    old_version = camden_editor.get(version_url(contact, contact.history.earliest()))

    assert history.status_code in {403, 404}
    assert old_version.status_code in {403, 404}
    assert "Carla Moved" not in history.text + old_version.text


def test_the_live_owner_opens_every_version_even_one_from_a_former_owner(
    client, admin_login, transferred_group, camden, newham
):
    admin_login(client, PartnerEditorFactory(organisations=[newham]))

    history = client.get(history_url(transferred_group))
    old_version = client.get(version_url(transferred_group, transferred_group.camden_version))

    assert history.status_code == 200
    assert old_version.status_code == 200
    assert "North Central Partnership" in old_version.text


def test_the_live_owner_cannot_revert_to_a_version_owned_by_another_organisation(
    client, admin_login, transferred_group, newham
):
    admin_login(client, PartnerEditorFactory(organisations=[newham]))
    url = version_url(transferred_group, transferred_group.camden_version)
    page = client.get(url)

    response = client.post(url, form_data(page))

    assert response.status_code == 200
    assert "convenor" in response.context["adminform"].form.errors
    transferred_group.refresh_from_db()
    assert transferred_group.convenor == newham


def test_the_owner_still_reverts_their_own_record(camden_editor, camden):
    group = GroupFactory(name="North Central Partnership", convenor=camden)
    first = group.history.get()
    group.name = "Renamed by mistake"
    group.save()
    url = version_url(group, first)

    response = camden_editor.post(url, form_data(camden_editor.get(url)))

    assert response.status_code == 302
    group.refresh_from_db()
    assert group.name == "North Central Partnership"


@pytest.fixture
def deleted_camden_project(camden):
    project = ProjectFactory(title="Camden kiosks", lead_organisation=camden)
    project_id = project.pk
    project.delete()
    project.pk = project_id
    return project


def test_an_editor_cannot_open_or_restore_the_history_of_a_deleted_record(
    camden_editor, deleted_camden_project
):
    version = Project.history.filter(id=deleted_camden_project.pk).earliest()
    url = version_url(deleted_camden_project, version)

    history = camden_editor.get(history_url(deleted_camden_project))
    old_version = camden_editor.get(url)
    restore = camden_editor.post(url, {"title": "Camden kiosks", "slug": "camden-kiosks"})

    assert history.status_code in {403, 404}
    assert old_version.status_code in {403, 404}
    assert restore.status_code in {403, 404}
    assert "Camden kiosks" not in history.text + old_version.text
    assert not Project.objects.filter(pk=deleted_camden_project.pk).exists()


def test_a_site_administrator_restores_a_deleted_record_from_its_history(
    client, admin_login, camden
):
    group = GroupFactory(name="North Central Partnership", convenor=camden)
    group_id, version = group.pk, group.history.get()
    group.delete()
    group.pk = group_id
    admin_login(client, SuperUserFactory())
    url = version_url(group, version)

    assert client.get(history_url(group)).status_code == 200
    response = client.post(url, form_data(client.get(url)))

    assert response.status_code == 302
    assert Group.objects.get(pk=group_id).name == "North Central Partnership"


def test_an_editor_who_may_only_view_cannot_revert(client, admin_login, camden):
    viewer = PartnerEditorFactory(organisations=[camden])
    editors = AuthGroup.objects.get(name=Role.PARTNER_EDITOR.value)
    editors.permissions.remove(Permission.objects.get(codename="change_contact"))
    contact = ContactFactory(name="Carla Camden", organisation=camden, job_title="First")
    first = contact.history.get()
    contact.job_title = "Second"
    contact.save()
    admin_login(client, viewer)
    url = version_url(contact, first)
    page = client.get(url)
    assert page.status_code == 200

    response = client.post(url, form_data(page))

    assert response.status_code == 403
    assert Contact.objects.get(pk=contact.pk).job_title == "Second"
