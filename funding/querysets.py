import datetime

from django.db import models
from django.db.models import F, OuterRef, Prefetch, Q, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone

from core.ownership import OwnedContentQuerySet

from .deadlines import LONDON


def end_of_month(now: datetime.datetime) -> datetime.datetime:
    """The first moment of next month in London: "closing this month" means before it."""
    local = now.astimezone(LONDON)
    year, month = (local.year + 1, 1) if local.month == 12 else (local.year, local.month + 1)
    return datetime.datetime(year, month, 1, tzinfo=LONDON)


class FundingRoundQuerySet(models.QuerySet):
    def not_closed(self, now=None):
        """Open now or opening later: rolling, or closing after `now`."""
        now = now or timezone.now()
        return self.filter(Q(is_rolling=True) | Q(closes_at__gt=now))

    def closed(self, now=None):
        return self.filter(is_rolling=False, closes_at__lte=now or timezone.now())

    def opened(self, now=None):
        today = timezone.localdate(now or timezone.now())
        return self.filter(Q(opens_on__isnull=True) | Q(opens_on__lte=today))

    def open_now(self, now=None):
        return self.not_closed(now).opened(now)

    def closing_between(self, start, end):
        return self.filter(is_rolling=False, closes_at__gt=start, closes_at__lte=end)

    def with_deadlines(self, now=None):
        """Rounds whose deadline is still to come (open now or later), for calendars."""
        return self.filter(is_rolling=False, closes_at__gt=now or timezone.now())


class FundingSourceQuerySet(OwnedContentQuerySet):
    def _having_rounds(self, rounds):
        return self.filter(pk__in=rounds.values("source_id"))

    def _rounds(self):
        return self.model._meta.get_field("rounds").related_model.objects

    def current(self, now=None):
        """Sources with a round open now or opening later (closed ones left out)."""
        return self._having_rounds(self._rounds().not_closed(now))

    def open_now(self, now=None):
        return self._having_rounds(self._rounds().open_now(now))

    def closing_within(self, days, now=None):
        """Sources with a round that is open and closes within `days` days."""
        now = now or timezone.now()
        rounds = self._rounds().opened(now).closing_between(now, now + datetime.timedelta(days))
        return self._having_rounds(rounds)

    def closing_this_month(self, now=None):
        now = now or timezone.now()
        rounds = self._rounds().opened(now).closing_between(now, end_of_month(now))
        return self._having_rounds(rounds)

    def open_to(self, applicant_slug):
        return self.filter(eligible_applicants__slug=applicant_slug)

    def offering_at_least(self, amount):
        """Sources whose largest award (or, when none is given, whole pot) reaches `amount`."""
        return self.alias(ceiling=Coalesce("max_amount", "total_pot")).filter(ceiling__gte=amount)

    def by_next_deadline(self, now=None):
        """Nearest deadline still to come first; rolling and closed ones after, by name."""
        upcoming = (
            self._rounds()
            .with_deadlines(now)
            .filter(source=OuterRef("pk"))
            .order_by("closes_at")
            .values("closes_at")[:1]
        )
        return self.annotate(next_deadline=Subquery(upcoming)).order_by(
            F("next_deadline").asc(nulls_last=True), "name", "pk"
        )

    def matching(self, text):
        """Every word appears in the name, summary, eligibility or funder's name."""
        queryset = self
        for word in text.split()[:10]:
            queryset = queryset.filter(
                Q(name__icontains=word)
                | Q(summary__icontains=word)
                | Q(eligibility__icontains=word)
                | Q(funder_name__icontains=word)
                | Q(funder__name__icontains=word)
            )
        return queryset

    def for_listing(self):
        """What a list, feed, calendar or export shows, in a fixed number of queries."""
        return self.select_related("owner", "funder").prefetch_related(
            "topics", "eligible_applicants", Prefetch("rounds", queryset=self._rounds().all())
        )
