from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone

from .outcomes import ErrorKind, Outcome


class LinkQuerySet(models.QuerySet):
    def due(self, by=None):
        return self.filter(next_check_due__lte=by or timezone.now())

    def broken(self):
        return self.filter(outcome=Outcome.BROKEN)

    def owned_by(self, organisation_ids):
        return self.filter(usages__owner_id__in=organisation_ids).distinct()


class Link(models.Model):
    """One outbound URL, however many records show it, and what the last check found."""

    url = models.URLField("URL", max_length=2000, unique=True)
    host = models.CharField(max_length=255, db_index=True)
    outcome = models.CharField(
        max_length=16, choices=Outcome.choices, default=Outcome.UNCHECKED, db_index=True
    )
    status_code = models.PositiveSmallIntegerField(null=True, blank=True)
    final_url = models.URLField("final URL", max_length=2000, blank=True)
    redirect_chain = models.JSONField(
        default=list, blank=True, help_text="Each redirect followed: its status and where it led."
    )
    error_kind = models.CharField(max_length=32, choices=ErrorKind.choices, blank=True)
    error_detail = models.CharField(max_length=500, blank=True)
    response_time_ms = models.PositiveIntegerField("response time (ms)", null=True, blank=True)
    suggested_url = models.URLField(
        "suggested URL",
        max_length=2000,
        blank=True,
        help_text="Where this address permanently redirects (301 or 308): use it instead.",
    )
    first_failed_at = models.DateTimeField(
        "first seen broken",
        null=True,
        blank=True,
        help_text="The first of the checks in a row that failed.",
    )
    consecutive_failures = models.PositiveSmallIntegerField(default=0)
    last_checked_at = models.DateTimeField(null=True, blank=True)
    last_working_at = models.DateTimeField(null=True, blank=True)
    next_check_due = models.DateTimeField(default=timezone.now, db_index=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = LinkQuerySet.as_manager()

    class Meta:
        ordering = ["url"]

    def __str__(self):
        return self.url

    @property
    def is_broken(self):
        return self.outcome == Outcome.BROKEN

    @property
    def is_failing(self):
        """Failed lately, but not (yet) often enough over long enough to be called broken."""
        return self.consecutive_failures > 0 and not self.is_broken

    @property
    def was_redirected(self):
        return self.outcome == Outcome.WORKING and bool(self.redirect_chain)


class LinkUsage(models.Model):
    """Where a link is shown: one URL field of one record, and the organisation that owns it."""

    link = models.ForeignKey(Link, on_delete=models.CASCADE, related_name="usages")
    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.CharField(max_length=64)
    field_name = models.CharField(max_length=100)
    owner = models.ForeignKey(
        "contacts.Organisation",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="link_usages",
    )
    record_label = models.CharField(max_length=300, blank=True)
    registered_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["content_type", "object_id", "field_name"]
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "object_id", "field_name"], name="one_link_per_field"
            )
        ]
        indexes = [models.Index(fields=["owner", "link"])]

    def __str__(self):
        return f"{self.record_label or self.object_id} ({self.field_name})"
