from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.contrib.auth.forms import AdminUserCreationForm, UserChangeForm

from .models import User


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
                "group “Moderators”. A site administrator is a superuser.",
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
