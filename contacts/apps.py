from django.apps import AppConfig


class ContactsConfig(AppConfig):
    name = "contacts"
    label = "contacts"
    verbose_name = "Directory"
    default_auto_field = "django.db.models.BigAutoField"
