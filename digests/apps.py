from django.apps import AppConfig


class DigestsConfig(AppConfig):
    name = "digests"
    label = "digests"
    verbose_name = "Digests and alerts"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from django.db.models.signals import post_save

        from forums.models import Post

        from .signals import queue_post_notifications

        post_save.connect(
            queue_post_notifications, sender=Post, dispatch_uid="digests-post-notifications"
        )
