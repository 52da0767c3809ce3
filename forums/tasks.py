from celery import shared_task

from . import services


@shared_task(name="forums.tasks.purge_removed_text")
def purge_removed_text():
    """Nightly: erase removed posts' text and earlier versions past the retention period."""
    return services.purge_removed_text()
