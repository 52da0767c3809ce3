from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.contrib.auth.forms import AdminUserCreationForm, UserChangeForm

from .models import CspViolation, User


class UserCreationForm(AdminUserCreationForm):
    class Meta:
        model = User
        fields = ("email",)


class UserEditForm(UserChangeForm):
    class Meta:
        model = User
        fields = "__all__"


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    """People and their roles: groups give the role, organisations what an editor may edit."""

    form = UserEditForm
    add_form = UserCreationForm
    fieldsets = (
        (None, {"fields": ("email", "password", "full_name")}),
        (
            "Roles",
            {
                "fields": ("is_active", "is_staff", "is_superuser", "groups", "organisations"),
                "description": "A partner editor is staff, in the group “Partner editors”, "
                "with the organisations whose records they edit. A moderator is in the "
                "group “Moderators”. A site administrator is a superuser and staff. Each "
                "works only after a code from the person's authenticator app; taking the "
                "group or staff status away ends it. The organisations stay what the person "
                "belongs to (their groups' private forums).",
            },
        ),
        ("Extra permissions", {"classes": ("collapse",), "fields": ("user_permissions",)}),
        ("Important dates", {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = (
        (
            None,
            {
                "classes": ("wide",),
                "fields": ("email", "usable_password", "password1", "password2"),
            },
        ),
    )
    list_display = ("email", "full_name", "is_staff", "is_superuser", "is_active")
    list_filter = ("is_staff", "is_superuser", "is_active", "groups")
    search_fields = ("email", "full_name")
    ordering = ("email",)
    filter_horizontal = ("groups", "user_permissions", "organisations")
    readonly_fields = ("last_login", "date_joined")


@admin.register(CspViolation)
class CspViolationAdmin(admin.ModelAdmin):
    """What browsers reported against the content security policy, for site administrators:
    read and cleared here, never written (browsers post them to /csp-report/)."""

    list_display = ("directive", "document", "blocked", "source_file", "line_number", "count",
                    "last_seen")  # fmt: skip
    list_filter = ("directive", "disposition")
    search_fields = ("document", "blocked", "source_file")
    readonly_fields = [field.name for field in CspViolation._meta.fields]

    @staticmethod
    def _site_administrator(request):
        return request.user.is_active and request.user.is_superuser

    def has_module_permission(self, request):
        return self._site_administrator(request)

    def has_view_permission(self, request, obj=None):
        return self._site_administrator(request)

    def has_delete_permission(self, request, obj=None):
        return self._site_administrator(request)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
