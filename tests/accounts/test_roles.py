"""Roles: member, partner editor, moderator, site administrator; the groups' permissions
follow the registry that the apps fill in."""

import pytest
from django.contrib.auth.models import Group, Permission
from django.core.management import call_command

from accounts import roles
from accounts.models import Role
from contacts.models import Contact, Organisation
from tests.factories import (
    LocalAuthorityFactory,
    PartnerEditorFactory,
    SuperUserFactory,
    UserFactory,
)

from .helpers import sign_in

pytestmark = pytest.mark.django_db


def group_codenames(role):
    return set(Group.objects.get(name=role.value).permissions.values_list("codename", flat=True))


def test_both_role_groups_exist_after_migrate():
    assert set(Group.objects.values_list("name", flat=True)) >= {
        "Partner editors",
        "Moderators",
    }


def test_partner_editors_may_edit_contacts_and_groups_but_not_create_organisations():
    codenames = group_codenames(Role.PARTNER_EDITOR)

    assert {"add_contact", "change_contact", "delete_contact", "view_contact"} <= codenames
    assert {"add_group", "change_group", "delete_group", "view_group"} <= codenames
    assert {"change_organisation", "view_organisation"} <= codenames
    assert "add_organisation" not in codenames
    assert "delete_organisation" not in codenames
    assert "change_user" not in codenames


def test_a_partner_editor_user_holds_those_permissions():
    editor = PartnerEditorFactory(organisations=[LocalAuthorityFactory()])

    assert editor.has_perm("contacts.change_contact")
    assert editor.has_perm("contacts.change_organisation")
    assert not editor.has_perm("contacts.add_organisation")
    assert not editor.has_perm("contacts.delete_organisation")
    assert not UserFactory().has_perm("contacts.change_contact")


def test_sync_restores_drifted_permissions_and_is_idempotent():
    group = Group.objects.get(name=Role.PARTNER_EDITOR.value)
    group.permissions.add(Permission.objects.get(codename="add_organisation"))
    group.permissions.remove(Permission.objects.get(codename="change_contact"))

    roles.sync_role_permissions()
    first = group_codenames(Role.PARTNER_EDITOR)
    call_command("migrate", verbosity=0)
    second = group_codenames(Role.PARTNER_EDITOR)

    assert "add_organisation" not in first
    assert "change_contact" in first
    assert first == second


def test_registry_records_owner_fields_and_editor_actions():
    assert roles.owned_model(Contact).owner_field == "organisation"
    assert roles.owned_model(Organisation).owner_field == "pk"
    assert roles.owned_model(Organisation).editor_actions == ("change", "view")
    with pytest.raises(ValueError, match="Unknown permission actions"):
        roles.register_owned_model(Contact, "organisation", editor_actions=("publish",))


def test_moderators_group_holds_what_is_registered_for_it():
    # Forum models register later; until then moderators hold no model permissions.
    assert group_codenames(Role.MODERATOR) == {
        codename for _, codename in roles.granted_permissions()[Role.MODERATOR]
    }


def test_roles_shown_on_the_profile_page(client):
    camden = LocalAuthorityFactory(name="Camden Council", slug="camden-council")
    editor = PartnerEditorFactory(email="editor@example.org", organisations=[camden])
    editor.groups.add(Group.objects.get(name=Role.MODERATOR.value))
    sign_in(client, editor.email)

    page = client.get("/accounts/profile/")

    assert page.status_code == 200
    for text in ["editor@example.org", "Member", "Partner editor", "Moderator", "Camden Council"]:
        assert text in page.text
    assert "Site administrator" not in page.text


def test_role_labels_per_kind_of_user():
    assert UserFactory().role_labels() == ["Member"]
    assert UserFactory(verified_email=False).role_labels() == []
    assert SuperUserFactory().role_labels() == ["Member", "Site administrator"]
    assert UserFactory(is_active=False).role_labels() == []


def test_profile_requires_sign_in(client):
    response = client.get("/accounts/profile/")

    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/?next=/accounts/profile/")
