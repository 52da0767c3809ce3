"""Site administrators order and describe the categories here. Threads, posts, flags,
suspensions and the log are shown read-only: moderators act through the moderation pages,
which ask for a reason and log every action."""

from django.contrib import admin

from core.ownership_admin import TopicsAdmin

from .models import Category, Flag, ModerationAction, Post, PostRevision, Suspension, Thread


@admin.register(Category)
class CategoryAdmin(TopicsAdmin, admin.ModelAdmin):
    list_display = ("name", "position", "group", "members_only", "thread_count", "post_count")
    list_editable = ("position",)
    list_filter = ("members_only",)
    search_fields = ("name", "description")
    prepopulated_fields = {"slug": ("name",)}
    autocomplete_fields = ("group",)
    fields = ("name", "slug", "description", "position", "group", "members_only", "topics")


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Thread)
class ThreadAdmin(ReadOnlyAdmin):
    list_display = (
        "title",
        "category",
        "author",
        "post_count",
        "last_active_at",
        "is_pinned",
        "is_locked",
        "is_hidden",
    )
    list_filter = ("category", "is_pinned", "is_locked", "is_hidden")
    search_fields = ("title",)
    list_select_related = ("category", "author")
    date_hierarchy = "last_active_at"


@admin.register(Post)
class PostAdmin(ReadOnlyAdmin):
    list_display = ("__str__", "author", "status", "created_at", "edited_at")
    list_filter = ("status",)
    search_fields = ("body", "thread__title")
    list_select_related = ("thread", "author")
    date_hierarchy = "created_at"


@admin.register(PostRevision)
class PostRevisionAdmin(ReadOnlyAdmin):
    list_display = ("post", "editor", "replaced_at")
    list_select_related = ("post__thread", "editor")


@admin.register(Flag)
class FlagAdmin(ReadOnlyAdmin):
    list_display = ("post", "flagger", "reason", "created_at", "resolved_at")
    list_filter = ("reason",)
    list_select_related = ("post__thread", "flagger")


@admin.register(Suspension)
class SuspensionAdmin(ReadOnlyAdmin):
    list_display = ("member", "starts_at", "ends_at", "lifted_at", "suspended_by")
    list_select_related = ("member", "suspended_by")


@admin.register(ModerationAction)
class ModerationActionAdmin(ReadOnlyAdmin):
    list_display = ("created_at", "actor", "kind", "thread", "member", "reason")
    list_filter = ("kind",)
    list_select_related = ("actor", "thread", "member")
    date_hierarchy = "created_at"
