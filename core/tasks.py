from celery import shared_task
from django.apps import apps
from django.core.management import call_command
from django.db.models import Q
from haystack import connections
from haystack.constants import ID
from whoosh.index import LockError

# How long a bulk removal waits for another writer to let go of the index.
WRITER_LOCK_WAIT = 30


def index_task(name):
    """An index task: it retries, with backoff, while another writer holds the index. The
    task names are the ones these tasks had before they moved to core/ (queued tasks and
    the beat schedule name them)."""
    return shared_task(
        name=f"londonconnects.tasks.{name}",
        autoretry_for=(LockError, OSError),
        retry_backoff=True,
        max_retries=6,
    )


@index_task("update_search_document")
def update_search_document(model_label, pk):
    """Index one record, or drop it from the index if it is gone or no longer public."""
    model = apps.get_model(model_label)
    index = connections["default"].get_unified_index().get_index(model)
    instance = index.index_queryset().filter(pk=pk).first()
    if instance is None:
        connections["default"].get_backend().remove(f"{model_label}.{pk}")
    else:
        index.update_object(instance)


@index_task("remove_search_document")
def remove_search_document(identifier):
    connections["default"].get_backend().remove(identifier)


# A little over a day, so that a night the worker missed is still covered by the next one.
CATCH_UP_HOURS = 26


@index_task("catch_up_search_index")
def catch_up_search_index(hours=CATCH_UP_HOURS):
    """Re-index every record changed in the last `hours`: whatever an update lost (a worker
    down, a queue flushed) is back in the index by morning. `rebuild_index` remains the
    way to rebuild from nothing."""
    call_command("update_index", age=hours, verbosity=0)


@index_task("update_search_documents_where")
def update_search_documents_where(model_label, **lookup):
    """Index again the records of a model matching `lookup` that are public, and drop the
    others from the index, each in one writer: for a change that alters many documents at
    once (a forum's topics reach all its threads; a forum made private takes them out)."""
    model = apps.get_model(model_label)
    index = connections["default"].get_unified_index().get_index(model)
    backend = connections["default"].get_backend()
    public = index.index_queryset().filter(**lookup)
    backend.update(index, public)
    withdrawn = model._default_manager.filter(**lookup).exclude(pk__in=public.values("pk"))
    _remove_documents(
        backend, [f"{model_label}.{pk}" for pk in withdrawn.values_list("pk", flat=True)]
    )


def _remove_documents(backend, identifiers):
    """Remove many documents with one writer and one commit (not one of each per document)."""
    if not identifiers:
        return
    if not backend.setup_complete:
        backend.setup()
    backend.index = backend.index.refresh()
    writer = backend.index.writer(timeout=WRITER_LOCK_WAIT)
    try:
        for identifier in identifiers:
            writer.delete_by_term(ID, identifier)
    except BaseException:
        writer.cancel()
        raise
    writer.commit()


@index_task("update_search_documents_naming")
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


@shared_task(
    name="core.tasks.compact_search_index",
    autoretry_for=(LockError, OSError),
    retry_backoff=True,
    max_retries=6,
)
def compact_search_index():
    """Rewrite the index in one segment: Whoosh only marks a replaced or removed document
    deleted, and its words stay in the index's files until its segment is merged. After an
    erasure, so that erased words are gone from the index too."""
    backend = connections["default"].get_backend()
    if not backend.setup_complete:
        backend.setup()
    backend.index = backend.index.refresh()
    backend.index.optimize()
