"""Site administrators see the runs with their counts, every delivery (a failed one can be
sent again), the members' subscriptions, and a preview of any member's next digest."""

from csp.constants import UNSAFE_INLINE
from csp.decorators import csp_update
from django import forms
from django.contrib import admin, messages
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.http import urlencode

from . import mail
from .models import SCHEDULED, Delivery, Run, SavedSearch, Subscriber
from .sending import next_digest
from .tasks import retry_deliveries


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Run)
class RunAdmin(ReadOnlyAdmin):
    list_display = (
        "__str__",
        "started_at",
        "finished_at",
        "planned",
        "members",
        "sent",
        "skipped",
        "failed",
    )
    list_filter = ("kind",)
    fields = ("kind", "period", "until", "planned", "started_at", "finished_at")

    def get_queryset(self, request):
        return super().get_queryset(request).with_counts()

    @admin.display(description="deliveries", ordering="members")
    def members(self, run):
        url = reverse("admin:digests_delivery_changelist") + f"?run__id__exact={run.pk}"
        return format_html('<a href="{}">{}</a>', url, run.members)

    @admin.display(ordering="sent")
    def sent(self, run):
        return run.sent

    @admin.display(description="nothing new", ordering="skipped")
    def skipped(self, run):
        return run.skipped

    @admin.display(description="failed or interrupted", ordering="failed")
    def failed(self, run):
        return run.failed


@admin.register(Delivery)
class DeliveryAdmin(ReadOnlyAdmin):
    list_display = ("member", "kind", "period", "status", "attempts", "sent_at", "error")
    list_filter = ("status", "kind", "run")
    search_fields = ("member__email", "address", "period")
    list_select_related = ("member",)
    actions = ("send_again",)
    fields = (
        "member",
        "address",
        "kind",
        "period",
        "run",
        "status",
        "since",
        "until",
        "attempts",
        "claimed_at",
        "sent_at",
        "error",
        "summary",
    )

    @admin.action(description="Send the selected failed or interrupted e-mails again")
    def send_again(self, request, queryset):
        count = retry_deliveries(queryset)
        skipped = queryset.count() - count
        message = f"{count} e-mail{'s' if count != 1 else ''} queued to be sent again."
        if skipped:
            message += f" {skipped} left alone: only failed or interrupted ones are sent again."
        level = messages.SUCCESS if count else messages.WARNING
        self.message_user(request, message, level)

    def get_actions(self, request):
        actions = super().get_actions(request)
        if not request.user.is_superuser:
            actions.pop("send_again", None)
        return actions


class PreviewForm(forms.Form):
    email = forms.EmailField(label="Member’s e-mail address")
    kind = forms.ChoiceField(label="Digest", choices=[(k.value, k.label) for k in SCHEDULED])

    def clean_email(self):
        email = self.cleaned_data["email"]
        member = get_user_model().objects.filter(email__iexact=email).first()
        if member is None:
            raise forms.ValidationError("No member has this e-mail address.")
        self.member = member
        return email


@admin.register(Subscriber)
class SubscriberAdmin(admin.ModelAdmin):
    list_display = (
        "member",
        "forum_frequency",
        "topic_frequency",
        "deadline_frequency",
        "organisation_frequency",
        "preview",
    )
    list_filter = (
        "forum_frequency",
        "topic_frequency",
        "deadline_frequency",
        "organisation_frequency",
    )
    search_fields = ("member__email", "member__full_name")
    list_select_related = ("member",)
    autocomplete_fields = ("member",)
    filter_horizontal = ("topics", "applicant_kinds")

    @admin.display(description="next digest")
    def preview(self, subscriber):
        url = reverse("admin:digests_preview") + "?" + urlencode({"email": subscriber.member.email})
        return format_html('<a href="{}">Preview</a>', url)

    def get_urls(self):
        return [
            path(
                "preview/",
                self.admin_site.admin_view(self.preview_view),
                name="digests_preview",
            ),
            path(
                "preview/html/",
                self.admin_site.admin_view(self.preview_html_view),
                name="digests_preview_html",
            ),
            *super().get_urls(),
        ]

    def _preview(self, request):
        if not self.has_view_permission(request):
            raise PermissionDenied
        form = PreviewForm(request.GET or None, initial={"kind": SCHEDULED[0].value})
        if not form.is_valid():
            return form, None, None
        member = form.member
        digest = next_digest(member, form.cleaned_data["kind"])
        return form, member, digest

    def preview_view(self, request):
        form, member, digest = self._preview(request)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": "Preview a member’s next digest",
            "form": form,
            "member": member,
            "digest": digest,
        }
        if digest is not None and not digest.is_empty:
            subject, text, _ = mail.render(member, digest)
            context.update(subject=subject, text=text, html_url=f"html/?{request.GET.urlencode()}")
        return TemplateResponse(request, "admin/digests/preview.html", context)

    @csp_update({"style-src": [UNSAFE_INLINE]})
    def preview_html_view(self, request):
        """The HTML part exactly as it would be sent (its inline styles need the CSP eased)."""
        form, member, digest = self._preview(request)
        if digest is None or digest.is_empty:
            return HttpResponse("Nothing to preview.", content_type="text/plain", status=404)
        return HttpResponse(mail.render(member, digest)[2])


@admin.register(SavedSearch)
class SavedSearchAdmin(admin.ModelAdmin):
    list_display = ("name", "member", "scope", "query", "frequency", "created_at")
    list_filter = ("scope", "frequency")
    search_fields = ("name", "member__email", "query")
    list_select_related = ("member",)
    autocomplete_fields = ("member",)
