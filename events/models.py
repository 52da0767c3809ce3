"""Events: the annual London e-Government Conference, workshops, seminars and meetings."""

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from simple_history.models import HistoricalRecords

from contacts.models import Organisation
from core.ownership import OwnedContent

from .querysets import EventQuerySet


class EventKind(models.TextChoices):
    ANNUAL_CONFERENCE = "annual_conference", "London e-Government Conference"
    CONFERENCE = "conference", "Conference"
    WORKSHOP = "workshop", "Workshop"
    SEMINAR = "seminar", "Seminar"
    MEETING = "meeting", "Meeting"


class Event(OwnedContent):
    """An event, kept by the organisation that organises it. Times are stored in UTC and
    shown in London time."""

    OWNER_FIELD = "organiser"
    # Paths under /events/ that are not events (see events/urls.py).
    RESERVED_SLUGS = frozenset({"feed", "calendar", "conference", "export", "past"})

    title = models.CharField(max_length=200)
    slug = models.SlugField(max_length=200, unique=True)
    kind = models.CharField(max_length=24, choices=EventKind.choices)
    starts_at = models.DateTimeField("starts", help_text="London time.")
    ends_at = models.DateTimeField("ends", help_text="London time.")
    organiser = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="events",
        help_text="The organisation that runs the event and keeps this entry.",
    )
    venue = models.CharField(max_length=200, blank=True, help_text="For example “City Hall”.")
    address = models.TextField(blank=True, help_text="The venue's address, one part a line.")
    online_url = models.URLField(
        "online link",
        max_length=500,
        blank=True,
        help_text="Where to join online, for an online or hybrid event.",
    )
    summary = models.TextField(help_text="What the event is about, in a paragraph. Markdown.")
    agenda = models.TextField(blank=True, help_text="Markdown.")
    booking_url = models.URLField("booking (web address)", max_length=500, blank=True)
    capacity = models.PositiveIntegerField(
        null=True, blank=True, validators=[MinValueValidator(1)], help_text="Places available."
    )
    papers = models.ManyToManyField(
        "papers.Paper",
        blank=True,
        related_name="events",
        verbose_name="papers from the event",
        help_text="Slides, minutes and papers, added after the event.",
    )

    history = HistoricalRecords(excluded_fields=["created_at", "updated_at"], m2m_fields=["papers"])

    objects = EventQuerySet.as_manager()

    class Meta:
        ordering = ["starts_at", "pk"]
        indexes = [
            models.Index(fields=["is_published", "ends_at"]),
            models.Index(fields=["starts_at"]),
            models.Index(fields=["updated_at"]),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("events:event_detail", kwargs={"slug": self.slug})

    def get_calendar_url(self):
        return reverse("events:event_calendar", kwargs={"slug": self.slug})

    def clean(self):
        errors = {}
        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            errors["ends_at"] = "The event must end after it starts."
        if not (self.venue.strip() or self.address.strip() or self.online_url):
            errors["venue"] = "Say where the event is: a venue, an address or an online link."
        if self.slug in self.RESERVED_SLUGS:
            errors["slug"] = f"“{self.slug}” is the address of another page; choose another."
        if errors:
            raise ValidationError(errors)

    @property
    def is_past(self) -> bool:
        return self.ends_at < timezone.now()

    @property
    def place(self) -> str:
        """Where, in one line: "City Hall, The Queen's Walk, London" or "Online"."""
        parts = [self.venue.strip()] + [
            line.strip() for line in self.address.splitlines() if line.strip()
        ]
        where = ", ".join(part for part in parts if part)
        if self.online_url:
            return f"{where} and online" if where else "Online"
        return where
