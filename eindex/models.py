from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import models
from django.db.models import OuterRef, Q, Subquery
from django.urls import reverse
from django.utils import timezone
from simple_history.models import HistoricalRecords
from taggit.managers import TaggableManager

web_address = URLValidator(schemes=["http", "https"], message="Enter a web address starting "
                           "with http:// or https://, like https://www.example.org/")  # fmt: skip


class CategoryQuerySet(models.QuerySet):
    def with_last_change(self):
        """Each category with `updated_at`: when a link filed under it (first or also) last
        changed, None while it has none; the sitemap's lastmod of its page."""
        filed = Entry.objects.filter(
            Q(primary_category=OuterRef("pk")) | Q(other_categories=OuterRef("pk"))
        )
        latest = filed.order_by("-updated_at").values("updated_at")[:1]
        return self.annotate(updated_at=Subquery(latest))


class Category(models.Model):
    """A heading of the e-index; categories nest (a heading and its sub-categories)."""

    # Paths under /e-index/ that are pages, not categories (see eindex/urls.py).
    RESERVED_SLUGS = frozenset({"suggest", "link-health", "feed"})

    name = models.CharField(max_length=200)
    slug = models.SlugField(max_length=200, unique=True)
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )
    position = models.PositiveIntegerField(
        default=0, help_text="Categories are listed by this number, lowest first, then by name."
    )
    description = models.TextField(blank=True)

    objects = CategoryQuerySet.as_manager()

    class Meta:
        ordering = ["position", "name"]
        verbose_name_plural = "categories"

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("eindex:category", kwargs={"slug": self.slug})

    def clean(self):
        if self.slug in self.RESERVED_SLUGS:
            raise ValidationError({"slug": f"“{self.slug}” is the address of another page."})
        ancestor, seen = self.parent, set()
        while ancestor is not None and ancestor.pk not in seen:
            if self.pk and ancestor.pk == self.pk:
                raise ValidationError({"parent": "A category cannot sit inside itself."})
            seen.add(ancestor.pk)
            ancestor = ancestor.parent


class EntryQuerySet(models.QuerySet):
    def in_category(self, category):
        return self.filter(Q(primary_category=category) | Q(other_categories=category)).distinct()

    def owned_by(self, organisation_ids):
        return self.filter(owner__in=organisation_ids)


class Entry(models.Model):
    """One link of the e-index, kept by an owning organisation."""

    OWNER_FIELD = "owner"

    title = models.CharField(max_length=200)
    url = models.URLField("URL", max_length=2000, validators=[web_address])
    description = models.TextField(
        help_text="What the reader will find there, in a sentence or two."
    )
    primary_category = models.ForeignKey(
        Category, on_delete=models.PROTECT, related_name="primary_entries"
    )
    other_categories = models.ManyToManyField(
        Category,
        blank=True,
        related_name="secondary_entries",
        help_text="Other categories the entry is also listed under.",
    )
    owner = models.ForeignKey(
        "contacts.Organisation",
        on_delete=models.PROTECT,
        related_name="eindex_entries",
        help_text="The organisation that keeps this entry up to date.",
    )
    topics = TaggableManager(blank=True)
    added_on = models.DateField(default=timezone.localdate)
    last_verified_on = models.DateField(
        null=True,
        blank=True,
        help_text="When the link was last found working: set by the link checker, or by "
        "an editor who has looked at the page.",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords(excluded_fields=["created_at", "updated_at"])

    objects = EntryQuerySet.as_manager()

    class Meta:
        ordering = ["title"]
        verbose_name_plural = "entries"

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return f"{self.primary_category.get_absolute_url()}#entry-{self.pk}"

    @property
    def owner_organisation_id(self):
        return self.owner_id


class SuggestionStatus(models.TextChoices):
    PENDING = "pending", "Waiting for a moderator"
    APPROVED = "approved", "Approved"
    REJECTED = "rejected", "Rejected"


class Suggestion(models.Model):
    """A link a visitor suggests for the e-index, waiting for a moderator."""

    title = models.CharField("name of the page or site", max_length=200)
    url = models.URLField("web address", max_length=2000, validators=[web_address])
    reason = models.TextField("why it belongs in the e-index")
    category = models.ForeignKey(
        Category,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="suggestions",
        help_text="The category it was suggested for; the moderator chooses the final one.",
    )
    suggester_name = models.CharField("your name", max_length=150, blank=True)
    suggester_email = models.EmailField("your e-mail address", blank=True)
    status = models.CharField(
        max_length=16, choices=SuggestionStatus.choices, default=SuggestionStatus.PENDING
    )
    rejection_reason = models.TextField(blank=True)
    entry = models.ForeignKey(
        Entry, null=True, blank=True, on_delete=models.SET_NULL, related_name="suggestions"
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    received_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-received_at"]
        indexes = [models.Index(fields=["status", "received_at"])]

    def __str__(self):
        return self.title

    @property
    def reference(self):
        return f"EIX-{self.pk:05d}"

    @property
    def is_pending(self):
        return self.status == SuggestionStatus.PENDING
