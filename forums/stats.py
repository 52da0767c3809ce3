"""What the home page shows of the forums: a cached count and the latest active threads."""

from django.core.cache import cache

COUNT_TIMEOUT = 10 * 60
PUBLIC_THREADS = "forums:count:public-threads"


def public_thread_count():
    from .models import Thread

    return cache.get_or_set(PUBLIC_THREADS, Thread.objects.public().count, COUNT_TIMEOUT)


def latest_public_threads(limit):
    from .models import Thread

    return list(
        Thread.objects.public().select_related("category").order_by("-last_active_at")[:limit]
    )


def drop_counts():
    cache.delete(PUBLIC_THREADS)
