"""The declared interface between the content apps and the rooms above them.

Each app fills this registry in its AppConfig.ready(); the home page, the main
navigation, seed_demo and the page-guard tests read it, so adding a content
type never means editing those by hand. This module imports no app.
"""

import datetime
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Section:
    """A public section of the site: a navigation entry and a home-page tile."""

    key: str
    label: str
    url_name: str
    order: int
    description: str = ""
    count: Callable[[], int] | None = None
    latest: Callable[[int], list] | None = None
    in_navigation: bool = True


@dataclass
class Seeder:
    """Builds demo records for one app; `run(scale, rng, stdout)` must be idempotent."""

    key: str
    order: int
    run: Callable
    depends_on: tuple[str, ...] = field(default_factory=tuple)


@dataclass(frozen=True)
class OrganisationPanel:
    """One app's records on an organisation's page (its projects, papers, events ...).

    `context(organisation, request)` returns the context for `template_name`, or None to
    leave the panel out (for instance when the organisation has no such records). The
    template renders its own <h2>; it must load what it lists in a bounded number of queries.
    """

    key: str
    order: int
    template_name: str
    context: Callable[[Any, Any], dict | None]


@dataclass(frozen=True)
class GroupPanel(OrganisationPanel):
    """One app's records on a group's page (its papers ...): as OrganisationPanel, but
    `context(group, request)` is given the Group."""


@dataclass(frozen=True)
class Collection:
    """A public content type that the rooms above join up: search facets, topic hubs,
    digests, sitemaps, the API and the feeds page all read this instead of naming models.

    - `key`: stable machine name ("projects"); also the value of search's type facet.
    - `public()`: the records anyone may see, ready to list (select_related as needed).
    - `date_field`: when a record was last new or changed, newest first on hubs, "new since"
      in digests, lastmod in sitemaps.
    - `created_field`: when the record was added (digests tell "new" from "updated").
    - `topic_lookup`: the path to its taggit topics ("topics", or "category__topics" for
      forum threads, which take the topics of their forum); None if it carries none.
    - `list_url_name`: its public list; `topic_param` is the list's GET parameter that
      takes a topic slug, or None if the list cannot filter by topic.
    - `filterset`: the list's django-filter FilterSet, when the list has one: saved
      searches and the API replay the same filters the page offers.
    - `pages()`: for sitemaps, the public records with a page of their own, when they are
      not the `public()` records (an e-index link is shown on its category's page, so the
      e-index gives its categories, each with a `date_field`); None: `public()`.
    """

    key: str
    label: str
    label_plural: str
    order: int
    public: Callable[[], Any]
    list_url_name: str
    date_field: str = "updated_at"
    created_field: str = "created_at"
    topic_lookup: str | None = "topics"
    topic_param: str | None = "topic"
    filterset: Any = None
    pages: Callable[[], Any] | None = None


_collections: dict[str, Collection] = {}


def register_collection(collection: Collection) -> None:
    _collections[collection.key] = collection


def collections() -> list[Collection]:
    return sorted(_collections.values(), key=lambda c: c.order)


def collection(key: str) -> Collection:
    return _collections[key]


_sections: dict[str, Section] = {}
_seeders: dict[str, Seeder] = {}
_organisation_panels: dict[str, OrganisationPanel] = {}
_group_panels: dict[str, GroupPanel] = {}


def register_section(section: Section) -> None:
    _sections[section.key] = section


def sections() -> list[Section]:
    return sorted(_sections.values(), key=lambda s: s.order)


def register_seeder(seeder: Seeder) -> None:
    _seeders[seeder.key] = seeder


def seeders() -> list[Seeder]:
    return sorted(_seeders.values(), key=lambda s: s.order)


def register_organisation_panel(panel: OrganisationPanel) -> None:
    _organisation_panels[panel.key] = panel


def organisation_panels() -> list[OrganisationPanel]:
    return sorted(_organisation_panels.values(), key=lambda p: p.order)


def register_group_panel(panel: GroupPanel) -> None:
    _group_panels[panel.key] = panel


def group_panels() -> list[GroupPanel]:
    return sorted(_group_panels.values(), key=lambda p: p.order)


ATOM = "application/atom+xml"
ICALENDAR = "text/calendar"


@dataclass(frozen=True)
class FeedLink:
    """An Atom feed or iCalendar feed people subscribe to: listed on /feeds/ and offered as
    <link rel="alternate"> on `page_url`, the page whose records it carries.

    `follows_filters`: the feed takes the page's GET filters, so the page offers it with them.
    """

    title: str
    description: str
    url: str
    page_url: str
    media_type: str = ATOM
    follows_filters: bool = True


