from django.db import models
from django.utils import timezone

from .audiences import Visibility, audience_for, levels_seen_by
from .choices import OrganisationKind, OrganisationStatus


class OrganisationQuerySet(models.QuerySet):
    def active(self):
        return self.filter(status=OrganisationStatus.ACTIVE)

    def local_authorities(self):
        return self.filter(kind=OrganisationKind.LOCAL_AUTHORITY)

    def in_sub_region(self, sub_region):
        return self.filter(sub_region=sub_region)


class ContactQuerySet(models.QuerySet):
    def current(self):
        """Entries not past their review-by date."""
        return self.filter(review_by__gte=timezone.localdate())

    def public(self):
        return self.current().filter(listing_visibility=Visibility.PUBLIC)

    def visible_to(self, user):
        """The entries this user may see listed: public, and more for partners and staff.

        Staff also see entries past their review-by date, since reviewing them is their job.
        """
        audience = audience_for(user)
        if audience == Visibility.STAFF:
            return self.all()
        return self.current().filter(listing_visibility__in=levels_seen_by(audience))


class GroupQuerySet(models.QuerySet):
    def active(self):
        return self.filter(is_active=True)
