"""Topic hubs: everything public on one subject, joined up across the content types.

The content types are the registry's collections (core.registry.Collection); a
topic is a django-taggit Tag that at least one public record carries. Both pages cost a
fixed number of queries, one or two per content type, however many topics and records
there are.
"""

from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.db.models import Count
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from taggit.models import Tag

from core import registry

# How many of each type's newest records a hub shows before linking to the full list.
HUB_LIMIT = 5


@dataclass
class TopicTally:
    """One topic on the A to Z: how many public records of each type carry it."""

    slug: str
    name: str
    counts: list = field(default_factory=list)

    @property
    def total(self):
        return sum(count for _, count in self.counts)

    def in_words(self):
        """'3 projects, 1 funding source'."""
        return ", ".join(_how_many(collection, count) for collection, count in self.counts)


def _how_many(collection, count):
    return f"{count} {collection.label if count == 1 else collection.label_plural}"


def _topical_collections():
    return [collection for collection in registry.collections() if collection.topic_lookup]


def _public(collection):
    # The hubs show a title, a date and a link; the lists' prefetches would be wasted.
    return collection.public().prefetch_related(None)


def topic_list(request):
    tallies = {}
    for collection in _topical_collections():
        lookup = collection.topic_lookup
        rows = (
            _public(collection)
            .order_by()
            .values_list(f"{lookup}__slug", f"{lookup}__name")
            .annotate(records=Count("pk", distinct=True))
        )
        for slug, name, records in rows:
            if slug is None:
                continue
            tally = tallies.setdefault(slug, TopicTally(slug=slug, name=name))
            tally.counts.append((collection, records))
    topics = sorted(tallies.values(), key=lambda tally: (tally.name.casefold(), tally.slug))
    return render(request, "topics/topic_list.html", {"topics": topics})


def full_list_url(collection, topic):
    """The collection's own list filtered to the topic, or the site search by type and topic
    for a list that cannot filter by topic (forums, organisations, groups)."""
    if collection.topic_param:
        url, params = reverse(collection.list_url_name), {collection.topic_param: topic.slug}
    else:
        url, params = reverse("search"), {"type": collection.key, "topic": topic.slug}
    return f"{url}?{urlencode(params)}"


def topic_hub(request, slug):
    topic = get_object_or_404(Tag, slug=slug)
    sections = []
    for collection in _topical_collections():
        records = _public(collection).filter(**{f"{collection.topic_lookup}__slug": topic.slug})
        count = records.count()
        if not count:
            continue
        newest = records.order_by(f"-{collection.date_field}", "-pk")[:HUB_LIMIT]
        sections.append(
            {
                "collection": collection,
                "count": count,
                "records": [
                    {
                        "title": str(record),
                        "url": record.get_absolute_url(),
                        "date": getattr(record, collection.date_field),
                    }
                    for record in newest
                ],
                "full_list_url": full_list_url(collection, topic),
            }
        )
    if not sections:
        # Carried only by drafts, hidden threads or private entries: not a public topic.
        raise Http404("No public record is on this topic.")
    return render(request, "topics/topic_hub.html", {"topic": topic, "sections": sections})
