"""E-funding sources (UK national, London, European, lottery, private) and their rounds."""

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from simple_history.models import HistoricalRecords

from contacts.models import Contact, Organisation
from core.money import money_field
from core.ownership import OwnedContent

from .deadlines import deadline_phrase
from .querysets import FundingRoundQuerySet, FundingSourceQuerySet


class FundingScope(models.TextChoices):
    UK_NATIONAL = "uk_national", "UK national"
    LONDON = "london", "London"
    EUROPEAN = "european", "EC and European"
    LOTTERY = "lottery", "Lottery and charitable"
    PRIVATE = "private", "Private sector"


class FundingKind(models.TextChoices):
    GRANT = "grant", "Grant"
    LOAN = "loan", "Loan"
    PRIZE = "prize", "Prize or award"
    MATCH_FUNDING = "match_funding", "Match funding"
    PROCUREMENT_FRAMEWORK = "procurement_framework", "Procurement framework"


class ApplicantKind(models.Model):
    """Who may apply (local authorities, NHS bodies, the voluntary sector, partnerships ...);
    site administrators keep the list in admin."""

    name = models.CharField(max_length=100, unique=True)
    slug = models.SlugField(max_length=100, unique=True)
    order = models.PositiveSmallIntegerField(default=100, help_text="Lower numbers come first.")

    class Meta:
        ordering = ["order", "name"]
        verbose_name = "kind of applicant"
        verbose_name_plural = "kinds of applicant"

    def __str__(self):
        return self.name


