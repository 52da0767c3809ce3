import datetime

from django.contrib import admin, messages
from django.core.mail import send_mail
from django.db import models, transaction
from django.db.models import Case, IntegerField, Q, Value, When
from django.utils import timezone
from simple_history.admin import SimpleHistoryAdmin

from core.admin_mixins import OrganisationScopedAdmin

from .erasure import erase_contact
from .models import (
    Contact,
    CorrectionRequest,
    Group,
    Organisation,
    RequestStatus,
    RoleArea,
)

# Addresses typed without a scheme are taken to be https://, as Django 6 will do.
URL_FIELDS = {models.URLField: {"assume_scheme": "https"}}

# The facts loaded by load_reference_data; partner editors keep their own summary, address,
# website and topics up to date, but only site administrators change these.
REFERENCE_FIELDS = (
    "name",
    "slug",
    "kind",
    "sub_region",
    "parent",
    "status",
    "closed_on",
    "closed_on_precision",
    "successor",
)


@admin.register(Organisation)
class OrganisationAdmin(OrganisationScopedAdmin, SimpleHistoryAdmin):
    owner_field = "pk"
    formfield_overrides = URL_FIELDS
    list_display = ("name", "short_name", "kind", "sub_region", "status")
    list_filter = ("kind", "sub_region", "status")
    search_fields = ("name", "short_name", "slug")
    prepopulated_fields = {"slug": ("name",)}
    autocomplete_fields = ("parent", "successor")
    fieldsets = (
        (None, {"fields": ("name", "short_name", "slug", "kind", "sub_region", "parent")}),
        ("About", {"fields": ("summary", "website", "address", "topics")}),
        ("Status", {"fields": ("status", "closed_on", "closed_on_precision", "successor")}),
    )

    def choosable_by(self, request):
        """Any organisation may be a partner, an area, a funder, a parent or a member."""
        return Organisation.objects.all()

    def get_readonly_fields(self, request, obj=None):
        if request.user.is_superuser:
            return ()
        return REFERENCE_FIELDS

    def get_prepopulated_fields(self, request, obj=None):
        return self.prepopulated_fields if request.user.is_superuser else {}


class ReviewFilter(admin.SimpleListFilter):
    title = "review"
    parameter_name = "review"

    def lookups(self, request, model_admin):
        return (("due", "Past review-by date (hidden)"), ("current", "Current"))

    def queryset(self, request, queryset):
        today = timezone.localdate()
        if self.value() == "due":
            return queryset.filter(review_by__lt=today)
        if self.value() == "current":
            return queryset.filter(review_by__gte=today)
        return queryset


@admin.register(Contact)
class ContactAdmin(OrganisationScopedAdmin, SimpleHistoryAdmin):
    owner_field = "organisation"
    list_display = (
        "name",
        "organisation",
        "job_title",
        "listing_visibility",
        "review_by",
        "is_due_for_review",
    )
    list_filter = (
        ReviewFilter,
        "listing_visibility",
        "lawful_basis",
        "organisation__kind",
        "organisation__sub_region",
    )
    list_select_related = ("organisation",)
    search_fields = ("name", "email", "job_title", "organisation__name", "organisation__short_name")
    prepopulated_fields = {"slug": ("name",)}
    filter_horizontal = ("role_areas",)
    actions = ("mark_reviewed",)
    fieldsets = (
        (
            "Person",
            {
                "fields": (
                    "name",
                    "slug",
                    "job_title",
                    "organisation",
                    "role_areas",
                    "topics",
                    "email",
                    "phone",
                    "profile",
                )
            },
        ),
        (
            "Who may see what",
            {
                "description": "An entry that is not public never appears on public pages, "
                "in search, feeds or exports. E-mail and telephone are staff-only unless the "
                "person has agreed otherwise.",
                "fields": (
                    "listing_visibility",
                    "job_title_visibility",
                    "email_visibility",
                    "phone_visibility",
                    "profile_visibility",
                ),
            },
        ),
        (
            "UK GDPR",
            {"fields": ("lawful_basis", "source", "recorded_on", "consent_given_on", "review_by")},
        ),
    )

    def delete_model(self, request, obj):
        """Deleting a person's entry erases it: no history, log entry or index term is kept."""
        erase_contact(obj, request.user)

    def delete_queryset(self, request, queryset):
        for contact in queryset:
            erase_contact(contact, request.user)

    @admin.display(boolean=True, description="Due for review")
    def is_due_for_review(self, contact):
        return contact.is_due_for_review

    @admin.action(description="Mark as reviewed: review again in a year")
    def mark_reviewed(self, request, queryset):
        review_by = timezone.localdate() + datetime.timedelta(days=365)
        # Saved one by one so that history, search and the cache follow each change.
        with transaction.atomic():
            contacts = list(queryset)
            for contact in contacts:
                contact.review_by = review_by
                contact.save(update_fields=["review_by", "updated_at"])
        self.message_user(
            request, f"{len(contacts)} entries to be reviewed again by {review_by:%d %B %Y}."
        )


