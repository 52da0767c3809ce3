import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from simple_history.models import HistoricalRecords
from taggit.managers import TaggableManager

from .audiences import Visibility
from .choices import OrganisationKind, OrganisationStatus, SubRegion
from .querysets import ContactQuerySet, GroupQuerySet, OrganisationQuerySet


class DatePrecision(models.TextChoices):
    """How much of a date is known: sources often give only the month or year a body closed."""

    DAY = "day", "Day"
    MONTH = "month", "Month"
    YEAR = "year", "Year"


class Organisation(models.Model):
    """A body that takes part in London's e-government and owns records on the site."""

    name = models.CharField(max_length=200, unique=True)
    short_name = models.CharField(
        max_length=100,
        blank=True,
        help_text="The name people use and the A to Z sorts by, e.g. 'Camden' for the London "
        "Borough of Camden. Left blank, the full name is used.",
    )
    slug = models.SlugField(max_length=200, unique=True)
    kind = models.CharField(max_length=32, choices=OrganisationKind.choices)
    sub_region = models.CharField(
        max_length=16,
        choices=SubRegion.choices,
        blank=True,
        help_text="For London local authorities: the London Plan (2004) sub-region.",
    )
    website = models.URLField(max_length=500, blank=True)
    summary = models.TextField(blank=True)
    address = models.TextField(blank=True)
    topics = TaggableManager(blank=True, help_text="Topics this organisation works on.")
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="children"
    )
    status = models.CharField(
        max_length=16, choices=OrganisationStatus.choices, default=OrganisationStatus.ACTIVE
    )
    closed_on = models.DateField(null=True, blank=True)
    closed_on_precision = models.CharField(
        max_length=8,
        choices=DatePrecision.choices,
        default=DatePrecision.DAY,
        help_text="Whether the closing date is known to the day, or only to the month or year.",
    )
    successor = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="predecessors",
        help_text="The body that took over this one's work when it closed.",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords(excluded_fields=["created_at", "updated_at"])

    objects = OrganisationQuerySet.as_manager()

    class Meta:
        ordering = ["short_name", "name"]
        indexes = [models.Index(fields=["kind", "sub_region"])]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        if not self.short_name:
            self.short_name = self.name
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("contacts:organisation_detail", kwargs={"slug": self.slug})

    @property
    def owner_organisation_id(self):
        return self.pk

    @property
    def is_local_authority(self):
        return self.kind == OrganisationKind.LOCAL_AUTHORITY

    @property
    def is_closed(self):
        return self.status == OrganisationStatus.CLOSED

    @property
    def closed_on_display(self):
        """The closing date as precisely as it is known: '5 May 2006', 'October 2006' or '2004'."""
        if not self.closed_on:
            return ""
        formats = {DatePrecision.DAY: "j F Y", DatePrecision.MONTH: "F Y"}
        return date_format(self.closed_on, formats.get(self.closed_on_precision, "Y"))

    @property
    def closed_on_phrase(self):
        """'on 5 May 2006', 'in October 2006' or 'in 2004', to follow a verb."""
        if not self.closed_on:
            return ""
        preposition = "on" if self.closed_on_precision == DatePrecision.DAY else "in"
        return f"{preposition} {self.closed_on_display}"

    def current_body(self):
        """Follow the chain of successors to the body that does this work today."""
        body, seen = self, {self.pk}
        while body.successor_id and body.successor_id not in seen:
            seen.add(body.successor_id)
            body = body.successor
        return body

    def clean(self):
        errors = {}
        if self.kind == OrganisationKind.LOCAL_AUTHORITY and not self.sub_region:
            errors["sub_region"] = "Choose the sub-region of this London local authority."
        if self.kind != OrganisationKind.LOCAL_AUTHORITY and self.sub_region:
            errors["sub_region"] = "Only London local authorities have a sub-region."
        if self.status == OrganisationStatus.CLOSED and not self.closed_on:
            errors["closed_on"] = "Enter the date this organisation closed."
        if self.status == OrganisationStatus.ACTIVE and (self.closed_on or self.successor_id):
            errors["status"] = "An organisation with a closing date or successor must be closed."
        if self.successor_id and self.successor_id == self.pk:
            errors["successor"] = "An organisation cannot succeed itself."
        if self.parent_id and self.parent_id == self.pk:
            errors["parent"] = "An organisation cannot be its own parent."
        if errors:
            raise ValidationError(errors)


