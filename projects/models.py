from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from simple_history.models import HistoricalRecords

from contacts.models import Contact, Organisation, OrganisationKind, SubRegion
from core.money import money_field
from core.ownership import OwnedContent

from .querysets import ProjectQuerySet


class ProjectStatus(models.TextChoices):
    PROPOSED = "proposed", "Proposed"
    ACTIVE = "active", "Active"
    COMPLETED = "completed", "Completed"
    CLOSED = "closed", "Closed"


class Programme(models.Model):
    """A programme or funding stream (Pathfinder, Invest to Save ...); site administrators
    keep the list in admin."""

    name = models.CharField(max_length=100, unique=True)
    slug = models.SlugField(max_length=100, unique=True)
    description = models.TextField(blank=True)
    order = models.PositiveSmallIntegerField(default=100, help_text="Lower numbers come first.")

    class Meta:
        ordering = ["order", "name"]

    def __str__(self):
        return self.name


class Project(OwnedContent):
    """A strategic e-government project, kept by its lead organisation."""

    OWNER_FIELD = "lead_organisation"
    # Paths under /projects/ that are not projects (see projects/urls.py).
    RESERVED_SLUGS = frozenset({"feed", "export"})

    title = models.CharField(max_length=200)
    slug = models.SlugField(max_length=200, unique=True)
    summary = models.CharField(
        "one-line summary", max_length=300, help_text="One sentence: what the project does."
    )
    description = models.TextField(blank=True, help_text="Markdown.")
    status = models.CharField(
        max_length=16, choices=ProjectStatus.choices, default=ProjectStatus.ACTIVE
    )
    start_date = models.DateField(null=True, blank=True)
    end_date = models.DateField(
        null=True, blank=True, help_text="When it ended or is planned to end."
    )
    lead_organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="led_projects",
        help_text="The organisation that leads the project and keeps this entry.",
    )
    partners = models.ManyToManyField(
        Organisation, blank=True, related_name="partner_projects", verbose_name="partners"
    )
    london_wide = models.BooleanField(
        "London-wide",
        default=False,
        help_text="The project covers all 33 London local authorities; no need to list areas.",
    )
    areas = models.ManyToManyField(
        Organisation,
        blank=True,
        related_name="projects_covering",
        limit_choices_to={"kind": OrganisationKind.LOCAL_AUTHORITY},
        verbose_name="areas covered",
        help_text="The London local authorities whose area the project covers.",
    )
    programme = models.ForeignKey(
        Programme,
        on_delete=models.PROTECT,
        related_name="projects",
        verbose_name="programme or funding stream",
    )
    budget = money_field("total budget (£)", "The whole cost of the project, in pounds.")
    funding_awarded = money_field(
        "funding awarded (£)", "Money from the programme or funder, in pounds."
    )
    website = models.URLField(max_length=500, blank=True)
    contacts = models.ManyToManyField(
        Contact,
        blank=True,
        related_name="projects",
        verbose_name="contact people",
        help_text="Only people whose directory entry is public are shown to visitors.",
    )
    outcomes = models.TextField("outcomes and lessons learned", blank=True, help_text="Markdown.")

    history = HistoricalRecords(
        excluded_fields=["created_at", "updated_at"],
        m2m_fields=["partners", "areas", "contacts"],
    )

    objects = ProjectQuerySet.as_manager()

    class Meta:
        ordering = ["title"]
        indexes = [
            models.Index(fields=["is_published", "status"]),
            models.Index(fields=["updated_at"]),
            models.Index(fields=["last_reviewed_on"]),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("projects:project_detail", kwargs={"slug": self.slug})

    def clean(self):
        errors = {}
        if self.start_date and self.end_date and self.end_date < self.start_date:
            errors["end_date"] = "The end date must be on or after the start date."
        if self.slug in self.RESERVED_SLUGS:
            errors["slug"] = f"“{self.slug}” is the address of another page; choose another."
        if self.status == ProjectStatus.COMPLETED and not self.end_date:
            errors["end_date"] = "Enter the date a completed project ended."
        if errors:
            raise ValidationError(errors)

    @property
    def sub_regions(self) -> list[SubRegion]:
        """The sub-regions of the areas covered (all five when London-wide); prefetch areas."""
        if self.london_wide:
            return list(SubRegion)
        present = {area.sub_region for area in self.areas.all()}
        return [sub_region for sub_region in SubRegion if sub_region in present]


class LinkKind(models.TextChoices):
    RESEARCH = "research", "Research"
    POLICY = "policy", "Policy"
    REPORT = "report", "Report"
    OTHER = "other", "Other"


class RelatedLink(models.Model):
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="related_links")
    title = models.CharField(max_length=200)
    url = models.URLField("URL", max_length=500)
    kind = models.CharField(max_length=16, choices=LinkKind.choices, default=LinkKind.OTHER)
    order = models.PositiveSmallIntegerField(default=0)

    history = HistoricalRecords()

    class Meta:
        ordering = ["order", "pk"]

    def __str__(self):
        return self.title


class ProblemReport(models.Model):
    """A visitor's report that something on a project's page is wrong or out of date."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="problem_reports")
    details = models.TextField()
    reporter_name = models.CharField("name", max_length=150, blank=True)
    reporter_email = models.EmailField("e-mail address", blank=True)
    received_at = models.DateTimeField(default=timezone.now)
    resolved = models.BooleanField(default=False)
    # Until the e-mail to the owner's editors has gone it is owed; the last failure says why.
    email_sent_at = models.DateTimeField("e-mail sent", null=True, blank=True, editable=False)
    email_error = models.CharField(max_length=300, blank=True, editable=False)

    class Meta:
        ordering = ["resolved", "-received_at"]

    def __str__(self):
        return f"Problem with “{self.project}” reported {self.received_at:%d %B %Y}"

    def email_outcome(self) -> str:
        """Whether the e-mail to the owner's editors went, or why it is still owed."""
        if self.email_sent_at:
            return f"Sent {date_format(timezone.localtime(self.email_sent_at), 'j F Y, H:i')}"
        if self.email_error:
            return f"Not sent: {self.email_error}"
        return "Waiting to be sent"

    email_outcome.short_description = "E-mail"
