from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import NoReverseMatch, path, reverse
from django.utils.html import format_html, format_html_join
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from core.exports import csv_response

from . import reports
from .models import Link, LinkUsage
from .tasks import queue_check_now


def record_admin_url(usage) -> str:
    """The admin page of the record that shows the link, if the admin has one."""
    content_type = usage.content_type
    try:
        return reverse(
            f"admin:{content_type.app_label}_{content_type.model}_change",
            args=[usage.object_id],
        )
    except NoReverseMatch:
        return ""


def may_change_record(user, usage) -> bool:
    content_type = usage.content_type
    if not user.has_perm(f"{content_type.app_label}.change_{content_type.model}"):
        return False
    return user.is_superuser or usage.owner_id in user.editable_organisation_ids()


class LinkUsageInline(admin.TabularInline):
    model = LinkUsage
    extra = 0
    can_delete = False
    fields = ("record", "field_name", "owner")
    readonly_fields = fields
    verbose_name = "where it is shown"
    verbose_name_plural = "where it is shown"

    def has_add_permission(self, request, obj=None):
        return False

    @admin.display(description="Record")
    def record(self, usage):
        url = record_admin_url(usage)
        label = f"{usage.content_type.name}: {usage.record_label or usage.object_id}"
        return format_html('<a href="{}">{}</a>', url, label) if url else label


@admin.register(Link)
class LinkAdmin(admin.ModelAdmin):
    list_display = (
        "url",
        "outcome",
        "status_code",
        "error_kind",
        "consecutive_failures",
        "first_failed_at",
        "last_checked_at",
        "next_check_due",
    )
    list_filter = ("outcome", "error_kind", "consecutive_failures")
    search_fields = ("url", "host", "final_url")
    date_hierarchy = "last_checked_at"
    actions = ["check_now"]
    inlines = [LinkUsageInline]
    readonly_fields = (
        "url",
        "host",
        "outcome",
        "status_code",
        "final_url",
        "chain",
        "error_kind",
        "error_detail",
        "response_time_ms",
        "suggested_url",
        "first_failed_at",
        "consecutive_failures",
        "last_checked_at",
        "last_working_at",
        "next_check_due",
        "created_at",
    )
    fieldsets = (
        (None, {"fields": ("url", "host", "outcome", "suggested_url")}),
        (
            "Last check",
            {
                "fields": (
                    "status_code",
                    "final_url",
                    "chain",
                    "error_kind",
                    "error_detail",
                    "response_time_ms",
                    "last_checked_at",
                )
            },
        ),
        (
            "History and schedule",
            {
                "fields": (
                    "first_failed_at",
                    "consecutive_failures",
                    "last_working_at",
                    "next_check_due",
                    "created_at",
                )
            },
        ),
    )

    def has_add_permission(self, request):
        return False  # links come from the records that show them

    @admin.display(description="Redirect chain")
    def chain(self, link):
        if not link.redirect_chain:
            return "No redirects"
        return format_html(
            "<ol>{}</ol>",
            format_html_join(
                "",
                "<li>{} → {}</li>",
                ((hop.get("status"), hop.get("url")) for hop in link.redirect_chain),
            ),
        )

    @admin.action(description="Check now")
    def check_now(self, request, queryset):
        ids = list(queryset.values_list("pk", flat=True))
        transaction.on_commit(lambda: queue_check_now(ids))
        self.message_user(
            request,
            f"{len(ids)} link{'s' if len(ids) != 1 else ''} queued for checking now; "
            "the results appear here when the check has run.",
            messages.SUCCESS,
        )

    def get_urls(self):
        return [
            path(
                "broken-by-owner/",
                self.admin_site.admin_view(self.broken_by_owner),
                name="linkcheck_link_broken_by_owner",
            ),
            path(
                "<int:pk>/use-suggestion/",
                self.admin_site.admin_view(require_POST(self.use_suggestion)),
                name="linkcheck_link_use_suggestion",
            ),
            *super().get_urls(),
        ]

    def broken_by_owner(self, request):
        """Broken links grouped by the organisation that owns them; ?format=csv downloads.

        Site administrators see every owner; a partner editor sees their organisations'."""
        owner_ids = None if request.user.is_superuser else request.user.editable_organisation_ids()
        usages = reports.broken_usages(owner_ids)
        if request.GET.get("format") == "csv":
            return csv_response(
                "broken-links.csv",
                [
                    "Owner",
                    "Record",
                    "Kind of record",
                    "Field",
                    "URL",
                    "Status",
                    "Problem",
                    "First seen broken",
                    "Failed checks in a row",
                    "Last checked",
                ],
                (
                    [
                        usage.owner.name if usage.owner else "",
                        usage.record_label,
                        usage.content_type.name,
                        usage.field_name,
                        usage.link.url,
                        usage.link.status_code,
                        usage.link.get_error_kind_display(),
                        usage.link.first_failed_at,
                        usage.link.consecutive_failures,
                        usage.link.last_checked_at,
                    ]
                    for usage in usages.iterator(chunk_size=500)
                ),
            )
        groups = {}
        for usage in usages:
            usage.admin_url = record_admin_url(usage)
            groups.setdefault(usage.owner, []).append(usage)
        context = {
            **self.admin_site.each_context(request),
            "title": "Broken links by owner",
            "opts": self.model._meta,
            "groups": list(groups.items()),
            "total": sum(len(items) for items in groups.values()),
        }
        return TemplateResponse(request, "admin/linkcheck/broken_by_owner.html", context)

    def use_suggestion(self, request, pk):
        """Put the address a permanent redirect leads to into the records this user may
        change."""
        link = get_object_or_404(Link, pk=pk)
        if not link.suggested_url:
            messages.error(request, "This link has no suggested address.")
            return self._back(request)
        usages = [
            usage
            for usage in link.usages.select_related("content_type")
            if may_change_record(request.user, usage)
        ]
        if not usages:
            raise PermissionDenied("None of the records showing this link are yours to change.")
        updated = 0
        with transaction.atomic():
            for usage in usages:
                model = usage.content_type.model_class()
                record = model._default_manager.filter(pk=usage.object_id).first()
                if record is None:
                    continue
                setattr(record, usage.field_name, link.suggested_url)
                record.save()
                updated += 1
        messages.success(
            request,
            f"Updated {updated} record{'s' if updated != 1 else ''} to {link.suggested_url}.",
        )
        return self._back(request)

    def _back(self, request):
        target = request.POST.get("next", "")
        if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
            target = reverse("admin:index")
        return redirect(target)
