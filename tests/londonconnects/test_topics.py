"""Topic hubs: the A to Z of topics with counts per type, and one topic's page joining up
everything public on it. Private things (drafts, hidden threads, private forums, contacts not
listed publicly or past review) carry the topic too and must never show."""

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone
from taggit.models import Tag

from contacts.models import Contact, Visibility
from eindex.models import Entry
from events.models import Event
from forums.models import Thread
from funding.models import FundingSource
from papers.models import Paper
from projects.models import Project
from tests.eindex.factories import EntryFactory
from tests.events.factories import EventFactory
from tests.factories import ContactFactory, GroupFactory, OrganisationFactory
from tests.forums.factories import CategoryFactory, start_thread
from tests.funding.factories import FundingSourceFactory
from tests.londonconnects.html import assert_sound_page, elements, text_of
from tests.papers.factories import PaperFactory
from tests.projects.factories import ProjectFactory

pytestmark = pytest.mark.django_db

SMART_CARDS = "smart cards"
HUB = "/topics/smart-cards/"

# On the topic, but never to be shown to a visitor.
PRIVATE_TITLES = (
    "Draft Quuxly Project",
    "Draft Quuxly Fund",
    "Draft Quuxly Paper",
    "Draft Quuxly Event",
    "Hidden Quuxly Thread",
    "Private Quuxly Thread",
    "Unlisted Quuxly Person",
    "Lapsed Quuxly Person",
)


def public_on(topic, count, tag=""):
    """`count` public records of every type on `topic`; returns the forum category."""
    category = CategoryFactory(name=f"Forum on {topic} {tag}")
    category.topics.add(topic)
    for n in range(count):
        ProjectFactory(title=f"Project {tag}{n}", topics=[topic])
        FundingSourceFactory(name=f"Fund {tag}{n}", topics=[topic])
        PaperFactory(title=f"Paper {tag}{n}", topics=[topic])
        EventFactory(title=f"Event {tag}{n}", topics=[topic])
        EntryFactory(title=f"Link {tag}{n}", topics=[topic])
        start_thread(category, title=f"Thread {tag}{n}")
        ContactFactory(name=f"Person {tag}{n}").topics.add(topic)
        OrganisationFactory(name=f"Organisation {tag}{n}").topics.add(topic)
        GroupFactory(name=f"Group {tag}{n}").topics.add(topic)
    return category


def private_on(topic):
    """One record of each private kind, all on `topic`."""
    ProjectFactory(title=PRIVATE_TITLES[0], topics=[topic], is_published=False)
    FundingSourceFactory(name=PRIVATE_TITLES[1], topics=[topic], is_published=False)
    PaperFactory(title=PRIVATE_TITLES[2], topics=[topic], is_published=False)
    EventFactory(title=PRIVATE_TITLES[3], topics=[topic], is_published=False)
    public_forum = CategoryFactory()
    public_forum.topics.add(topic)
    hidden = start_thread(public_forum, title=PRIVATE_TITLES[4])
    Thread.objects.filter(pk=hidden.pk).update(is_hidden=True)
    private_forum = CategoryFactory(members_only=True, group=GroupFactory())
    private_forum.topics.add(topic)
    start_thread(private_forum, title=PRIVATE_TITLES[5])
    unlisted = ContactFactory(name=PRIVATE_TITLES[6], listing_visibility=Visibility.STAFF)
    unlisted.topics.add(topic)
    lapsed = ContactFactory(
        name=PRIVATE_TITLES[7], review_by=timezone.localdate() - datetime.timedelta(days=1)
    )
    lapsed.topics.add(topic)


def only_private_on(topic):
    ProjectFactory(title="Draft only", topics=[topic], is_published=False)
    ContactFactory(listing_visibility=Visibility.STAFF).topics.add(topic)


def row_of(html, name):
    """The words of the A to Z's row for one topic."""
    for row in re.findall(r"<tr class=\"govuk-table__row\">(.*?)</tr>", html, flags=re.S):
        if f">{name}</a>" in row:
            return text_of(row)
    raise AssertionError(f"no row for {name}")


# The A to Z


