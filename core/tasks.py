from celery import shared_task
from django.apps import apps
from django.core.management import call_command
from django.db.models import Q
from haystack import connections
from whoosh.index import LockError


@shared_task(
    name="londonconnects.tasks.update_search_document",
    autoretry_for=(LockError, OSError),
    retry_backoff=True,
    max_retries=6,
)
def update_search_document(model_label, pk):
    """Index one record, or drop it from the index if it is gone or no longer public."""
    model = apps.get_model(model_label)
    index = connections["default"].get_unified_index().get_index(model)
    instance = index.index_queryset().filter(pk=pk).first()
    if instance is None:
        connections["default"].get_backend().remove(f"{model_label}.{pk}")
    else:
        index.update_object(instance)


@shared_task(
    name="londonconnects.tasks.remove_search_document",
    autoretry_for=(LockError, OSError),
    retry_backoff=True,
    max_retries=6,
)
def remove_search_document(identifier):
    connections["default"].get_backend().remove(identifier)


# A little over a day, so that a night the worker missed is still covered by the next one.
CATCH_UP_HOURS = 26


@shared_task(
    name="londonconnects.tasks.catch_up_search_index",
    autoretry_for=(LockError, OSError),
    retry_backoff=True,
    max_retries=6,
)
def catch_up_search_index(hours=CATCH_UP_HOURS):
    """Re-index every record changed in the last `hours`: whatever an update lost (a worker
    down, a queue flushed) is back in the index by morning. `rebuild_index` remains the
    way to rebuild from nothing."""
    call_command("update_index", age=hours, verbosity=0)


@shared_task(
    name="londonconnects.tasks.update_search_documents_where",
    autoretry_for=(LockError, OSError),
    retry_backoff=True,
    max_retries=6,
)
def update_search_documents_where(model_label, **lookup):
    """Index again the public records of a model matching `lookup`, in one writer: for a
    change that alters many documents at once (a forum's topics reach all its threads)."""
    model = apps.get_model(model_label)
    index = connections["default"].get_unified_index().get_index(model)
    connections["default"].get_backend().update(index, index.index_queryset().filter(**lookup))


@shared_task(
    name="londonconnects.tasks.update_search_documents_naming",
    autoretry_for=(LockError, OSError),
    retry_backoff=True,
    max_retries=6,
)
def update_search_documents_naming(organisation_pk):
    """Index again every public record whose document names this organisation (its owner,
    partners, areas): after the organisation's name, slug, kind or sub-region changed."""
    backend = connections["default"].get_backend()
    for index in connections["default"].get_unified_index().collect_indexes():
        lookups = getattr(index, "organisation_lookups", ())
        if not lookups:
            continue
        reaching = Q()
        for lookup in lookups:
            reaching |= Q(**{lookup: organisation_pk})
        records = index.index_queryset().filter(reaching).distinct()
        backend.update(index, list(records))
