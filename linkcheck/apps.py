from django.apps import AppConfig


class LinkcheckConfig(AppConfig):
    name = "linkcheck"
    label = "linkcheck"
    verbose_name = "Link checking"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from django.db.models.signals import post_delete, post_save

        from core import registry

        from . import receivers
        from .health import health_of, last_checked
        from .registry import url_fields

        registry.register_link_health(
            registry.LinkHealth(
                urls_of=lambda record: [field.value(record) for field in url_fields(type(record))],
                health_of=health_of,
                last_checked=last_checked,
            )
        )
        post_save.connect(receivers.on_save, dispatch_uid="linkcheck-save")
        post_delete.connect(receivers.on_delete, dispatch_uid="linkcheck-delete")
