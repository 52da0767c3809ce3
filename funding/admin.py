from django.contrib import admin
from django.db import models
from django.utils import timezone
from simple_history.admin import SimpleHistoryAdmin

from core.admin_mixins import OrganisationScopedAdmin
from core.ownership_admin import NeedsReviewFilter, OwnedContentAdmin

from .models import ApplicantKind, FundingRound, FundingSource

# Addresses typed without a scheme are taken to be https://, as Django 6 will do.
URL_FIELDS = {models.URLField: {"assume_scheme": "https"}}


@admin.register(ApplicantKind)
class ApplicantKindAdmin(admin.ModelAdmin):
    list_display = ("name", "slug", "order")
    list_editable = ("order",)
    search_fields = ("name",)
    prepopulated_fields = {"slug": ("name",)}


class FundingRoundInline(admin.TabularInline):
    model = FundingRound
    extra = 1
    fields = ("name", "opens_on", "closes_at", "is_rolling", "decision_on", "notes")


class DeadlineFilter(admin.SimpleListFilter):
    title = "rounds"
    parameter_name = "rounds"

    def lookups(self, request, model_admin):
        return (("current", "Open now or opening later"), ("closed", "All rounds closed"))

    def queryset(self, request, queryset):
        if self.value() == "current":
            return queryset.current()
        if self.value() == "closed":
            return queryset.exclude(pk__in=queryset.current().values("pk"))
        return queryset


@admin.register(FundingSource)
class FundingSourceAdmin(OrganisationScopedAdmin, OwnedContentAdmin, SimpleHistoryAdmin):
    owner_field = "owner"
    formfield_overrides = URL_FIELDS
    list_display = (
        "name",
        "funder_display",
        "scope",
        "kind",
        "next_deadline",
        "owner",
        "is_published",
        "needs_review",
    )
    list_filter = (NeedsReviewFilter, DeadlineFilter, "scope", "kind", "is_published")
    list_select_related = ("owner", "funder")
    search_fields = ("name", "slug", "funder_name", "funder__name", "owner__name")
    prepopulated_fields = {"slug": ("name",)}
    autocomplete_fields = ("owner", "funder", "contact")
    filter_horizontal = ("eligible_applicants",)
    inlines = [FundingRoundInline]
    fieldsets = (
        (None, {"fields": ("name", "slug", "summary", "is_published")}),
        (
            "Funder and who may apply",
            {
                "description": "Choose the funder from the directory when it is there; "
                "otherwise type its name.",
                "fields": (
                    "funder",
                    "funder_name",
                    "scope",
                    "kind",
                    "eligible_applicants",
                    "eligibility",
                ),
            },
        ),
        (
            "Money",
            {"fields": ("min_amount", "max_amount", "total_pot", "match_funding_percent")},
        ),
        (
            "Links and contact",
            {"fields": ("application_url", "guidance_url", "contact")},
        ),
        ("Keeping the entry", {"fields": ("owner", "topics", "last_reviewed_on")}),
    )

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("rounds")

    def get_autocomplete_fields(self, request):
        # An editor's own organisations are a short list; the autocomplete would offer all.
        if self.is_unscoped(request):
            return self.autocomplete_fields
        return tuple(name for name in self.autocomplete_fields if name != "owner")

    @admin.display(description="Funder")
    def funder_display(self, source):
        return source.funder_display

    @admin.display(description="Next deadline")
    def next_deadline(self, source):
        funding_round = source.next_round()
        if funding_round is None:
            return "All rounds closed"
        if funding_round.is_rolling:
            return "Rolling"
        return timezone.localtime(funding_round.closes_at).strftime("%d %b %Y %H:%M")
