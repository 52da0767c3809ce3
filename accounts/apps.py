from django.apps import AppConfig
from django.contrib.admin.apps import AdminConfig
from django.db.models.signals import post_migrate


class AccountsConfig(AppConfig):
    name = "accounts"
    label = "accounts"
    verbose_name = "Accounts and roles"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from allauth.account.signals import email_changed

        from . import notices, roles

        post_migrate.connect(
            roles.sync_after_migrate, sender=self, dispatch_uid="accounts.sync_role_permissions"
        )
        email_changed.connect(
            notices.tell_the_new_address_it_is_in_use, dispatch_uid="accounts.email_now_in_use"
        )


class TwoFactorAdminConfig(AdminConfig):
    """django.contrib.admin with a site that lets staff in only after a second factor."""

    default_site = "accounts.admin_site.TwoFactorAdminSite"
