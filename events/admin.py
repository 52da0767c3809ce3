from django.contrib import admin
from django.db import models
from simple_history.admin import SimpleHistoryAdmin

from core.admin_mixins import OrganisationScopedAdmin
from core.ownership_admin import NeedsReviewFilter, OwnedContentAdmin

from .models import Event

URL_FIELDS = {models.URLField: {"assume_scheme": "https"}}


class WhenFilter(admin.SimpleListFilter):
    title = "when"
    parameter_name = "when"

    def lookups(self, request, model_admin):
        return (("upcoming", "Coming up"), ("past", "Past"))

    def queryset(self, request, queryset):
        if self.value() == "upcoming":
            return queryset.upcoming()
        if self.value() == "past":
            return queryset.past()
        return queryset


@admin.register(Event)
class EventAdmin(OrganisationScopedAdmin, OwnedContentAdmin, SimpleHistoryAdmin):
    owner_field = "organiser"
    formfield_overrides = URL_FIELDS
    list_display = ("title", "kind", "starts_at", "organiser", "is_published", "needs_review")
    list_filter = (WhenFilter, NeedsReviewFilter, "kind", "is_published")
    list_select_related = ("organiser",)
    search_fields = ("title", "slug", "venue", "organiser__name")
    prepopulated_fields = {"slug": ("title",)}
    autocomplete_fields = ("organiser", "papers")
    date_hierarchy = "starts_at"
    fieldsets = (
        (None, {"fields": ("title", "slug", "kind", "summary", "is_published")}),
        ("When", {"description": "London time.", "fields": ("starts_at", "ends_at")}),
        ("Where", {"fields": ("venue", "address", "online_url")}),
        ("Taking part", {"fields": ("booking_url", "capacity", "agenda")}),
        (
            "After the event",
            {
                "description": "Slides, minutes and papers: add them to Papers first.",
                "fields": ("papers",),
            },
        ),
        ("Keeping the entry", {"fields": ("organiser", "topics", "last_reviewed_on")}),
    )

    def get_autocomplete_fields(self, request):
        if self.is_unscoped(request):
            return self.autocomplete_fields
        return tuple(name for name in self.autocomplete_fields if name != "organiser")
