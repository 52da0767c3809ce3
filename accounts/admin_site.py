from urllib.parse import urlencode

from django.contrib import admin
from django.contrib.admin.exceptions import NotRegistered
from django.contrib.auth import REDIRECT_FIELD_NAME
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils.decorators import method_decorator
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache


class TwoFactorAdminSite(admin.AdminSite):
    """The admin, open to active staff who have also given a code from their authenticator.

    The admin has no password form of its own: signing in goes through allauth's login,
    the one path that django-axes throttles, and then through the two-factor pages.
    """

    site_header = "LondonConnects administration"
    site_title = "LondonConnects admin"
    index_title = "Site administration"

    def has_permission(self, request):
        return super().has_permission(request) and request.user.is_verified()

    def get_urls(self):
        view_on_site = path(
            "r/<path:content_type_id>/<path:object_id>/",
            self.admin_view(self.view_on_site),
            name="view_on_site",
        )
        return [
            view_on_site if getattr(url, "name", None) == "view_on_site" else url
            for url in super().get_urls()
        ]

    def view_on_site(self, request, content_type_id, object_id):
        """The "view on site" link, for a record the user may open in the admin (Django's
        own would give any staff member the address, and so the name, of any record)."""
        # ContentType's models are not ready when this module is first imported.
        from django.contrib.contenttypes.models import ContentType
        from django.contrib.contenttypes.views import shortcut

        try:
            model = ContentType.objects.get_for_id(int(content_type_id)).model_class()
            model_admin = self.get_model_admin(model) if model else None
        except (ContentType.DoesNotExist, ValueError, NotRegistered):
            model_admin = None
        record = model_admin.get_object(request, object_id) if model_admin else None
        if record is None or not model_admin.has_view_or_change_permission(request, record):
            raise Http404("No such record.")
        return shortcut(request, content_type_id, object_id)

    @method_decorator(never_cache)
    def login(self, request, extra_context=None):
        next_url = request.GET.get(REDIRECT_FIELD_NAME, "")
        if not url_has_allowed_host_and_scheme(
            next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
        ):
            next_url = reverse("admin:index", current_app=self.name)
        user = request.user
        if not user.is_authenticated:
            return redirect_to_login(next_url, reverse("account_login"))
        if not (user.is_active and user.is_staff):
            raise PermissionDenied("This account may not use the admin site.")
        if user.is_verified():
            return redirect(next_url)
        return redirect(f"{reverse('accounts:two_factor')}?{urlencode({'next': next_url})}")
