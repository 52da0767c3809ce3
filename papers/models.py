"""Papers: what the groups and partners have written, as an uploaded file or a link."""

import uuid

from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from simple_history.models import HistoricalRecords

from contacts.models import Group, Organisation
from core.ownership import OwnedContent

from .querysets import PaperQuerySet
from .uploads import FORMATS, size_in_words

FORMAT_CHOICES = [(file_format.key, file_format.abbreviation) for file_format in FORMATS.values()]


class PaperKind(models.TextChoices):
    GROUP_PAPER = "group_paper", "Group paper"
    STRATEGY = "strategy", "Partner Business/IT strategy"
    ANNUAL_REVIEW = "annual_review", "Annual review of e-activity"
    RESEARCH = "research", "Research or survey"
    GUIDANCE = "guidance", "Guidance"
    MINUTES = "minutes", "Minutes"


class Extraction(models.TextChoices):
    """What became of reading the text out of an uploaded PDF, for search."""

    NOT_NEEDED = "not_needed", "Not needed (not an uploaded PDF)"
    PENDING = "pending", "Waiting to be read"
    EXTRACTED = "extracted", "Text extracted"
    FAILED = "failed", "Could not be read"


def paper_file_name(paper, filename):
    """A generated name: the visitor's file name never reaches the disk."""
    return f"papers/{uuid.uuid4().hex}.{paper.file_format}"


class Paper(OwnedContent):
    """A paper, strategy, review, piece of research, guidance or minutes, kept by its
    publishing organisation (for a group's paper, the group's convenor unless another is
    chosen)."""

    OWNER_FIELD = "publisher"
    # Paths under /papers/ that are not papers (see papers/urls.py).
    RESERVED_SLUGS = frozenset({"feed", "export"})

    title = models.CharField(max_length=250)
    slug = models.SlugField(max_length=250, unique=True)
    kind = models.CharField(max_length=24, choices=PaperKind.choices)
    publisher = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="papers",
        blank=True,
        verbose_name="publishing organisation",
        help_text="The organisation that published the paper and keeps this entry. For a "
        "group's paper, leave it empty to use the group's convenor.",
    )
    group = models.ForeignKey(
        Group,
        on_delete=models.PROTECT,
        related_name="papers",
        null=True,
        blank=True,
        help_text="The group that wrote the paper, if any.",
    )
    published_on = models.DateField("publication date")
    summary = models.TextField(help_text="What the paper says, in a paragraph or two. Markdown.")
    file = models.FileField(
        upload_to=paper_file_name,
        blank=True,
        max_length=200,
        help_text="PDF, Word (DOCX), Excel (XLSX), OpenDocument text (ODT) or CSV, up to 20 MB.",
    )
    file_format = models.CharField(max_length=8, blank=True, editable=False, choices=FORMAT_CHOICES)
    file_size = models.PositiveBigIntegerField(null=True, blank=True, editable=False)
    page_count = models.PositiveIntegerField(null=True, blank=True, editable=False)
    external_url = models.URLField(
        "link to the paper",
        max_length=500,
        blank=True,
        help_text="Instead of a file: the address where the paper is published.",
    )
    related_projects = models.ManyToManyField("projects.Project", blank=True, related_name="papers")
    extraction = models.CharField(
        "text for search",
        max_length=16,
        choices=Extraction.choices,
        default=Extraction.NOT_NEEDED,
        editable=False,
    )
    # Why the text could not be read; for an extracted text, what the limits left unread.
    extraction_error = models.CharField(max_length=300, blank=True, editable=False)
    extracted_text = models.TextField(blank=True, editable=False)
    extracted_at = models.DateTimeField(null=True, blank=True, editable=False)

    history = HistoricalRecords(
        excluded_fields=["created_at", "updated_at", "extracted_text"],
        m2m_fields=["related_projects"],
    )

    objects = PaperQuerySet.as_manager()

    class Meta:
        ordering = ["-published_on", "title"]
        indexes = [
            models.Index(fields=["is_published", "kind"]),
            models.Index(fields=["published_on"]),
            models.Index(fields=["updated_at"]),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("papers:paper_detail", kwargs={"slug": self.slug})

    def get_download_url(self):
        return reverse("papers:paper_download", kwargs={"slug": self.slug})

    def clean(self):
        errors = {}
        if not self.publisher_id and self.group_id:
            self.publisher_id = self.group.convenor_id
        if not self.publisher_id:
            errors["publisher"] = "Choose the publishing organisation, or the group."
        if bool(self.file) == bool(self.external_url):
            errors["file"] = "Upload the paper, or give the link to it: one or the other."
        if self.slug in self.RESERVED_SLUGS:
            errors["slug"] = f"“{self.slug}” is the address of another page; choose another."
        if errors:
            raise ValidationError(errors)

    @property
    def format(self):
        return FORMATS.get(self.file_format)

    @property
    def size_and_pages(self) -> list[str]:
        """["1.2 MB", "14 pages"], as far as they are known."""
        parts = []
        if self.file_size is not None:
            parts.append(size_in_words(self.file_size))
        if self.page_count:
            parts.append(f"{self.page_count} page{'s' if self.page_count != 1 else ''}")
        return parts

    @property
    def download_facts(self) -> str:
        """ "PDF, 1.2 MB, 14 pages", as GOV.UK attachments say it."""
        abbreviation = self.format.abbreviation if self.format else "File"
        return ", ".join([abbreviation, *self.size_and_pages])

    @property
    def download_name(self) -> str:
        return f"{self.slug}.{self.file_format}"

    @property
    def year(self) -> int:
        return self.published_on.year
