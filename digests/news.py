"""What is new for a batch of members: fetched once per batch, shared by every member who
follows the same things, then cut to each member's own `since`.

Everything in a batch is read in a fixed number of queries, whatever its size: the forum
posts in watched threads and forums, the records of each content type on the topics the
batch follows, funding rounds coming up to their deadline, each distinct saved search, and
the broken links and overdue reviews of the batch's organisations. Nothing here queries
per member or per item. The content apps are read only through what they registered in
core.registry (collections, forum watches, funding deadlines).
"""

import datetime
from collections import defaultdict
from dataclasses import dataclass, field

from django.urls import NoReverseMatch, reverse

from core import registry
from core.calendars import long_date
from linkcheck.reports import broken_usages

from . import conf, saved
from .items import Item, absolute, plain_excerpt, record_item, upper_first
from .members import forum_frequency, organisations_reported_to
from .models import Frequency


@dataclass
class Section:
    key: str
    heading: str
    items: list[Item]
    total: int
    intro: str = ""
    more_url: str = ""
    more_text: str = ""

    @property
    def hidden(self):
        return self.total - len(self.items)


def make_section(key, heading, items, *, intro="", more_url="", more_text=""):
    limit = conf.setting("SECTION_LIMIT")
    return Section(
        key=key,
        heading=heading,
        items=items[:limit],
        total=len(items),
        intro=intro,
        more_url=more_url,
        more_text=more_text,
    )


@dataclass
class Digest:
    kind: str
    since: datetime.datetime
    until: datetime.datetime
    sections: list[Section] = field(default_factory=list)
    known: dict = field(default_factory=dict)

    @property
    def item_count(self):
        return sum(section.total for section in self.sections)

    @property
    def is_empty(self):
        return not self.sections

    def summary(self):
        return {
            "items": self.item_count,
            "sections": {section.key: section.total for section in self.sections},
            "known": self.known,
        }


def _new_or_updated(item, since):
    if item.created is None:
        return item
    note = "New" if item.created > since else "Updated"
    return Item(item.title, item.url, item.date, note, item.summary, item.created)


def admin_url(app_label, model_name, pk):
    try:
        return absolute(reverse(f"admin:{app_label}_{model_name}_change", args=[pk]))
    except NoReverseMatch:
        return absolute(reverse("admin:index"))


