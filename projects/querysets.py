import datetime

from django.db.models import Prefetch, Q

from core.ownership import OwnedContentQuerySet


class ProjectQuerySet(OwnedContentQuerySet):
    def covering_area(self, organisation_ids):
        """Projects in any of these local authorities' areas, and the London-wide ones."""
        inside = self.model.areas.through.objects.filter(organisation_id__in=organisation_ids)
        return self.filter(Q(london_wide=True) | Q(pk__in=inside.values("project_id")))

    def in_sub_region(self, sub_region):
        """Projects in any area of the sub-region, and the London-wide ones."""
        inside = self.model.areas.through.objects.filter(organisation__sub_region=sub_region)
        return self.filter(Q(london_wide=True) | Q(pk__in=inside.values("project_id")))

    def involving(self, organisation_ids):
        """Projects these organisations lead or are partners in."""
        partnered = self.model.partners.through.objects.filter(organisation_id__in=organisation_ids)
        return self.filter(
            Q(lead_organisation__in=organisation_ids) | Q(pk__in=partnered.values("project_id"))
        )

    def active_in_year(self, year):
        """Projects running at some time in the year: started by its end, not ended before it.

        A project with no start date cannot be placed in time and is left out.
        """
        first, last = datetime.date(year, 1, 1), datetime.date(year, 12, 31)
        return self.filter(start_date__lte=last).filter(
            Q(end_date__isnull=True) | Q(end_date__gte=first)
        )

    def matching(self, text):
        """A plain-words filter: every word appears in the title, summary or description."""
        queryset = self
        for word in text.split()[:10]:
            queryset = queryset.filter(
                Q(title__icontains=word)
                | Q(summary__icontains=word)
                | Q(description__icontains=word)
                | Q(outcomes__icontains=word)
            )
        return queryset

    def for_listing(self):
        """What a list, feed or export shows of each project, in a fixed number of queries."""
        from contacts.models import Organisation

        by_name = Organisation.objects.order_by("short_name")
        return self.select_related("lead_organisation", "programme").prefetch_related(
            "topics",
            Prefetch("partners", queryset=by_name),
            Prefetch("areas", queryset=by_name),
        )
