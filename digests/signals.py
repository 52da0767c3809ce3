"""A new forum post queues the e-mails to its immediate watchers once it is committed."""

from django.db import transaction


def queue_post_notifications(post_id):
    from .tasks import notify_post_watchers

    transaction.on_commit(lambda: notify_post_watchers.delay(post_id))