@admin.register(Group)
class GroupAdmin(OrganisationScopedAdmin, SimpleHistoryAdmin):
    owner_field = "convenor"
    formfield_overrides = URL_FIELDS
    list_display = ("name", "kind", "sub_region", "convenor", "is_active")
    list_filter = ("kind", "sub_region", "is_active")
    list_select_related = ("convenor",)
    search_fields = ("name", "shared_project", "convenor__name")
    prepopulated_fields = {"slug": ("name",)}
    autocomplete_fields = ("members", "convenor_contact")

    def choosable_by(self, request):
        """A paper or a forum is filed under a group the editor's organisations convene or
        belong to, not under anyone else's."""
        if self.is_unscoped(request):
            return Group.objects.all()
        ids = self.editable_organisation_ids(request)
        return Group.objects.filter(Q(convenor__in=ids) | Q(members__in=ids)).distinct()


@admin.register(RoleArea)
class RoleAreaAdmin(admin.ModelAdmin):
    list_display = ("name", "slug")
    search_fields = ("name",)
    prepopulated_fields = {"slug": ("name",)}


class SiteAdministratorsOnly:
    """Requests hold personal data about people who are not users: superusers only."""

    def has_module_permission(self, request):
        return request.user.is_active and request.user.is_superuser

    def has_view_permission(self, request, obj=None):
        return self.has_module_permission(request)

    def has_change_permission(self, request, obj=None):
        return self.has_module_permission(request)

    def has_delete_permission(self, request, obj=None):
        return self.has_module_permission(request)

    def has_add_permission(self, request):
        # Requests come in through the public form, with the requester's own words.
        return False


@admin.register(CorrectionRequest)
class CorrectionRequestAdmin(SiteAdministratorsOnly, admin.ModelAdmin):
    list_display = (
        "reference",
        "kind",
        "contact",
        "received_at",
        "respond_by",
        "status",
        "is_overdue",
    )
    list_filter = ("status", "kind", "anonymised")
    list_select_related = ("contact",)
    search_fields = ("requester_name", "requester_email", "details", "contact__name")
    date_hierarchy = "received_at"
    actions = ("erase_contact_entries", "mark_done")
    readonly_fields = (
        "reference",
        "contact",
        "kind",
        "requester_name",
        "requester_email",
        "details",
        "received_at",
        "respond_by",
        "anonymised",
        "handled_by",
        "closed_at",
    )
    fields = readonly_fields[:8] + ("status", "outcome", "handled_by", "closed_at", "anonymised")

    def get_queryset(self, request):
        # Not super(): it orders by get_ordering() before the annotation exists.
        today = timezone.localdate()
        return (
            self.model._default_manager.get_queryset()
            .annotate(
                urgency=Case(
                    When(status=RequestStatus.OPEN, respond_by__lt=today, then=Value(0)),
                    When(status=RequestStatus.OPEN, then=Value(1)),
                    default=Value(2),
                    output_field=IntegerField(),
                )
            )
            .order_by(*self.get_ordering(request))
        )

    def get_ordering(self, request):
        # Overdue first, then the other open requests by deadline, then the answered ones.
        return ("urgency", "respond_by", "pk")

    @admin.display(description="Reference")
    def reference(self, obj):
        return obj.reference

    @admin.display(boolean=True, description="Overdue")
    def is_overdue(self, obj):
        return obj.is_overdue

    def save_model(self, request, obj, form, change):
        if "status" in form.changed_data and obj.status != RequestStatus.OPEN:
            obj.closed_at = timezone.now()
            obj.handled_by = request.user
        super().save_model(request, obj, form, change)

    @admin.action(description="Erase the contact entry")
    def erase_contact_entries(self, request, queryset):
        erased = skipped = 0
        for correction_request in queryset.select_related("contact"):
            contact = correction_request.contact
            if contact is None:
                skipped += 1
                continue
            # Held in memory only, to tell the requester; erasure blanks it in the database.
            requester_email = correction_request.requester_email
            reference = correction_request.reference
            with transaction.atomic():
                erase_contact(contact, request.user)
                CorrectionRequest.objects.filter(pk=correction_request.pk).update(
                    status=RequestStatus.DONE,
                    outcome="The directory entry was erased.",
                    closed_at=timezone.now(),
                    handled_by=request.user,
                )
                if requester_email:
                    transaction.on_commit(
                        lambda email=requester_email, ref=reference: send_mail(
                            f"Your request {ref}: the entry has been removed",
                            "We have removed the directory entry you asked about, with its "
                            "history and from our search index. We have also removed your name "
                            "and e-mail address from our record of your request.\n\n"
                            "The LondonConnects team",
                            None,
                            [email],
                        )
                    )
            erased += 1
        if erased:
            self.message_user(
                request,
                f"Erased {erased} contact entr{'y' if erased == 1 else 'ies'}; the requests "
                "that named them are anonymised and marked done.",
                messages.SUCCESS,
            )
        if skipped:
            self.message_user(
                request,
                f"{skipped} request{'s' if skipped != 1 else ''} named no entry (or its entry "
                "was already erased), so nothing was erased for "
                f"{'them' if skipped != 1 else 'it'}.",
                messages.WARNING,
            )

    @admin.action(description="Mark as done")
    def mark_done(self, request, queryset):
        updated = queryset.filter(status=RequestStatus.OPEN).update(
            status=RequestStatus.DONE, closed_at=timezone.now(), handled_by=request.user
        )
        self.message_user(request, f"{updated} request{'s' if updated != 1 else ''} marked done.")
