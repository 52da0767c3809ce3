"""Saving or deleting a record with registered URL fields keeps its links in step: new
addresses are registered and checked soon after the commit, gone ones unregistered; saving
a record that others' links are owned through (a project, for its related links) gives
those links its owner after the commit.

LinkcheckConfig.ready() connects these once for every model; a model with no registered
URL field costs a dictionary lookup.
"""

from django.db import transaction

from . import conf, registry
from .models import Link
from .outcomes import Outcome
from .tasks import queue_check_now


def queue_priority_check(link_ids):
    """Check these links soon, on the priority queue, once the transaction commits."""
    if not link_ids or registry.checks_are_deferred() or not conf.setting("CHECK_ON_SAVE"):
        return
    ids = list(
        Link.objects.filter(pk__in=link_ids, outcome=Outcome.UNCHECKED).values_list("pk", flat=True)
    )
    if ids:
        transaction.on_commit(lambda: queue_check_now(ids))


def _registered(model) -> bool:
    """The model itself declared URL fields (not a migration's historical copy of it)."""
    return any(entry.model is model for entry in registry.url_fields(model))


def on_save(sender, instance, raw=False, update_fields=None, **kwargs):
    if raw:
        return
    if _registered(sender):
        queue_priority_check(registry.sync_record(instance))
    throughs = [
        through
        for through in registry.owned_through(sender)
        if update_fields is None or through.owner_fields & update_fields
    ]
    if throughs:
        # After the commit, when the records saved with it (inline forms) are in too.
        pk = instance.pk
        transaction.on_commit(lambda: registry.sync_owners_through(throughs, pk))


def on_delete(sender, instance, **kwargs):
    if _registered(sender):
        registry.unregister_record(instance)
