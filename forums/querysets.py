from django.db import models
from django.db.models import Q
from django.utils import timezone

from .permissions import group_ids_of_member, is_moderator


class CategoryQuerySet(models.QuerySet):
    def public(self):
        """Readable by anyone, signed in or not."""
        return self.filter(members_only=False)

    def readable_by(self, user):
        if is_moderator(user):
            return self.all()
        if not user.is_authenticated:
            return self.public()
        return self.filter(Q(members_only=False) | Q(group__in=group_ids_of_member(user)))


class ThreadQuerySet(models.QuerySet):
    def public(self):
        """Threads anyone may read: not hidden, in a category that is not private."""
        return self.filter(is_hidden=False, category__members_only=False)

    def visible_to(self, user):
        """What `user` may open: moderators also see hidden threads and private forums."""
        if is_moderator(user):
            return self.all()
        categories = self.model._meta.get_field("category").related_model.objects
        return self.filter(is_hidden=False, category__in=categories.readable_by(user))


class PostQuerySet(models.QuerySet):
    def visible(self):
        return self.filter(status="visible")


class FlagQuerySet(models.QuerySet):
    def open(self):
        return self.filter(resolved_at__isnull=True)


class SuspensionQuerySet(models.QuerySet):
    def in_force(self, at=None):
        at = at or timezone.now()
        return self.filter(starts_at__lte=at, ends_at__gt=at, lifted_at__isnull=True)
