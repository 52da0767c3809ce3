from django.db.models import Prefetch, Q
from django.utils import timezone

from core.ownership import OwnedContentQuerySet


class EventQuerySet(OwnedContentQuerySet):
    def upcoming(self, now=None):
        """Events not yet over (those happening now included), soonest first."""
        return self.filter(ends_at__gte=now or timezone.now()).order_by("starts_at", "pk")

    def past(self, now=None):
        """Events that are over, most recent first."""
        return self.filter(ends_at__lt=now or timezone.now()).order_by("-starts_at", "-pk")

    def matching(self, text):
        queryset = self
        for word in text.split()[:10]:
            queryset = queryset.filter(
                Q(title__icontains=word)
                | Q(summary__icontains=word)
                | Q(agenda__icontains=word)
                | Q(venue__icontains=word)
            )
        return queryset

    def for_listing(self):
        """What a list, feed, calendar or export shows, in a fixed number of queries."""
        return self.select_related("organiser").prefetch_related("topics")

    def with_papers(self):
        from papers.models import Paper

        return self.prefetch_related(
            Prefetch(
                "papers",
                queryset=Paper.objects.public().for_listing().order_by("title"),
                to_attr="public_papers",
            )
        )
