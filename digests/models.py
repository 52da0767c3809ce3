"""What members asked to hear about by e-mail, and what was sent to them.

A member's `Subscriber` row holds a frequency for each kind of news (forum watches, topics,
funding deadlines, their organisations' broken links and overdue reviews); their saved
searches each have one of their own. The digests are then built per frequency: one daily
e-mail holds everything the member takes daily.

`Delivery` is the ledger that makes sending exactly-once: one row per member, kind and
period (a unique constraint), claimed before anything is sent and moved through
claimed → sending → sent (or skipped when there was nothing new, failed, interrupted).
"""

from django.conf import settings
from django.db import models
from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone
from taggit.models import Tag


class Frequency(models.TextChoices):
    IMMEDIATELY = "immediately", "Immediately"
    DAILY = "daily", "Daily"
    WEEKLY = "weekly", "Weekly"
    MONTHLY = "monthly", "Monthly"
    OFF = "off", "Off"


# The frequencies beat runs as digests; "immediately" is for forum posts, sent one by one.
SCHEDULED = (Frequency.DAILY, Frequency.WEEKLY, Frequency.MONTHLY)


def default_forum_frequency():
    return getattr(settings, "DIGESTS_FORUM_FREQUENCY", Frequency.DAILY)


class Subscriber(models.Model):
    """One member's choices. Members without a row still hear of the forum posts they
    watch, at DIGESTS_FORUM_FREQUENCY (daily)."""

    member = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        primary_key=True,
        on_delete=models.CASCADE,
        related_name="digest_subscriber",
    )
    forum_frequency = models.CharField(
        "threads and forums you watch",
        max_length=12,
        choices=Frequency.choices,
        default=default_forum_frequency,
    )
    topics = models.ManyToManyField(Tag, blank=True, related_name="+")
    topic_frequency = models.CharField(
        "topics", max_length=12, choices=Frequency.choices, default=Frequency.OFF
    )
    applicant_kinds = models.ManyToManyField(
        "funding.ApplicantKind", blank=True, related_name="+", verbose_name="kinds of applicant"
    )
    deadline_frequency = models.CharField(
        "funding deadlines", max_length=12, choices=Frequency.choices, default=Frequency.OFF
    )
    organisation_frequency = models.CharField(
        "your organisations’ broken links and overdue reviews",
        max_length=12,
        choices=Frequency.choices,
        default=Frequency.OFF,
    )
    # Signed into every unsubscribe link (digests.tokens) and replaced whenever the member
    # changes their subscriptions, so that the links in older e-mails stop working.
    link_key = models.CharField(max_length=32, blank=True, default="", editable=False)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["member__email"]

    def __str__(self):
        return str(self.member)


class SavedSearch(models.Model):
    """A filtered list or a site search whose new matches come in the member's digests.

    `scope` is a registry collection's key ("projects") or "site" for the site search;
    `query` is the canonical query string of its filters, so the same search saved twice
    is one row, and members with the same search share one look-up per batch.
    """

    SITE = "site"

    member = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="saved_searches"
    )
    name = models.CharField(max_length=120)
    scope = models.CharField(max_length=32)
    query = models.CharField(max_length=1000, blank=True)
    frequency = models.CharField(
        max_length=12,
        choices=[(f.value, f.label) for f in Frequency if f != Frequency.IMMEDIATELY],
        default=Frequency.WEEKLY,
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["name", "pk"]
        verbose_name_plural = "saved searches"
        constraints = [
            models.UniqueConstraint(
                fields=["member", "scope", "query"], name="digests_saved_search_once"
            )
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("digests:saved_search", kwargs={"pk": self.pk})


class RunQuerySet(models.QuerySet):
    def with_counts(self):
        return self.annotate(
            members=Count("deliveries"),
            sent=Count("deliveries", filter=Q(deliveries__status=DeliveryStatus.SENT)),
            skipped=Count("deliveries", filter=Q(deliveries__status=DeliveryStatus.SKIPPED)),
            failed=Count(
                "deliveries",
                filter=Q(
                    deliveries__status__in=[DeliveryStatus.FAILED, DeliveryStatus.INTERRUPTED]
                ),
            ),
        )


class Run(models.Model):
    """One scheduled digest of one period ("daily" of 30 March 2025): started once, however
    often beat or the command starts it; `until` is fixed when it is first started."""

    kind = models.CharField(max_length=12, choices=Frequency.choices)
    period = models.CharField(max_length=20)
    until = models.DateTimeField(help_text="News up to this moment is in this run's digests.")
    planned = models.PositiveIntegerField(default=0, help_text="Members the run is for.")
    started_at = models.DateTimeField(default=timezone.now)
    finished_at = models.DateTimeField(null=True, blank=True)

    objects = RunQuerySet.as_manager()

    class Meta:
        ordering = ["-started_at", "-pk"]
        constraints = [models.UniqueConstraint(fields=["kind", "period"], name="digests_run_once")]

    def __str__(self):
        return f"{self.get_kind_display()} digest, {self.period}"


class DeliveryStatus(models.TextChoices):
    CLAIMED = "claimed", "Claimed by a worker"
    SENDING = "sending", "Being sent"
    SENT = "sent", "Sent"
    SKIPPED = "skipped", "Nothing new: not sent"
    FAILED = "failed", "Failed"
    INTERRUPTED = "interrupted", "Interrupted while sending: may have arrived"


FINAL_STATUSES = (
    DeliveryStatus.SENT,
    DeliveryStatus.SKIPPED,
    DeliveryStatus.FAILED,
    DeliveryStatus.INTERRUPTED,
)
# What counts as "the member's last digest of this kind" when working out what is new.
COMPLETED_STATUSES = (DeliveryStatus.SENT, DeliveryStatus.SKIPPED)


class Delivery(models.Model):
    """One member's e-mail of one kind for one period: the exactly-once ledger."""

    member = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="digest_deliveries"
    )
    kind = models.CharField(max_length=12, choices=Frequency.choices)
    period = models.CharField(
        max_length=40, help_text="The day, ISO week or month; for a forum post, the post."
    )
    run = models.ForeignKey(
        Run, null=True, blank=True, on_delete=models.CASCADE, related_name="deliveries"
    )
    status = models.CharField(
        max_length=12, choices=DeliveryStatus.choices, default=DeliveryStatus.CLAIMED
    )
    since = models.DateTimeField()
    until = models.DateTimeField()
    claim = models.CharField(
        max_length=64, blank=True, help_text="The task that holds this delivery."
    )
    claimed_at = models.DateTimeField(default=timezone.now)
    attempts = models.PositiveSmallIntegerField(default=0)
    address = models.EmailField(blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    error = models.TextField(blank=True)
    summary = models.JSONField(
        default=dict, blank=True, help_text="What the e-mail held: counts by section."
    )

    class Meta:
        ordering = ["-claimed_at", "-pk"]
        verbose_name_plural = "deliveries"
        constraints = [
            models.UniqueConstraint(
                fields=["member", "kind", "period"], name="digests_delivery_once"
            )
        ]
        indexes = [
            models.Index(fields=["kind", "period", "status"], name="digests_delivery_period"),
            models.Index(fields=["member", "kind", "status"], name="digests_delivery_last"),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} {self.period} to {self.member}"
