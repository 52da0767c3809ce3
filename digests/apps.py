from django.apps import AppConfig


class DigestsConfig(AppConfig):
    name = "digests"
    label = "digests"
    verbose_name = "Digests and alerts"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from core import registry

        from .signals import queue_post_notifications

        registry.forum_watches().on_new_post(queue_post_notifications)
