from urllib.parse import urlencode

from django.contrib import admin
from django.contrib.auth import REDIRECT_FIELD_NAME
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.urls import reverse
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