class FundingSource(OwnedContent):
    """A source of money for e-government work, kept by the organisation that lists it."""

    OWNER_FIELD = "owner"
    # Paths under /funding/ that are not funding sources (see funding/urls.py).
    RESERVED_SLUGS = frozenset({"feed", "export", "deadlines"})

    name = models.CharField(max_length=200)
    slug = models.SlugField(max_length=200, unique=True)
    owner = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="funding_sources_kept",
        verbose_name="kept by",
        help_text="The partner organisation that keeps this entry up to date.",
    )
    funder = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="funding_sources_offered",
        help_text="The funder, when it is in the directory. Otherwise type its name below.",
    )
    funder_name = models.CharField(
        "funder (if not in the directory)",
        max_length=200,
        blank=True,
        help_text="For example: European Commission, Big Lottery Fund.",
    )
    scope = models.CharField(max_length=16, choices=FundingScope.choices)
    kind = models.CharField(max_length=24, choices=FundingKind.choices, default=FundingKind.GRANT)
    summary = models.TextField(help_text="What the money is for. Markdown.")
    eligibility = models.TextField(
        blank=True, help_text="Who may apply and for what, in detail. Markdown."
    )
    eligible_applicants = models.ManyToManyField(
        ApplicantKind,
        blank=True,
        related_name="funding_sources",
        verbose_name="who may apply",
    )
    min_amount = money_field("smallest award (£)", "In pounds.")
    max_amount = money_field("largest award (£)", "In pounds.")
    total_pot = money_field("total available (£)", "The whole fund, in pounds.")
    match_funding_percent = models.PositiveSmallIntegerField(
        "match funding required (%)",
        null=True,
        blank=True,
        validators=[MaxValueValidator(100)],
        help_text="The share of the cost applicants must find elsewhere. Leave empty if none.",
    )
    application_url = models.URLField("how to apply (web address)", max_length=500, blank=True)
    guidance_url = models.URLField("guidance (web address)", max_length=500, blank=True)
    contact = models.ForeignKey(
        Contact,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="funding_sources",
        help_text="Shown to visitors only if the person's directory entry is public.",
    )

    history = HistoricalRecords(
        excluded_fields=["created_at", "updated_at"], m2m_fields=["eligible_applicants"]
    )

    objects = FundingSourceQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        indexes = [
            models.Index(fields=["is_published", "scope"]),
            models.Index(fields=["updated_at"]),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("funding:source_detail", kwargs={"slug": self.slug})

    def clean(self):
        errors = {}
        if not self.funder_id and not self.funder_name.strip():
            errors["funder_name"] = "Choose the funder from the directory, or type its name."
        if self.funder_id and self.funder_name.strip():
            errors["funder_name"] = "Give the funder once: from the directory or typed, not both."
        if (
            self.min_amount is not None
            and self.max_amount is not None
            and self.max_amount < self.min_amount
        ):
            errors["max_amount"] = "The largest award must be at least the smallest."
        if self.slug in self.RESERVED_SLUGS:
            errors["slug"] = f"“{self.slug}” is the address of another page; choose another."
        if errors:
            raise ValidationError(errors)

    @property
    def funder_display(self) -> str:
        return self.funder.name if self.funder_id else self.funder_name

    def _rounds(self):
        """The rounds, from a prefetch when there is one (rounds.all() is ordered)."""
        return list(self.rounds.all())

    def current_rounds(self, now=None):
        """Rounds open now or opening later, nearest deadline first (rolling last)."""
        now = now or timezone.now()
        return [r for r in self._rounds() if not r.is_closed(now)]

    def past_rounds(self, now=None):
        now = now or timezone.now()
        return sorted(
            (r for r in self._rounds() if r.is_closed(now)), key=lambda r: r.closes_at, reverse=True
        )

    def next_round(self, now=None):
        """The round to tell a visitor about first: open now before opening later."""
        now = now or timezone.now()
        current = self.current_rounds(now)
        open_now = [r for r in current if r.is_open(now)]
        return (open_now or current or [None])[0]


class FundingRound(models.Model):
    """One call for applications: it opens, closes at a date and time (or takes applications
    at any time: "rolling"), and the funder decides."""

    source = models.ForeignKey(FundingSource, on_delete=models.CASCADE, related_name="rounds")
    name = models.CharField(
        max_length=100, blank=True, help_text="For example “Round 3” or “2006 call”."
    )
    opens_on = models.DateField("opens on", null=True, blank=True)
    closes_at = models.DateTimeField(
        "closes at",
        null=True,
        blank=True,
        help_text="Date and London time of the deadline. Leave empty for a rolling round.",
    )
    is_rolling = models.BooleanField(
        "rolling", default=False, help_text="Applications are taken at any time."
    )
    decision_on = models.DateField("decision expected on", null=True, blank=True)
    notes = models.CharField(max_length=300, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords(excluded_fields=["updated_at"])

    objects = FundingRoundQuerySet.as_manager()

    class Meta:
        ordering = [models.F("closes_at").asc(nulls_last=True), "opens_on", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(is_rolling=True, closes_at__isnull=True)
                | Q(is_rolling=False, closes_at__isnull=False),
                name="funding_round_closes_or_rolls",
                violation_error_message="Give a closing date and time, or tick “rolling”.",
            )
        ]
        indexes = [models.Index(fields=["closes_at"])]

    def __str__(self):
        label = self.name or "Round"
        return f"{self.source.name}: {label}" if self.source_id else label

    @property
    def label(self):
        return self.name or "Current round"

    def clean(self):
        errors = {}
        if self.is_rolling and self.closes_at:
            errors["closes_at"] = "A rolling round has no closing date: clear it or untick rolling."
        elif not self.is_rolling and not self.closes_at:
            errors["closes_at"] = "Enter the closing date and time, or tick “rolling”."
        if self.closes_at and self.opens_on and timezone.localdate(self.closes_at) < self.opens_on:
            errors["closes_at"] = "The round must close on or after the day it opens."
        if (
            self.closes_at
            and self.decision_on
            and self.decision_on < timezone.localdate(self.closes_at)
        ):
            errors["decision_on"] = "The decision comes on or after the closing date."
        if errors:
            raise ValidationError(errors)

    def is_closed(self, now=None):
        return not self.is_rolling and self.closes_at <= (now or timezone.now())

    def has_opened(self, now=None):
        now = now or timezone.now()
        return self.opens_on is None or self.opens_on <= timezone.localdate(now)

    def is_open(self, now=None):
        return self.has_opened(now) and not self.is_closed(now)

    def deadline_in_words(self, now=None):
        if self.is_rolling:
            return "rolling: applications are taken at any time"
        return deadline_phrase(self.closes_at, now)
