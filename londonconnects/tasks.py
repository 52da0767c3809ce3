from celery import shared_task
from django.apps import apps
from haystack import connections
from whoosh.index import LockError


@shared_task(autoretry_for=(LockError, OSError), retry_backoff=True, max_retries=6)
def update_search_document(model_label, pk):
    """Index one record, or drop it from the index if it is gone or no longer public."""
    model = apps.get_model(model_label)
    index = connections["default"].get_unified_index().get_index(model)
    instance = index.index_queryset().filter(pk=pk).first()
    if instance is None:
        connections["default"].get_backend().remove(f"{model_label}.{pk}")
    else:
        index.update_object(instance)


@shared_task(autoretry_for=(LockError, OSError), retry_backoff=True, max_retries=6)
def remove_search_document(identifier):
    connections["default"].get_backend().remove(identifier)
