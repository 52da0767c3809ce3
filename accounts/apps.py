from django.apps import AppConfig
from django.contrib.admin.apps import AdminConfig
from django.db.models.signals import post_migrate


class AccountsConfig(AppConfig):
    name = "accounts"
    label = "accounts"
    verbose_name = "Accounts and roles"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import roles

        post_migrate.connect(
            roles.sync_after_migrate, sender=self, dispatch_uid="accounts.sync_role_permissions"
        )


class TwoFactorAdminConfig(AdminConfig):
    """django.contrib.admin with a site that lets staff in only after a second factor."""

    default_site = "accounts.admin_site.TwoFactorAdminSite"
