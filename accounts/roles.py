"""Which models each role may edit, declared by the apps that own the models.

Apps call `register_owned_model` (records a partner editor edits for their organisations)
or `register_moderated_model` in their AppConfig.ready(); after every `migrate`,
`sync_role_permissions` gives the "Partner editors" and "Moderators" groups exactly the
permissions declared here, so the groups never drift from the code.
"""

from dataclasses import dataclass

from django.apps import apps as global_apps
from django.contrib.auth.management import create_permissions
from django.db import transaction
from django.db.models import Q

from .models import Role

ALL_ACTIONS = ("add", "change", "delete", "view")


@dataclass(frozen=True)
class OwnedModel:
    """A model whose records belong to one organisation, reached by `owner_field`."""

    model: type
    owner_field: str
    editor_actions: tuple[str, ...]


_owned_models: dict[str, OwnedModel] = {}
_moderated_models: dict[str, tuple[type, tuple[str, ...]]] = {}


def _check_actions(actions):
    unknown = set(actions) - set(ALL_ACTIONS)
    if unknown:
        raise ValueError(f"Unknown permission actions: {sorted(unknown)}")
    return tuple(actions)


def register_owned_model(model, owner_field, *, editor_actions=ALL_ACTIONS):
    """Declare that `model`'s records are owned by the organisation at `owner_field`.

    `owner_field` is a lookup path from the model to the owning Organisation ("pk" for
    Organisation itself, "organisation", "convenor", "project__lead_organisation" ...).
    `editor_actions` limits what partner editors may do, e.g. ("change", "view") for a
    model whose records only site administrators create or delete.
    """
    _owned_models[model._meta.label_lower] = OwnedModel(
        model, owner_field, _check_actions(editor_actions)
    )


def register_moderated_model(model, *, actions=ALL_ACTIONS):
    """Declare the permissions moderators hold on `model` (forum threads, posts ...)."""
    _moderated_models[model._meta.label_lower] = (model, _check_actions(actions))


def owned_model(model) -> OwnedModel | None:
    return _owned_models.get(model._meta.label_lower)


def granted_permissions() -> dict[Role, set[tuple[str, str]]]:
    """Each role's permissions as (app_label, codename) pairs."""
    grants = {Role.PARTNER_EDITOR: set(), Role.MODERATOR: set()}
    for owned in _owned_models.values():
        opts = owned.model._meta
        grants[Role.PARTNER_EDITOR].update(
            (opts.app_label, f"{action}_{opts.model_name}") for action in owned.editor_actions
        )
    for model, actions in _moderated_models.values():
        opts = model._meta
        grants[Role.MODERATOR].update(
            (opts.app_label, f"{action}_{opts.model_name}") for action in actions
        )
    return grants


def sync_role_permissions(using="default", verbosity=1, **kwargs):
    """Give each role group exactly the permissions registered for it (idempotent)."""
    from django.contrib.auth.models import Group, Permission

    registered = [owned.model for owned in _owned_models.values()]
    registered += [model for model, _ in _moderated_models.values()]
    # Permissions are created per app by post_migrate too, but an app later in
    # INSTALLED_APPS may not have had its turn yet when this runs.
    for app_label in sorted({model._meta.app_label for model in registered}):
        create_permissions(
            global_apps.get_app_config(app_label), verbosity=0, using=using, apps=global_apps
        )
    with transaction.atomic(using=using):
        for role, pairs in granted_permissions().items():
            group, _ = Group.objects.using(using).get_or_create(name=role.value)
            wanted = Q(pk__in=[])
            for app_label, codename in pairs:
                wanted |= Q(content_type__app_label=app_label, codename=codename)
            group.permissions.set(Permission.objects.using(using).filter(wanted))


def sync_after_migrate(sender, using="default", **kwargs):
    """post_migrate receiver: runs once per migrate, after the accounts app's turn."""
    sync_role_permissions(using=using)
