"""Keeps the search index in step with the database through Celery, after each commit.

Saves, deletes and tag changes of any indexed model queue a task that re-reads
the record through its index's `index_queryset()`: a record that is no longer
public is removed from the index rather than updated.

Other records' documents name an organisation too (a project's owner, the organisation
and area facets): when an organisation's name, slug, kind or sub-region changes, a task
re-indexes every record that reaches it through its index's `organisation_lookups`.
"""

import threading
from contextlib import contextmanager

from django.db import models, transaction
from haystack.exceptions import NotHandled
from haystack.signals import BaseSignalProcessor
from haystack.utils import get_identifier

from . import registry

_state = threading.local()


@contextmanager
def indexing_suspended():
    """Skip per-record index updates during bulk loads; rebuild or update the index after."""
    previous = getattr(_state, "suspended", False)
    _state.suspended = True
    try:
        yield
    finally:
        _state.suspended = previous


def _suspended():
    return getattr(_state, "suspended", False)


class QueuedSignalProcessor(BaseSignalProcessor):
    def setup(self):
        models.signals.pre_save.connect(self.note_renaming)
        models.signals.post_save.connect(self.handle_save)
        models.signals.post_delete.connect(self.handle_delete)
        models.signals.m2m_changed.connect(self.handle_m2m_changed)

    def teardown(self):
        models.signals.pre_save.disconnect(self.note_renaming)
        models.signals.post_save.disconnect(self.handle_save)
        models.signals.post_delete.disconnect(self.handle_delete)
        models.signals.m2m_changed.disconnect(self.handle_m2m_changed)

    def _is_indexed(self, model):
        try:
            self.connections["default"].get_unified_index().get_index(model)
        except NotHandled:
            return False
        return True

    def note_renaming(self, sender, instance, **kwargs):
        """Before an organisation is saved: does it change what other documents name?"""
        if kwargs.get("raw") or instance.pk is None:
            return
        organisations = registry.organisations()
        if sender._meta.label_lower != organisations.model._meta.label_lower:
            return
        named = organisations.named_fields
        before = sender._base_manager.filter(pk=instance.pk).values(*named).first()
        instance._search_names_changed = before is not None and any(
            before[name] != getattr(instance, name) for name in named
        )

    def handle_save(self, sender, instance, **kwargs):
        if kwargs.get("raw") or _suspended() or not self._is_indexed(type(instance)):
            return
        from .tasks import update_search_document, update_search_documents_naming

        label, pk = instance._meta.label_lower, instance.pk
        transaction.on_commit(lambda: update_search_document.delay(label, pk))
        if getattr(instance, "_search_names_changed", False):
            instance._search_names_changed = False
            transaction.on_commit(lambda: update_search_documents_naming.delay(pk))

    def handle_delete(self, sender, instance, **kwargs):
        if _suspended() or not self._is_indexed(type(instance)):
            return
        from .tasks import remove_search_document

        identifier = get_identifier(instance)
        transaction.on_commit(lambda: remove_search_document.delay(identifier))

    def handle_m2m_changed(self, sender, instance, action, **kwargs):
        if action in ("post_add", "post_remove", "post_clear"):
            self.handle_save(type(instance), instance)
