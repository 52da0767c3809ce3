"""Saving or deleting a record with registered URL fields keeps its links in step: new
addresses are registered and checked soon after the commit, gone ones unregistered.

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


def on_save(sender, instance, raw=False, **kwargs):
    if raw or not _registered(sender):
        return
    queue_priority_check(registry.sync_record(instance))


def on_delete(sender, instance, **kwargs):
    if _registered(sender):
        registry.unregister_record(instance)