@dataclass(frozen=True)
class FeedSource:
    """One app's feeds, under one heading of /feeds/.

    `feeds()` builds the FeedLinks when asked, so it may reverse URLs and read the database
    (one feed per public forum). `page_url_names` name the pages that offer them; no other
    page calls `feeds()`.
    """

    key: str
    heading: str
    order: int
    feeds: Callable[[], list[FeedLink]]
    page_url_names: tuple[str, ...] = ()


_feed_sources: dict[str, FeedSource] = {}


def register_feed_source(source: FeedSource) -> None:
    _feed_sources[source.key] = source


def feed_sources() -> list[FeedSource]:
    return sorted(_feed_sources.values(), key=lambda s: s.order)


def feed_links_for_page(url_name: str, path: str) -> list[FeedLink]:
    """The feeds that carry the records of the page at `path` (whose URL name is `url_name`)."""
    return [
        feed
        for source in feed_sources()
        if url_name in source.page_url_names
        for feed in source.feeds()
        if feed.page_url == path
    ]


@dataclass(frozen=True)
class ApiEndpoint:
    """One resource of the public read API, served at /api/v1/<prefix>/ by a read-only
    viewset; londonconnects/api.py builds the router from these, in `order`."""

    prefix: str
    viewset: Any
    basename: str
    order: int


_api_endpoints: dict[str, ApiEndpoint] = {}


def register_api_endpoint(endpoint: ApiEndpoint) -> None:
    _api_endpoints[endpoint.prefix] = endpoint


def api_endpoints() -> list[ApiEndpoint]:
    return sorted(_api_endpoints.values(), key=lambda e: e.order)


@dataclass(frozen=True)
class Organisations:
    """What the kit needs to know of the room that keeps the organisations (contacts/
    registers it): the kit names no app, so the owner of every record comes from here.

    - `model`: the Organisation model; each editable record names one as its owner.
    - `area_kind`: the kind of organisation that is a London area (a local authority).
    - `named_fields`: the fields that other records' search documents take from an
      organisation (a change to one re-indexes the records that name it).
    """

    model: Any
    area_kind: str
    named_fields: tuple[str, ...]


_organisations: list[Organisations] = []


def register_organisations(facts: Organisations) -> None:
    _organisations[:] = [facts]


def organisations() -> Organisations:
    if not _organisations:
        raise LookupError("No app has registered the organisations (contacts/ does).")
    return _organisations[0]


@dataclass(frozen=True)
class FacetLabels:
    """Readable names for the values of some search facets, from the room that owns them:
    `labels(values)` maps each value it knows (a slug, a code) to its name, in at most one
    query. A facet value that no source names is not offered."""

    key: str
    params: tuple[str, ...]
    labels: Callable[[set[str]], dict[str, str]]


_facet_labels: dict[str, FacetLabels] = {}


def register_facet_labels(source: FacetLabels) -> None:
    _facet_labels[source.key] = source


def facet_labels() -> list[FacetLabels]:
    return list(_facet_labels.values())


@dataclass(frozen=True)
class LinkHealth:
    """What the link checker tells the rest of the site about outbound addresses (linkcheck/
    registers it; the API reads it).

    - `urls_of(record)`: the addresses in a record's registered URL fields.
    - `health_of(*urls)`: the stored health of each address (strings, records with a `url`
      or iterables of either), in one query, by normalised address.
    - `last_checked()`: when any address was last checked, or None.
    """

    urls_of: Callable[[Any], list[str]]
    health_of: Callable[..., dict]
    last_checked: Callable[[], Any]


def _no_urls(record):
    return []


def _no_health(*urls):
    return {}


def _never_checked():
    return None


_link_health: list[LinkHealth] = []


def register_link_health(source: LinkHealth) -> None:
    _link_health[:] = [source]


def link_health() -> LinkHealth:
    """The link checker's answers; without it, no address has a known health."""
    return _link_health[0] if _link_health else LinkHealth(_no_urls, _no_health, _never_checked)