class BatchNews:
    """Everything new in (floor, until] that one batch of members follows."""

    def __init__(self, kind, until, floor, members):
        self.kind, self.until, self.floor = kind, until, floor
        self.members = members
        self._cache = {}

    def _once(self, key, load):
        if key not in self._cache:
            self._cache[key] = load()
        return self._cache[key]

    # The member's digest ---------------------------------------------------------------

    def digest_for(self, member, since, previous_known=None):
        digest = Digest(self.kind, since, self.until)
        subscriber = getattr(member, "subscriber", None)
        if forum_frequency(member) == self.kind:
            digest.sections += self.forum_sections(member, since)
        if subscriber is not None:
            topics = frozenset(tag.slug for tag in subscriber.topics.all())
            if subscriber.topic_frequency == self.kind and topics:
                digest.sections += self._once(
                    ("topics", topics, since),
                    lambda: self.topic_sections(topics, since, subscriber.topics.all()),
                )
        for search in member.saved_searches.all():
            if search.frequency == self.kind:
                digest.sections += self.saved_search_sections(search, since)
        if subscriber is not None and subscriber.deadline_frequency == self.kind:
            topics = frozenset(tag.slug for tag in subscriber.topics.all())
            kinds = frozenset(kind.slug for kind in subscriber.applicant_kinds.all())
            digest.sections += self._once(
                ("deadlines", topics, kinds, since),
                lambda: self.deadline_sections(topics, kinds, since),
            )
        if (
            subscriber is not None
            and subscriber.organisation_frequency == self.kind
            and organisations_reported_to(member)
        ):
            sections, known = self.organisation_sections(member, previous_known or {})
            digest.sections += sections
            digest.known = known
        return digest

    # Forums ----------------------------------------------------------------------------

    def _watched_posts(self):
        watchers = [member for member in self.members if forum_frequency(member) == self.kind]
        if not watchers:
            return {}
        return registry.forum_watches().watched_posts(watchers, self.floor, self.until)

    def forum_sections(self, member, since):
        watched = self._once("forum_posts", self._watched_posts).get(member.pk)
        if watched is None:
            return []
        may_read = self._once("readers", lambda: registry.forum_watches().readers(self.members))

        def fresh(posts):
            return [
                post
                for post in posts
                if post.created_at > since
                and post.author_id != member.pk
                and may_read(member, post)
            ]

        replies = defaultdict(list)
        for post in fresh(watched.in_threads):
            replies[post.thread_id].append(post)
        started = fresh(watched.new_threads)
        sections = []
        if replies:
            items = [
                self._once(
                    ("thread_item", *(p.pk for p in new_posts)), lambda n=new_posts: thread_item(n)
                )
                for new_posts in replies.values()
            ]
            items.sort(key=lambda item: item.date, reverse=True)
            sections.append(make_section("forum_threads", "Threads you watch", items))
        if started:
            items = [
                self._once(("new_thread_item", post.pk), lambda p=post: new_thread_item(p))
                for post in reversed(started)
            ]
            sections.append(
                make_section("forum_categories", "New threads in forums you watch", items)
            )
        return sections

    # Topics ----------------------------------------------------------------------------

    def _followed_topics(self):
        topics = set()
        for member in self.members:
            subscriber = getattr(member, "subscriber", None)
            if subscriber is not None and subscriber.topic_frequency == self.kind:
                topics.update(tag.slug for tag in subscriber.topics.all())
        return topics

    def _topic_items(self, collection):
        """(item, its topics among those followed) of one content type, newest first."""
        topics = self._once("followed_topics", self._followed_topics)
        if not topics:
            return []
        slug = f"{collection.topic_lookup}__slug"
        records = collection.public().prefetch_related(None)
        window = {
            f"{collection.date_field}__gt": self.floor,
            f"{collection.date_field}__lte": self.until,
        }
        pairs = records.filter(**window, **{f"{slug}__in": topics}).values_list("pk", slug)
        by_record = defaultdict(set)
        for pk, topic in pairs.order_by():
            by_record[pk].add(topic)
        if not by_record:
            return []
        found = records.filter(pk__in=by_record).order_by(f"-{collection.date_field}", "-pk")
        return [(record_item(collection, r), frozenset(by_record[r.pk])) for r in found]

    def topic_sections(self, topics, since, tags):
        sections = []
        names = ", ".join(sorted((tag.name for tag in tags), key=str.casefold))
        for collection in registry.collections():
            if not collection.topic_lookup:
                continue
            tagged = self._once(
                ("topic_items", collection.key), lambda c=collection: self._topic_items(c)
            )
            items = [
                _new_or_updated(item, since)
                for item, on in tagged
                if item.date > since and on & topics
            ]
            if not items:
                continue
            more_url = absolute(reverse(collection.list_url_name))
            if collection.topic_param and len(topics) == 1:
                more_url += f"?{collection.topic_param}={next(iter(topics))}"
            sections.append(
                make_section(
                    f"topic_{collection.key}",
                    upper_first(collection.label_plural),
                    items,
                    intro=f"New and updated on your topics ({names}).",
                    more_url=more_url,
                    more_text=f"See all {collection.label_plural}",
                )
            )
        return sections

    # Funding deadlines -----------------------------------------------------------------

    def _rounds(self):
        days = datetime.timedelta(days=conf.setting("DEADLINE_DAYS"))
        return registry.funding_deadlines().closing(self.floor, self.until, days)

    def deadline_sections(self, topics, kinds, since):
        days = datetime.timedelta(days=conf.setting("DEADLINE_DAYS"))
        items = []
        for closing in self._once("rounds", self._rounds):
            came_in = closing.closes_at > since + days or closing.updated_at > since
            if not came_in:
                continue
            if topics and not topics & closing.topics:
                continue
            if kinds and closing.applicant_kinds and not kinds & closing.applicant_kinds:
                continue
            items.append(
                Item(
                    title=closing.title,
                    url=absolute(closing.url),
                    date=closing.closes_at,
                    note=upper_first(closing.deadline),
                    summary=plain_excerpt(closing.summary, 30),
                )
            )
        if not items:
            return []
        return [
            make_section(
                "deadlines",
                f"Funding closing within {days.days} days",
                items,
                intro="Rounds that have come within "
                f"{days.days} days of their deadline since your last e-mail.",
                more_url=absolute(reverse("funding:source_list")),
                more_text="See all funding",
            )
        ]

    # Saved searches --------------------------------------------------------------------

    def saved_search_sections(self, search, since):
        # The site search says only which documents changed after a moment (its hits carry
        # the record's own date), so it is asked once per distinct `since`; a list's search
        # once per batch, cut to each member's `since` by the records' dates.
        start = since if search.scope == saved.SITE else self.floor
        found = self._once(
            ("saved", search.scope, search.query, start),
            lambda: saved.new_matches(search.scope, search.query, start, self.until),
        )
        items = [_new_or_updated(item, since) for item in found if item.date > since]
        if not items:
            return []
        return [
            make_section(
                f"search_{search.pk}",
                search.name,
                items,
                intro=f"New matches for your saved search of {saved.scope_label(search.scope)}.",
                more_url=absolute(saved.search_url(search.scope, search.query)),
                more_text="See the search",
            )
        ]

    # The member's organisations --------------------------------------------------------

    def _organisation_ids(self):
        ids = set()
        for member in self.members:
            subscriber = getattr(member, "subscriber", None)
            if subscriber is not None and subscriber.organisation_frequency == self.kind:
                ids.update(organisations_reported_to(member))
        return ids

    def _broken(self):
        owners = self._once("organisation_ids", self._organisation_ids)
        return list(broken_usages(owner_ids=owners)) if owners else []

    def _overdue(self):
        """(owner id, key, item) of the records due for review, for every content type
        whose owners review it (the content types with an owned-content queryset)."""
        owners = self._once("organisation_ids", self._organisation_ids)
        found = []
        if not owners:
            return found
        today = self.until.astimezone(datetime.UTC).date()
        for collection in registry.collections():
            manager = collection.public().model._default_manager
            if not hasattr(manager, "needs_review") or not hasattr(manager, "owned_by"):
                continue
            model = manager.model
            records = manager.needs_review(today).owned_by(owners).order_by("last_reviewed_on")
            for record in records:
                found.append(
                    (
                        record.owner_organisation_id,
                        f"{collection.key}:{record.pk}",
                        Item(
                            title=str(record),
                            url=admin_url(model._meta.app_label, model._meta.model_name, record.pk),
                            date=self.until,
                            note=f"{upper_first(collection.label)}, last reviewed "
                            f"{long_date(record.last_reviewed_on)}",
                        ),
                    )
                )
        return found

    def organisation_sections(self, member, previous_known):
        """Broken links and overdue reviews of the member's organisations that their last
        e-mail did not already tell them of."""
        mine = organisations_reported_to(member)
        told_links = set(previous_known.get("links", ()))
        told_reviews = set(previous_known.get("reviews", ()))
        links, link_items = [], []
        for usage in self._once("broken", self._broken):
            if usage.owner_id not in mine:
                continue
            links.append(usage.pk)
            if usage.pk in told_links:
                continue
            ct = usage.content_type
            link_items.append(
                Item(
                    title=usage.record_label or usage.link.url,
                    url=admin_url(ct.app_label, ct.model, usage.object_id),
                    date=self.until,
                    note=f"Broken link: {usage.link.url}",
                )
            )
        reviews, review_items = [], []
        for owner_id, key, item in self._once("overdue", self._overdue):
            if owner_id not in mine:
                continue
            reviews.append(key)
            if key not in told_reviews:
                review_items.append(item)
        sections = []
        if link_items:
            sections.append(
                make_section(
                    "broken_links",
                    "Broken links on your organisation’s pages",
                    link_items,
                    intro="The link checker found these links broken: follow one to change it.",
                )
            )
        if review_items:
            sections.append(
                make_section(
                    "overdue_reviews",
                    "Due for review",
                    review_items,
                    intro="Not reviewed for 12 months: check each is still right and save it.",
                )
            )
        return sections, {"links": sorted(links), "reviews": sorted(reviews)}


def thread_item(new_posts):
    first, last = new_posts[0], new_posts[-1]
    count = len(new_posts)
    return Item(
        title=first.thread_title,
        url=absolute(first.url),
        date=last.created_at,
        note=f"{count} new post{'s' if count != 1 else ''}, the latest by {last.author_name}",
        summary=plain_excerpt(last.body, 40),
    )


def new_thread_item(post):
    return Item(
        title=post.thread_title,
        url=absolute(post.thread_url),
        date=post.created_at,
        note=f"In {post.forum_name}, started by {post.author_name}",
        summary=plain_excerpt(post.body, 40),
    )


def immediate_digest(post, member, until):
    """The e-mail about one forum post (a registry.ForumPost) to one watcher."""
    if post.starts_thread:
        section = make_section(
            "forum_categories", "New thread in a forum you watch", [new_thread_item(post)]
        )
    else:
        section = make_section(
            "forum_threads", "New post in a thread you watch", [thread_item([post])]
        )
    return Digest(Frequency.IMMEDIATELY, post.created_at, until, [section])
