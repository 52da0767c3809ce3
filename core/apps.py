from django.apps import AppConfig


class CoreConfig(AppConfig):
    """The shared kit every room stands on; it imports no app of the site."""

    name = "core"
    label = "core"
    verbose_name = "Shared kit"
