"""A new forum post queues the e-mails to its immediate watchers once it is committed."""

from django.db import transaction

from forums.models import PostStatus


def queue_post_notifications(sender, instance, created, raw=False, **kwargs):
    if not created or raw or instance.status != PostStatus.VISIBLE:
        return
    from .tasks import notify_post_watchers

    post_id = instance.pk
    transaction.on_commit(lambda: notify_post_watchers.delay(post_id))