def test_topic_list_counts_public_records_of_each_type(client):
    public_on(SMART_CARDS, 2)
    private_on(SMART_CARDS)
    public_on("broadband", 1, tag="b")
    only_private_on("a secret topic")

    html = assert_sound_page(client.get(reverse("topic_list")))

    assert row_of(html, SMART_CARDS) == (
        "smart cards 2 projects, 2 funding sources, 2 papers, 2 events, 2 e-index links, "
        "2 discussions, 2 organisations, 2 contacts, 2 groups 18"
    )
    assert row_of(html, "broadband") == (
        "broadband 1 project, 1 funding source, 1 paper, 1 event, 1 e-index link, "
        "1 discussion, 1 organisation, 1 contact, 1 group 9"
    )
    assert "a secret topic" not in html
    assert elements(html, "a", href=HUB)
    assert elements(html, "a", href="/topics/broadband/")


def test_topic_list_is_a_to_z_whatever_the_case(client):
    for name in ("Zoning", "accessibility", "Broadband"):
        ProjectFactory(topics=[name])

    html = client.get(reverse("topic_list")).text
    names = [cell["text"] for cell in elements(html, "th", scope="row")]

    assert names == ["accessibility", "Broadband", "Zoning"]
    assert "3 topics, A to Z" in text_of(html)


def test_topic_list_with_no_topics_says_so(client):
    html = assert_sound_page(client.get(reverse("topic_list")))
    assert "Nothing has been given a topic yet." in text_of(html)


def test_topics_are_in_the_main_navigation(client):
    html = client.get("/").text
    assert elements(html, "a", class_="govuk-service-navigation__link", href="/topics/")


# One topic's hub


def test_hub_groups_everything_public_by_type_under_its_own_heading(client):
    public_on(SMART_CARDS, 2)
    private_on(SMART_CARDS)

    html = assert_sound_page(client.get(HUB))
    headings = [h["text"] for h in elements(html, "h2")]

    for heading in (
        "Projects",
        "Funding sources",
        "Papers",
        "Events",
        "E-index links",
        "Discussions",
        "Organisations",
        "Contacts",
        "Groups",
    ):
        assert heading in headings
    assert elements(html, "h1")[0]["text"] == SMART_CARDS
    text = text_of(html)
    for title in ("Project 1", "Fund 0", "Paper 1", "Event 0", "Link 1", "Thread 0"):
        assert title in text
    for title in ("Person 0", "Organisation 1", "Group 0"):
        assert title in text
    for title in PRIVATE_TITLES:
        assert title not in html


def test_hub_leaves_out_types_with_nothing_on_the_topic(client):
    ProjectFactory(title="Lonely project", topics=[SMART_CARDS])

    html = client.get(HUB).text

    assert [h["text"] for h in elements(html, "h2", class_="govuk-heading-l")] == ["Projects"]
    assert elements(html, "a", href="/projects/?topic=smart-cards")[0]["text"] == (
        "The one project on smart cards"
    )


def test_hub_shows_the_newest_few_of_each_type_and_links_to_the_full_list(client):
    public_on(SMART_CARDS, 7)
    now = timezone.now()
    for age, project in enumerate(Project.objects.order_by("title")):
        Project.objects.filter(pk=project.pk).update(updated_at=now - datetime.timedelta(age))

    html = client.get(HUB).text
    projects = html.split('id="projects"')[1].split("<h2")[0]
    shown = [
        a["text"]
        for a in elements(projects, "a")
        if a["attrs"]["href"].startswith("/projects/test-")
    ]

    assert shown == ["Project 0", "Project 1", "Project 2", "Project 3", "Project 4"]
    links = {
        "/projects/?topic=smart-cards": "All 7 projects on smart cards",
        "/funding/?topic=smart-cards": "All 7 funding sources on smart cards",
        "/papers/?topic=smart-cards": "All 7 papers on smart cards",
        "/events/?topic=smart-cards": "All 7 events on smart cards",
        "/e-index/?topic=smart-cards": "All 7 e-index links on smart cards",
        "/contacts/?topic=smart-cards": "All 7 contacts on smart cards",
        # Lists that cannot filter by topic hand over to the search.
        "/search/?type=forums&topic=smart-cards": "All 7 discussions on smart cards",
        "/search/?type=organisations&topic=smart-cards": "All 7 organisations on smart cards",
        "/search/?type=groups&topic=smart-cards": "All 7 groups on smart cards",
    }
    for href, words in links.items():
        assert [a["text"] for a in elements(html, "a", href=href)] == [words]


