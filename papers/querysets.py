from django.db.models import Q

from core.ownership import OwnedContentQuerySet


class PaperQuerySet(OwnedContentQuerySet):
    def by_organisation(self, organisation_ids):
        """Papers these organisations published, or that a group they convene wrote."""
        return self.filter(
            Q(publisher__in=organisation_ids) | Q(group__convenor__in=organisation_ids)
        )

    def published_in(self, year):
        return self.filter(published_on__year=year)

    def matching(self, text):
        """Every word appears in the title, the summary or the text of the file."""
        queryset = self
        for word in text.split()[:10]:
            queryset = queryset.filter(
                Q(title__icontains=word)
                | Q(summary__icontains=word)
                | Q(extracted_text__icontains=word)
            )
        return queryset

    def for_listing(self):
        """What a list, feed or export shows of each paper, in a fixed number of queries."""
        return (
            self.select_related("publisher", "group")
            .prefetch_related("topics")
            .defer("extracted_text")
        )
