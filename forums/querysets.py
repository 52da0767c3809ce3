from django.contrib.auth.models import AnonymousUser
from django.db import models
from django.utils import timezone

from .choices import PostStatus
from .permissions import is_moderator, readable_categories

# Whoever is not signed in: what may be read in public (search, feeds, the API).
ANYONE = AnonymousUser()


class CategoryQuerySet(models.QuerySet):
    def public(self):
        """Readable by anyone, signed in or not."""
        return self.filter(readable_categories(ANYONE))

    def readable_by(self, user):
        return self.filter(readable_categories(user))


class ThreadQuerySet(models.QuerySet):
    def public(self):
        """Threads anyone may read: not hidden, in a category that is not private."""
        return self.filter(readable_categories(ANYONE, through="category__"), is_hidden=False)

    def visible_to(self, user):
        """What `user` may open: moderators also see hidden threads and private forums."""
        if is_moderator(user):
            return self.all()
        categories = self.model._meta.get_field("category").related_model.objects
        return self.filter(is_hidden=False, category__in=categories.readable_by(user))


class PostQuerySet(models.QuerySet):
    def visible(self):
        return self.filter(status=PostStatus.VISIBLE)


class FlagQuerySet(models.QuerySet):
    def open(self):
        return self.filter(resolved_at__isnull=True)


class SuspensionQuerySet(models.QuerySet):
    def in_force(self, at=None):
        at = at or timezone.now()
        return self.filter(starts_at__lte=at, ends_at__gt=at, lifted_at__isnull=True)
