from django import forms
from django.contrib import admin, messages
from django.db import models, transaction
from django.db.models import OuterRef, Subquery
from django.utils import timezone
from simple_history.admin import SimpleHistoryAdmin

from contacts.models import Organisation
from core.admin_mixins import OrganisationScopedAdmin
from linkcheck.models import Link

from .models import Category, Entry, Suggestion, SuggestionStatus, web_address


@admin.register(Category)
class CategoryAdmin(admin.ModelAdmin):
    list_display = ("name", "parent", "position", "slug")
    list_editable = ("position",)
    list_filter = ("parent",)
    search_fields = ("name", "slug")
    prepopulated_fields = {"slug": ("name",)}
    ordering = ("parent__position", "parent__name", "position", "name")


@admin.register(Entry)
class EntryAdmin(OrganisationScopedAdmin, SimpleHistoryAdmin):
    owner_field = Entry.OWNER_FIELD
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    list_display = (
        "title",
        "primary_category",
        "owner",
        "link_health",
        "added_on",
        "last_verified_on",
    )
    list_filter = ("primary_category", "owner")
    search_fields = ("title", "url", "description")
    filter_horizontal = ("other_categories",)
    date_hierarchy = "added_on"
    fields = (
        "title",
        "url",
        "description",
        "primary_category",
        "other_categories",
        "owner",
        "topics",
        "added_on",
        "last_verified_on",
    )

    def get_queryset(self, request):
        links = Link.objects.filter(url=OuterRef("url"))
        return (
            super()
            .get_queryset(request)
            .select_related("primary_category", "owner")
            .annotate(
                link_outcome=Subquery(links.values("outcome")[:1]),
                link_failures=Subquery(links.values("consecutive_failures")[:1]),
            )
        )

    @admin.display(description="Link health", ordering="link_outcome")
    def link_health(self, entry):
        from linkcheck.outcomes import Outcome

        if not entry.link_outcome:
            return "Not registered yet"
        label = Outcome(entry.link_outcome).label
        if entry.link_failures and entry.link_outcome != Outcome.BROKEN:
            label += f" (failed {entry.link_failures} check(s) in a row)"
        return label


class ModerationForm(forms.ModelForm):
    """Approve a suggestion into a category (it becomes an entry) or reject it with a
    reason; the title, address and reason may be tidied first."""

    decision = forms.ChoiceField(
        choices=[
            ("", "Not decided yet"),
            ("approve", "Approve: add it to the e-index"),
            ("reject", "Reject"),
        ],
        required=False,
        widget=forms.RadioSelect,
    )
    url = forms.URLField(
        label="Web address", max_length=2000, assume_scheme="https", validators=[web_address]
    )
    owner = forms.ModelChoiceField(
        Organisation.objects.active(),
        required=False,
        help_text="When approving: the organisation that will keep the entry up to date.",
    )

    class Meta:
        model = Suggestion
        fields = ["title", "url", "reason", "category", "rejection_reason"]
        help_texts = {
            "category": "When approving: the category the entry goes in.",
            "rejection_reason": "When rejecting: why, in a sentence the suggester could read.",
        }

    def clean(self):
        cleaned = super().clean()
        decision = cleaned.get("decision")
        if decision and not self.instance.is_pending:
            raise forms.ValidationError("This suggestion has already been decided.")
        if decision == "approve":
            if not cleaned.get("category"):
                self.add_error("category", "Choose the category the entry goes in.")
            if not cleaned.get("owner"):
                self.add_error("owner", "Choose the organisation that will keep the entry.")
        if decision == "reject" and not (cleaned.get("rejection_reason") or "").strip():
            self.add_error("rejection_reason", "Give the reason for rejecting the suggestion.")
        return cleaned


@admin.register(Suggestion)
class SuggestionAdmin(admin.ModelAdmin):
    form = ModerationForm
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    list_display = ("title", "url", "category", "status", "received_at")
    list_filter = ("status", "category")
    search_fields = ("title", "url", "reason")
    date_hierarchy = "received_at"
    actions = ["reject_as_spam"]
    readonly_fields = (
        "suggester_name",
        "suggester_email",
        "received_at",
        "status",
        "entry",
        "decided_by",
        "decided_at",
    )

    def get_fieldsets(self, request, obj=None):
        suggested = ("title", "url", "reason", "suggester_name", "suggester_email", "received_at")
        if obj is not None and not obj.is_pending:
            outcome = ("status", "entry", "rejection_reason", "decided_by", "decided_at")
            return ((None, {"fields": suggested}), ("Decision", {"fields": outcome}))
        decision = ("decision", "category", "owner", "rejection_reason")
        return ((None, {"fields": suggested}), ("Decision", {"fields": decision}))

    def get_readonly_fields(self, request, obj=None):
        if obj is not None and not obj.is_pending:
            return (*self.readonly_fields, "title", "url", "reason", "rejection_reason")
        return self.readonly_fields

    def has_add_permission(self, request):
        return False  # suggestions come from the public form

    def save_model(self, request, obj, form, change):
        decision = form.cleaned_data.get("decision")
        with transaction.atomic():
            if decision == "approve":
                obj.entry = Entry.objects.create(
                    title=obj.title,
                    url=obj.url,
                    description=obj.reason,
                    primary_category=obj.category,
                    owner=form.cleaned_data["owner"],
                )
                obj.status = SuggestionStatus.APPROVED
            elif decision == "reject":
                obj.status = SuggestionStatus.REJECTED
            if decision:
                obj.decided_by = request.user
                obj.decided_at = timezone.now()
            super().save_model(request, obj, form, change)
        if decision == "approve":
            messages.info(request, f"“{obj.title}” is now in the e-index under {obj.category}.")

    @admin.action(description="Reject selected suggestions as spam")
    def reject_as_spam(self, request, queryset):
        updated = queryset.filter(status=SuggestionStatus.PENDING).update(
            status=SuggestionStatus.REJECTED,
            rejection_reason="Spam",
            decided_by=request.user,
            decided_at=timezone.now(),
        )
        self.message_user(request, f"{updated} suggestion(s) rejected as spam.", messages.SUCCESS)
