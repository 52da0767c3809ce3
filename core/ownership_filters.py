"""Filter parts shared by the owned-content lists (projects, funding, papers, events).

Like ownership.py and ownership_admin.py it imports no content app. A list's FilterSet
subclasses `OwnedContentFilterSet` and declares its own `topic` filter where it wants it in
the form; this base fills its choices and supplies the methods every list uses.
"""

from django.contrib.contenttypes.models import ContentType
from taggit.models import Tag

from core.filtersets import SiteFilterSet


def topic_choices(queryset):
    """(slug, name) of the topics that the records of `queryset` carry, A to Z: one query."""
    return list(
        Tag.objects.filter(
            taggit_taggeditem_items__content_type=ContentType.objects.get_for_model(queryset.model),
            taggit_taggeditem_items__object_id__in=queryset.values("pk"),
        )
        .distinct()
        .order_by("name")
        .values_list("slug", "name")
    )


class OwnedContentFilterSet(SiteFilterSet):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "topic" in self.filters:
            self.filters["topic"].extra["choices"] = topic_choices(self.queryset)

    def keep(self, queryset, name, value):
        """For parameters the view reads itself (sort, a radio of buckets): no filtering."""
        return queryset

    def filter_text(self, queryset, name, value):
        return queryset.matching(value) if value.strip() else queryset