class RoleArea(models.Model):
    """A field of work a contact is engaged in (e-government lead, web manager ...)."""

    name = models.CharField(max_length=100, unique=True)
    slug = models.SlugField(max_length=100, unique=True)

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name


class LawfulBasis(models.TextChoices):
    """UK GDPR Article 6 bases; public task is the normal one for officers' work contacts."""

    PUBLIC_TASK = "public_task", "Public task"
    LEGITIMATE_INTERESTS = "legitimate_interests", "Legitimate interests"
    CONSENT = "consent", "Consent"
    CONTRACT = "contract", "Contract"
    LEGAL_OBLIGATION = "legal_obligation", "Legal obligation"


def default_review_by():
    return timezone.localdate() + datetime.timedelta(days=365)


class Contact(models.Model):
    """A person engaged in London's e-government, shown only as far as their visibility allows."""

    VISIBILITY_FIELDS = ("job_title", "email", "phone", "profile")

    name = models.CharField(max_length=150)
    slug = models.SlugField(max_length=160, unique=True)
    job_title = models.CharField(max_length=200, blank=True)
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="contacts"
    )
    role_areas = models.ManyToManyField(RoleArea, blank=True, related_name="contacts")
    topics = TaggableManager(blank=True)
    email = models.EmailField("e-mail address", blank=True)
    phone = models.CharField(max_length=40, blank=True)
    profile = models.TextField("public profile", blank=True)

    listing_visibility = models.CharField(
        "who may see this entry",
        max_length=16,
        choices=Visibility.choices,
        default=Visibility.PUBLIC,
        help_text="An entry that is not public never appears on public pages, in search, "
        "feeds or exports.",
    )
    job_title_visibility = models.CharField(
        max_length=16, choices=Visibility.choices, default=Visibility.PUBLIC
    )
    email_visibility = models.CharField(
        "e-mail visibility", max_length=16, choices=Visibility.choices, default=Visibility.STAFF
    )
    phone_visibility = models.CharField(
        max_length=16, choices=Visibility.choices, default=Visibility.STAFF
    )
    profile_visibility = models.CharField(
        max_length=16, choices=Visibility.choices, default=Visibility.PUBLIC
    )

    lawful_basis = models.CharField(
        max_length=32, choices=LawfulBasis.choices, default=LawfulBasis.PUBLIC_TASK
    )
    source = models.CharField(
        max_length=255,
        help_text="Where these details came from, e.g. 'Supplied by the person' or "
        "'Camden's published list of senior officers'.",
    )
    recorded_on = models.DateField(default=timezone.localdate)
    consent_given_on = models.DateField(
        null=True, blank=True, help_text="Required when the lawful basis is consent."
    )
    review_by = models.DateField(
        default=default_review_by,
        help_text="After this date the entry is hidden until someone reviews it.",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords(excluded_fields=["created_at", "updated_at"])

    objects = ContactQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        indexes = [models.Index(fields=["listing_visibility", "review_by"])]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("contacts:contact_detail", kwargs={"slug": self.slug})

    @property
    def owner_organisation_id(self):
        return self.organisation_id

    @property
    def is_due_for_review(self):
        return self.review_by < timezone.localdate()

    # Paths under /contacts/ that are not entries (see contacts/urls.py).
    RESERVED_SLUGS = frozenset({"request"})

    def clean(self):
        errors = {}
        if self.lawful_basis == LawfulBasis.CONSENT and not self.consent_given_on:
            errors["consent_given_on"] = (
                "Enter the date consent was given, or choose another basis."
            )
        if self.slug in self.RESERVED_SLUGS:
            errors["slug"] = f"“{self.slug}” is the address of another page; choose another."
        if errors:
            raise ValidationError(errors)

    def is_field_visible(self, field_name: str, audience: Visibility) -> bool:
        """Whether `field_name` may be shown to someone of the given audience level."""
        order = [Visibility.PUBLIC, Visibility.PARTNERS, Visibility.STAFF]
        visibility = getattr(self, f"{field_name}_visibility")
        return order.index(Visibility(visibility)) <= order.index(Visibility(audience))


class GroupKind(models.TextChoices):
    SUB_REGIONAL = "sub_regional", "Sub-regional partnership"
    CROSS_SECTOR = "cross_sector", "Cross-sector group"
    SHAREWARE_CLUB = "shareware_club", "Shareware club"


class Group(models.Model):
    """Organisations working together: a sub-regional partnership, a cross-sector group,
    or a "shareware club" joined around one shared project."""

    name = models.CharField(max_length=200, unique=True)
    slug = models.SlugField(max_length=200, unique=True)
    kind = models.CharField(max_length=32, choices=GroupKind.choices)
    summary = models.TextField(blank=True)
    sub_region = models.CharField(max_length=16, choices=SubRegion.choices, blank=True)
    shared_project = models.CharField(
        max_length=200, blank=True, help_text="For a shareware club: the project it shares."
    )
    convenor = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="convened_groups",
        help_text="The organisation that convenes the group and keeps its entry.",
    )
    convenor_contact = models.ForeignKey(
        Contact, null=True, blank=True, on_delete=models.SET_NULL, related_name="convened_groups"
    )
    members = models.ManyToManyField(Organisation, related_name="member_groups", blank=True)
    website = models.URLField(max_length=500, blank=True)
    topics = TaggableManager(blank=True)
    is_active = models.BooleanField(default=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords(excluded_fields=["created_at", "updated_at"])

    objects = GroupQuerySet.as_manager()

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("contacts:group_detail", kwargs={"slug": self.slug})

    @property
    def owner_organisation_id(self):
        return self.convenor_id

    def clean(self):
        if self.kind == GroupKind.SUB_REGIONAL and not self.sub_region:
            raise ValidationError({"sub_region": "Choose the sub-region this partnership covers."})
        if self.kind == GroupKind.SHAREWARE_CLUB and not self.shared_project:
            raise ValidationError({"shared_project": "Name the project this club shares."})


class RequestKind(models.TextChoices):
    CORRECT = "correct", "Correct my details"
    OBJECT = "object", "Object to my details being shown"
    REMOVE = "remove", "Remove my details"


class RequestStatus(models.TextChoices):
    OPEN = "open", "Open"
    DONE = "done", "Done"
    REFUSED = "refused", "Refused, with reasons"


def one_month_after(moment):
    """UK GDPR's deadline: one calendar month, to the same day (or the month's last day)."""
    day = moment.day
    year, month = (moment.year + 1, 1) if moment.month == 12 else (moment.year, moment.month + 1)
    while True:
        try:
            return datetime.date(year, month, day)
        except ValueError:
            day -= 1


class CorrectionRequest(models.Model):
    """A person's request to correct, object to or remove their directory entry."""

    contact = models.ForeignKey(
        Contact,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="correction_requests",
    )
    kind = models.CharField(max_length=16, choices=RequestKind.choices)
    requester_name = models.CharField("your name", max_length=150)
    requester_email = models.EmailField("your e-mail address")
    details = models.TextField()
    received_at = models.DateTimeField(default=timezone.now)
    respond_by = models.DateField(editable=False)
    status = models.CharField(
        max_length=16, choices=RequestStatus.choices, default=RequestStatus.OPEN
    )
    outcome = models.TextField(blank=True, help_text="What was done, as told to the requester.")
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL
    )
    closed_at = models.DateTimeField(null=True, blank=True)
    anonymised = models.BooleanField(default=False, editable=False)

    class Meta:
        ordering = ["status", "respond_by"]

    def __str__(self):
        return f"Request {self.pk}: {self.get_kind_display()}"

    def save(self, *args, **kwargs):
        if not self.respond_by:
            self.respond_by = one_month_after(timezone.localtime(self.received_at).date())
        super().save(*args, **kwargs)

    @property
    def reference(self):
        """The number the requester quotes; stable, and free of personal data."""
        return f"DIR-{self.pk:05d}"

    @property
    def is_overdue(self):
        return self.status == RequestStatus.OPEN and self.respond_by < timezone.localdate()
