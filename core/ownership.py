"""Owned content: the shape shared by records that an organisation keeps on the site.

Projects, funding sources, papers and events each name an owning organisation, carry
topics, can be unpublished, and are reviewed by their owners from time to time. This
abstract model and its queryset hold those parts once.

It is part of the shared kit in core/ and names no app: the organisation a record belongs
to is reached through the record's own foreign key. The owning foreign key stays on each
concrete model, under the name that reads best there ("lead_organisation", "funder" ...),
named once in `OWNER_FIELD`; the same name is what the app passes to
accounts.roles.register_owned_model and OrganisationScopedAdmin.
"""

import datetime

from django.db import models
from django.db.models import ForeignKey
from django.utils import timezone
from taggit.managers import TaggableManager

# A record not reviewed for this long is flagged to its owners and to visitors.
REVIEW_INTERVAL = datetime.timedelta(days=365)


def owner_id_along(record, owner_path: str):
    """The pk of the organisation that owns `record`, following `owner_path` ("pk" for an
    organisation itself, "organisation", "project__lead_organisation" ...); None if a hop
    on the way is empty."""
    *hops, last = owner_path.split("__")
    for hop in hops:
        record = getattr(record, hop, None)
        if record is None:
            return None
    if last == "pk":
        return record.pk
    field = record._meta.get_field(last)
    return getattr(record, field.attname if isinstance(field, ForeignKey) else last)


def review_cutoff(today=None) -> datetime.date:
    """Records last reviewed before this date are due for review."""
    return (today or timezone.localdate()) - REVIEW_INTERVAL


class OwnedContentQuerySet(models.QuerySet):
    def public(self):
        """What visitors, search, feeds and exports see."""
        return self.filter(is_published=True)

    def owned_by(self, organisation_ids):
        return self.filter(**{f"{self.model.OWNER_FIELD}__in": organisation_ids})

    def visible_to(self, user):
        """Published records; editors also see their own organisations' drafts, site
        administrators all (each with their rights acting now: the user model's rule)."""
        if user.is_authenticated and user.acts_as_site_administrator():
            return self
        public = self.public()
        if user.is_authenticated and user.is_active and user.editable_organisation_ids():
            return public | self.owned_by(user.editable_organisation_ids())
        return public

    def needs_review(self, today=None):
        return self.filter(last_reviewed_on__lt=review_cutoff(today))

    def reviewed_recently(self, today=None):
        return self.filter(last_reviewed_on__gte=review_cutoff(today))

    def mark_reviewed(self, on=None):
        """Set the review date one record at a time, so history and search see each change."""
        on = on or timezone.localdate()
        records = list(self)
        for record in records:
            record.last_reviewed_on = on
            record.save(update_fields=["last_reviewed_on", "updated_at"])
        return len(records)


class OwnedContent(models.Model):
    """Abstract: a published, topic-tagged record that its owner organisation reviews."""

    OWNER_FIELD = ""

    topics = TaggableManager(
        blank=True, help_text="Subjects, shared across the site (e.g. smart cards, broadband)."
    )
    is_published = models.BooleanField(
        "published",
        default=True,
        help_text="Shown on the public site, in search, feeds and exports. Untick to keep a "
        "draft that only editors see.",
    )
    last_reviewed_on = models.DateField(
        "last reviewed",
        default=timezone.localdate,
        help_text="When the owner last checked that everything here is still right. After "
        "12 months visitors are told the record may be out of date.",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = OwnedContentQuerySet.as_manager()

    class Meta:
        abstract = True

    @property
    def owner_organisation_id(self):
        return getattr(self, f"{self.OWNER_FIELD}_id")

    @property
    def needs_review(self) -> bool:
        return self.last_reviewed_on < review_cutoff()