@dataclass(frozen=True)
class ForumPost:
    """A visible forum post, as the digests tell of it (forums/ makes them).

    `url` is the post's own page and `thread_url` its thread's (paths). `author_name` is the
    name it is shown under, `body` its Markdown; `starts_thread`: it is its thread's first
    post; `is_shown`: it is visible, in a thread that is not hidden. `forum` is its forum as
    `ForumWatches.readers` takes it: the digests show only `forum_name`.
    """

    pk: int
    thread_id: int
    thread_title: str
    thread_url: str
    url: str
    forum_name: str
    starts_thread: bool
    author_id: int | None
    author_name: str
    body: str
    created_at: datetime.datetime
    is_shown: bool
    forum: Any


@dataclass(frozen=True)
class WatchedPosts:
    """What one member's watches brought in a batch's window, oldest first: the posts in the
    threads they watch, and the first posts of the threads started in the forums they watch
    (when they do not watch the thread itself)."""

    in_threads: list[ForumPost]
    new_threads: list[ForumPost]


@dataclass(frozen=True)
class ForumWatches:
    """What the forums tell the digests (forums/ registers it): who watches what, what was
    posted there, and who may read it. The members of a batch come with their `groups` and
    `organisations` prefetched; nothing here queries per member or per post.

    - `watchers()`: a condition on a user queryset (for `.filter()`): they watch a thread
      or a forum.
    - `suspended(at)`: a condition on a user queryset: they are suspended from the forums
      at `at` (the digests send them nothing).
    - `watched_posts(members, after, until)`: the visible posts of (after, until] in what
      `members` watch, in a fixed number of queries: {member pk: WatchedPosts} for each
      member who watches something.
    - `readers(members)`: the forums' read rule for a batch, `may_read(member, post)`; the
      first question about a private forum reads the whole batch's groups in one query.
    - `post(post_id)`: the ForumPost to e-mail to its watchers at once, or None if it is gone.
    - `watchers_of(post)`: a condition on a user queryset: they watch the post's thread, or
      its forum when the post starts the thread.
    - `watches_of(member)`: what `member` watches, oldest first, as (key, label) pairs
      ("Thread: Kiosk pilots") for the subscriptions page; `stop_watching(member, keys)`
      ends the watches whose keys are given.
    - `on_new_post(receiver)`: `receiver(post_id)` is called as each new visible post is
      saved, before it is committed.
    """

    watchers: Callable[[], Any]
    suspended: Callable[[Any], Any]
    watched_posts: Callable[[list, Any, Any], dict[int, WatchedPosts]]
    readers: Callable[[list], Callable[[Any, ForumPost], bool]]
    post: Callable[[int], ForumPost | None]
    watchers_of: Callable[[ForumPost], Any]
    watches_of: Callable[[Any], list[tuple[str, str]]]
    stop_watching: Callable[[Any, list[str]], None]
    on_new_post: Callable[[Callable[[int], None]], None]


_forum_watches: list[ForumWatches] = []


def register_forum_watches(source: ForumWatches) -> None:
    _forum_watches[:] = [source]


def forum_watches() -> ForumWatches:
    if not _forum_watches:
        raise LookupError("No app has registered the forum watches (forums/ does).")
    return _forum_watches[0]


@dataclass(frozen=True)
class ClosingRound:
    """A funding round coming up to its deadline, as the digests tell of it (funding/ makes
    them). `title` names the source and the round, `url` is the source's page (a path),
    `deadline` says in words when it closes ("closes in 12 days, on ..."), `summary` is the
    source's Markdown; `topics` and `applicant_kinds` are the slugs of the source's."""

    title: str
    url: str
    closes_at: datetime.datetime
    updated_at: datetime.datetime
    deadline: str
    summary: str
    topics: frozenset[str]
    applicant_kinds: frozenset[str]


@dataclass(frozen=True)
class FundingDeadlines:
    """What the funding room tells the digests of deadlines (funding/ registers it).

    - `closing(after, until, within)`: the public rounds still open at `until` that close
      within `within` (a timedelta) of it and came that close, or were added or changed,
      after `after`: ClosingRounds, soonest first, each `deadline` said as at `until`, in a
      fixed number of queries.
    - `applicant_kinds()`: the kinds of applicant a member may ask to hear of funding for
      (a queryset of records with a `slug`: the subscriptions page's choices).
    """

    closing: Callable[[Any, Any, datetime.timedelta], list[ClosingRound]]
    applicant_kinds: Callable[[], Any]


_funding_deadlines: list[FundingDeadlines] = []


def register_funding_deadlines(source: FundingDeadlines) -> None:
    _funding_deadlines[:] = [source]


def funding_deadlines() -> FundingDeadlines:
    if not _funding_deadlines:
        raise LookupError("No app has registered the funding deadlines (funding/ does).")
    return _funding_deadlines[0]