def test_hub_orders_each_type_newest_first(client):
    category = public_on(SMART_CARDS, 0)
    now = timezone.now()
    for age, title in enumerate(["Newest thread", "Middle thread", "Oldest thread"]):
        thread = start_thread(category, title=title)
        Thread.objects.filter(pk=thread.pk).update(updated_at=now - datetime.timedelta(days=age))
    for age, title in enumerate(["Newest paper", "Older paper"]):
        paper = PaperFactory(title=title, topics=[SMART_CARDS])
        Paper.objects.filter(pk=paper.pk).update(updated_at=now - datetime.timedelta(days=age))

    text = text_of(client.get(HUB).text)

    assert text.index("Newest thread") < text.index("Middle thread") < text.index("Oldest thread")
    assert text.index("Newest paper") < text.index("Older paper")


def test_hub_records_link_to_their_own_pages(client):
    public_on(SMART_CARDS, 1)
    html = client.get(HUB).text
    for model in (Project, FundingSource, Paper, Event, Entry, Contact):
        record = model.objects.public().first() if hasattr(model.objects, "public") else None
        record = record or model.objects.first()
        assert elements(html, "a", href=record.get_absolute_url()), model
    thread = Thread.objects.public().get()
    assert elements(html, "a", href=thread.get_absolute_url())


def test_discussions_link_to_the_search_by_type_and_topic(
    client, search_index, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        category = public_on(SMART_CARDS, 0)
        start_thread(category, title="Oyster lessons for borough cards")
        start_thread(CategoryFactory(), title="Off-topic allotments thread")
        private_on(SMART_CARDS)

    link = elements(client.get(HUB).text, "a", href="/search/?type=forums&topic=smart-cards")
    assert link[0]["text"] == "The one discussion on smart cards"
    results = text_of(client.get("/search/?type=forums&topic=smart-cards").text)

    assert "Oyster lessons for borough cards" in results
    assert "Off-topic allotments thread" not in results
    for title in PRIVATE_TITLES:
        assert title not in results


def test_unknown_topic_is_not_found(client):
    assert client.get("/topics/no-such-topic/").status_code == 404


def test_topic_carried_only_by_private_records_is_not_found(client):
    only_private_on("a secret topic")
    private_on(SMART_CARDS)
    assert Tag.objects.filter(slug="a-secret-topic").exists()

    assert client.get("/topics/a-secret-topic/").status_code == 404
    assert client.get(HUB).status_code == 404


def test_topic_of_a_private_forum_stays_private(client):
    private_forum = CategoryFactory(members_only=True, group=GroupFactory())
    private_forum.topics.add("members only matters")
    start_thread(private_forum, title="Members-only thread")

    assert client.get("/topics/members-only-matters/").status_code == 404
    assert "members only matters" not in client.get(reverse("topic_list")).text


# Query counts: the same for N records as for 10N


def test_query_counts_do_not_grow_with_the_data(client, count_queries):
    public_on(SMART_CARDS, 1)
    public_on("broadband", 1, tag="b")
    private_on(SMART_CARDS)
    urls = [reverse("topic_list"), HUB, "/topics/broadband/"]
    small = {url: count_queries(client, url) for url in urls}

    public_on(SMART_CARDS, 9, tag="more")
    public_on("broadband", 9, tag="bmore")
    for n in range(10):
        ProjectFactory(topics=[f"extra topic {n}", SMART_CARDS])
    large = {url: count_queries(client, url) for url in urls}

    assert large == small, (small, large)
    assert small[HUB] <= 25


# Topic links on other pages lead to the hub


def test_record_pages_link_topics_to_their_hubs_and_keep_the_list_filter(client):
    public_on(SMART_CARDS, 1)
    pages = {
        Project.objects.get().get_absolute_url(): "/projects/?topic=smart-cards",
        FundingSource.objects.get().get_absolute_url(): "/funding/?topic=smart-cards",
        Paper.objects.get().get_absolute_url(): "/papers/?topic=smart-cards",
        Event.objects.get().get_absolute_url(): "/events/?topic=smart-cards",
    }
    for url, list_url in pages.items():
        html = client.get(url).text
        assert [a["text"] for a in elements(html, "a", href=HUB)] == [SMART_CARDS], url
        assert elements(html, "a", href=list_url), url


def test_directory_pages_link_topics_to_their_hubs(client):
    person = ContactFactory(name="Topical Person")
    person.topics.add(SMART_CARDS)
    organisation = OrganisationFactory()
    organisation.topics.add(SMART_CARDS)
    group = GroupFactory()
    group.topics.add(SMART_CARDS)
    for record in (person, organisation, group):
        html = client.get(record.get_absolute_url()).text
        assert [a["text"] for a in elements(html, "a", href=HUB)] == [SMART_CARDS]
