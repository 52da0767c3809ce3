from django import forms
from django.contrib import admin, messages
from django.db import models, transaction
from django.utils.html import format_html
from simple_history.admin import SimpleHistoryAdmin

from core.admin_mixins import OrganisationScopedAdmin
from core.ownership_admin import NeedsReviewFilter, OwnedContentAdmin

from .models import Extraction, Paper
from .tasks import queue_extraction
from .uploads import identify, max_upload_mb

URL_FIELDS = {models.URLField: {"assume_scheme": "https"}}
# What describes the uploaded file, which an old version keeps only while its file exists.
FILE_FIELDS = (
    "file",
    "file_format",
    "file_size",
    "page_count",
    "extraction",
    "extraction_error",
    "extracted_text",
    "extracted_at",
)


class PaperAdminForm(forms.ModelForm):
    """Checks an upload by its bytes and records its format and size."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "file" in self.fields:
            self.fields["file"].help_text = (
                "PDF, Word (DOCX), Excel (XLSX), OpenDocument text (ODT) or CSV, up to "
                f"{max_upload_mb()} MB."
            )
        self.revert_note = self._keep_files_that_exist()
        if self.revert_note:
            self.initial["file"] = self.instance.file

    def _keep_files_that_exist(self) -> str:
        """An old version from the history names a file deleted since (papers/files.py):
        take the paper's current file, or none, in its place; say so, or return ""."""
        paper = self.instance
        if not paper.pk or not paper.file or paper.file.storage.exists(paper.file.name):
            return ""
        current = Paper.objects.filter(pk=paper.pk).values(*FILE_FIELDS).first()
        if current is None or current["file"] == paper.file.name:
            return ""
        if current["file"] and paper.file.storage.exists(current["file"]):
            for name in FILE_FIELDS:
                setattr(paper, name, current[name])
            return (
                "The file of that version has been deleted, so the current file is kept: "
                f"{paper.download_facts}."
            )
        paper.file, paper.file_format, paper.file_size, paper.page_count = "", "", None, None
        paper.extraction, paper.extraction_error = Extraction.NOT_NEEDED, ""
        paper.extracted_text, paper.extracted_at = "", None
        return (
            "The file of that version has been deleted and this paper has no file now: "
            "upload the paper, or give the link to it."
        )

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if upload and "file" in self.changed_data:
            self.detected = identify(upload)
        return upload

    def _post_clean(self):
        detected = getattr(self, "detected", None)
        if detected is not None:
            self.instance.file_format, self.instance.file_size = detected
            self.instance.page_count = None
        elif "file" in self.changed_data and not self.cleaned_data.get("file"):
            # The file was cleared: nothing to describe or read any more.
            self.instance.file_format, self.instance.file_size = "", None
            self.instance.page_count = None
        super()._post_clean()


@admin.register(Paper)
class PaperAdmin(OrganisationScopedAdmin, OwnedContentAdmin, SimpleHistoryAdmin):
    owner_field = "publisher"
    form = PaperAdminForm
    formfield_overrides = URL_FIELDS
    actions = ("mark_reviewed", "extract_text_again")
    list_display = (
        "title",
        "kind",
        "publisher",
        "group",
        "published_on",
        "file_facts",
        "extraction_outcome",
        "is_published",
        "needs_review",
    )
    list_filter = (NeedsReviewFilter, "extraction", "kind", "is_published", "file_format")
    list_select_related = ("publisher", "group")
    search_fields = ("title", "slug", "summary", "publisher__name", "group__name")
    prepopulated_fields = {"slug": ("title",)}
    autocomplete_fields = ("publisher", "group", "related_projects")
    date_hierarchy = "published_on"
    readonly_fields = ("file_facts", "extraction_outcome", "extracted_text_start")
    fieldsets = (
        (None, {"fields": ("title", "slug", "kind", "summary", "is_published")}),
        (
            "Who published it",
            {
                "description": "The publishing organisation keeps this entry. For a group’s "
                "paper, leave the organisation empty to use the group’s convenor.",
                "fields": ("publisher", "group", "published_on"),
            },
        ),
        (
            "The paper",
            {
                "description": "Upload the file, or give the link to where it is published: "
                "one or the other.",
                "fields": ("file", "file_facts", "external_url"),
            },
        ),
        (
            "Text for search",
            {"fields": ("extraction_outcome", "extracted_text_start")},
        ),
        ("More", {"fields": ("related_projects", "topics", "last_reviewed_on")}),
    )

    def get_queryset(self, request):
        return super().get_queryset(request).defer("extracted_text")

    def get_autocomplete_fields(self, request):
        if self.is_unscoped(request):
            return self.autocomplete_fields
        return tuple(name for name in self.autocomplete_fields if name != "publisher")

    @admin.display(description="File")
    def file_facts(self, paper):
        if not paper.file:
            return "Link only" if paper.external_url else "–"
        return paper.download_facts

    @admin.display(description="Text for search", ordering="extraction")
    def extraction_outcome(self, paper):
        if paper.extraction == Extraction.FAILED:
            return format_html(
                "<strong>Could not be read:</strong> {}",
                paper.extraction_error,
            )
        # An extracted text cut short by the limits says so.
        return paper.extraction_error or paper.get_extraction_display()

    @admin.display(description="Text found (start)")
    def extracted_text_start(self, paper):
        text = Paper.objects.filter(pk=paper.pk).values_list("extracted_text", flat=True).first()
        return (text or "")[:500] or "–"

    def render_history_view(self, request, template, context, **kwargs):
        admin_form = context.get("adminform")  # absent from the list of versions
        note = getattr(admin_form.form, "revert_note", "") if admin_form else ""
        if note:
            messages.warning(request, note)
        return super().render_history_view(request, template, context, **kwargs)

    def save_model(self, request, obj, form, change):
        if getattr(form, "revert_note", ""):
            messages.warning(request, form.revert_note)
        file_changed = "file" in form.changed_data
        if file_changed and obj.file_format != "pdf":
            obj.extraction, obj.extraction_error, obj.extracted_text = (
                Extraction.NOT_NEEDED,
                "",
                "",
            )
        super().save_model(request, obj, form, change)
        if file_changed and obj.file and obj.file_format == "pdf":
            queue_extraction(obj)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        if request.method == "GET":
            failed = (
                self.get_queryset(request)
                .filter(pk=object_id, extraction=Extraction.FAILED)
                .values_list("title", "extraction_error")
                .first()
            )
            if failed:
                messages.warning(
                    request,
                    f"The text of “{failed[0]}” could not be read, so search will not find "
                    f"words inside it: {failed[1]} Upload a readable file, or choose “Read "
                    "the text of the PDF again” in the list of papers.",
                )
        return super().change_view(request, object_id, form_url, extra_context)

    @admin.action(description="Read the text of the PDF again", permissions=["change"])
    def extract_text_again(self, request, queryset):
        papers = list(queryset.filter(file_format="pdf").exclude(file=""))
        with transaction.atomic():
            for paper in papers:
                queue_extraction(paper)
        skipped = queryset.count() - len(papers)
        self.message_user(
            request,
            f"{len(papers)} PDF{'s' if len(papers) != 1 else ''} queued to be read again."
            + (f" {skipped} without an uploaded PDF left alone." if skipped else ""),
        )
