from django import forms
from django.contrib import admin, messages
from django.db import models
from django.http import HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from simple_history.admin import SimpleHistoryAdmin

from core.admin_mixins import OrganisationScopedAdmin
from core.ownership_admin import NeedsReviewFilter, OwnedContentAdmin

from .imports import COLUMNS, ImportFileError, ProjectImporter, decode, template_csv
from .models import ProblemReport, Programme, Project, RelatedLink

# Addresses typed without a scheme are taken to be https://, as Django 6 will do.
URL_FIELDS = {models.URLField: {"assume_scheme": "https"}}
IMPORT_SESSION_KEY = "projects:import"


@admin.register(Programme)
class ProgrammeAdmin(admin.ModelAdmin):
    list_display = ("name", "slug", "order")
    list_editable = ("order",)
    search_fields = ("name",)
    prepopulated_fields = {"slug": ("name",)}


class RelatedLinkInline(admin.TabularInline):
    model = RelatedLink
    extra = 1
    fields = ("title", "url", "kind", "order")
    formfield_overrides = URL_FIELDS


class ProjectAdminForm(forms.ModelForm):
    """The admin builds the fields from ProjectAdmin.fieldsets; this adds one cross-check."""

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("london_wide") and cleaned.get("areas"):
            self.add_error(
                "areas",
                "A London-wide project covers every area: leave the areas empty, or untick "
                "London-wide.",
            )
        return cleaned


@admin.register(Project)
class ProjectAdmin(OrganisationScopedAdmin, OwnedContentAdmin, SimpleHistoryAdmin):
    owner_field = "lead_organisation"
    form = ProjectAdminForm
    formfield_overrides = URL_FIELDS
    change_list_template = "admin/projects/project/change_list.html"
    list_display = (
        "title",
        "lead_organisation",
        "programme",
        "status",
        "is_published",
        "last_reviewed_on",
        "needs_review",
    )
    list_filter = (
        NeedsReviewFilter,
        "status",
        "programme",
        "is_published",
        "london_wide",
        "areas__sub_region",
    )
    list_select_related = ("lead_organisation", "programme")
    search_fields = ("title", "summary", "slug", "lead_organisation__name")
    prepopulated_fields = {"slug": ("title",)}
    autocomplete_fields = ("lead_organisation", "partners", "areas", "contacts")
    date_hierarchy = "updated_at"
    inlines = [RelatedLinkInline]
    fieldsets = (
        (None, {"fields": ("title", "slug", "summary", "description", "is_published")}),
        ("Status and dates", {"fields": ("status", "start_date", "end_date")}),
        (
            "Who and where",
            {
                "description": "The lead organisation keeps this entry. A London-wide project "
                "covers all 33 local authorities; otherwise list the areas it covers.",
                "fields": ("lead_organisation", "partners", "london_wide", "areas", "contacts"),
            },
        ),
        ("Money", {"fields": ("programme", "budget", "funding_awarded")}),
        ("More", {"fields": ("website", "topics", "outcomes", "last_reviewed_on")}),
    )

    def get_autocomplete_fields(self, request):
        # An editor's own organisations are a short list; the autocomplete would offer all.
        if self.is_unscoped(request):
            return self.autocomplete_fields
        return tuple(name for name in self.autocomplete_fields if name != "lead_organisation")

    # CSV import: check the whole file, show every problem, import only a clean file.

    def get_urls(self):
        own = [
            path(
                "import/",
                self.admin_site.admin_view(self.import_view),
                name="projects_project_import",
            ),
            path(
                "import/template.csv",
                self.admin_site.admin_view(self.import_template_view),
                name="projects_project_import_template",
            ),
        ]
        return own + super().get_urls()

    def _importer(self, request):
        if self.is_unscoped(request):
            return ProjectImporter(may_edit=lambda organisation_id: True)
        editable = self.editable_organisation_ids(request)
        return ProjectImporter(may_edit=lambda organisation_id: organisation_id in editable)

    def import_template_view(self, request):
        if not self.has_add_permission(request):
            return HttpResponse(status=403)
        response = HttpResponse(template_csv(), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = 'attachment; filename="projects-import-template.csv"'
        return response

    def import_view(self, request):
        if not self.has_add_permission(request):
            return HttpResponse("You may not import projects.", status=403)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": "Import projects from a CSV file",
            "columns": COLUMNS,
            "result": None,
            "file_error": None,
        }
        if request.method == "POST" and request.POST.get("confirm"):
            text = request.session.get(IMPORT_SESSION_KEY)
            if text is None:
                messages.error(request, "Upload the file again: the checked copy has expired.")
                return redirect("admin:projects_project_import")
            importer = self._importer(request)
            result = importer.check(text)
            if result.is_clean:
                count = importer.save(result)
                del request.session[IMPORT_SESSION_KEY]
                messages.success(request, f"Imported {count} projects from the file.")
                return redirect("admin:projects_project_changelist")
            context["result"] = result
        elif request.method == "POST":
            upload = request.FILES.get("file")
            if upload is None:
                context["file_error"] = "Choose a CSV file to upload."
            else:
                try:
                    text = decode(upload.read(1024 * 1024 + 1))
                except ImportFileError as error:
                    context["file_error"] = str(error)
                else:
                    result = self._importer(request).check(text)
                    context["result"] = result
                    if result.is_clean:
                        request.session[IMPORT_SESSION_KEY] = text
                    else:
                        request.session.pop(IMPORT_SESSION_KEY, None)
        return TemplateResponse(request, "admin/projects/project/import.html", context)

    def changelist_view(self, request, extra_context=None):
        extra_context = {
            **(extra_context or {}),
            "import_url": reverse("admin:projects_project_import"),
            "may_import": self.has_add_permission(request),
        }
        return super().changelist_view(request, extra_context)


@admin.register(ProblemReport)
class ProblemReportAdmin(OrganisationScopedAdmin, admin.ModelAdmin):
    owner_field = "project__lead_organisation"
    list_display = ("project", "received_at", "email_outcome", "resolved")
    list_filter = ("resolved",)
    list_select_related = ("project",)
    search_fields = ("project__title", "details")
    readonly_fields = (
        "project",
        "details",
        "reporter_name",
        "reporter_email",
        "received_at",
        "email_outcome",
    )
    fields = (*readonly_fields, "resolved")

    def has_add_permission(self, request):
        # Reports come from visitors, through the form on each project's page.
        return False
