"""An organisation's whole picture on /organisations/<slug>/: its projects (led, as a partner
and, for a local authority, covering its area), funding, papers, events, e-index links,
groups, people and its people's recent forum posts; nothing private; a fixed query count."""

import datetime

import pytest
from django.utils import timezone

from contacts.models import Visibility
from forums.models import Post, PostStatus, Thread
from tests.eindex.factories import EntryFactory
from tests.events.factories import EventFactory
from tests.factories import ContactFactory, GroupFactory
from tests.forums.factories import CategoryFactory, MemberFactory, add_replies, start_thread
from tests.funding.factories import FundingSourceFactory
from tests.londonconnects.html import assert_sound_page, elements, text_of
from tests.papers.factories import PaperFactory
from tests.projects.factories import ProjectFactory

pytestmark = pytest.mark.django_db

NEWHAM = "/organisations/newham/"
HEADINGS = [
    "People",
    "Groups",
    "Projects",
    "Funding",
    "Papers",
    "Events",
    "E-index links",
    "In the forums",
]


def section(html, heading_id):
    """The HTML from one panel's <h2 id=...> to the next <h2>."""
    return html.split(f'id="{heading_id}"')[1].split("<h2")[0]


def newham_people_in_the_forums(newham, count=1, tag=""):
    """Posts by a Newham member in a public forum; returns the member."""
    member = MemberFactory(full_name=f"Nell Newham{tag}")
    member.organisations.add(newham)
    forum = CategoryFactory()
    thread = start_thread(forum, author=member, title=f"Newham thread {tag}")
    if count > 1:
        add_replies(thread, count - 1, authors=[member])
    return member


def everything_of(organisation, other, count=1, tag=""):
    """`count` public records of every kind that belongs on `organisation`'s page."""
    for n in range(count):
        ProjectFactory(title=f"Led {tag}{n}", lead_organisation=organisation)
        ProjectFactory(
            title=f"Partnered {tag}{n}", lead_organisation=other, partners=[organisation]
        )
        ProjectFactory(title=f"In area {tag}{n}", lead_organisation=other, areas=[organisation])
        FundingSourceFactory(
            name=f"Fund {tag}{n}", owner=organisation, funder=organisation, funder_name=""
        )
        PaperFactory(title=f"Paper {tag}{n}", publisher=organisation)
        EventFactory(title=f"Event {tag}{n}", organiser=organisation)
        EntryFactory(title=f"Link {tag}{n}", owner=organisation)
        GroupFactory(name=f"Convened {tag}{n}", convenor=organisation, members=[organisation])
        GroupFactory(name=f"Member of {tag}{n}", convenor=other, members=[organisation])
        ContactFactory(name=f"Person {tag}{n}", organisation=organisation)
    newham_people_in_the_forums(organisation, count=count, tag=tag)


def test_a_local_authority_page_shows_every_panel(client, org):
    newham, hackney = org("newham"), org("hackney")
    everything_of(newham, hackney)

    html = assert_sound_page(client.get(NEWHAM))
    headings = [h["text"] for h in elements(html, "h2", class_="govuk-heading-l")]

    assert headings == HEADINGS
    text = text_of(html)
    for title in ("Led 0", "Partnered 0", "In area 0", "Fund 0", "Paper 0", "Event 0"):
        assert title in text
    for title in ("Link 0", "Convened 0", "Member of 0", "Person 0", "Newham thread"):
        assert title in text


def test_projects_are_labelled_led_partner_and_covering_the_area(client, org):
    newham, hackney = org("newham"), org("hackney")
    ProjectFactory(title="Newham leads it", lead_organisation=newham, areas=[newham])
    ProjectFactory(title="Newham partners it", lead_organisation=hackney, partners=[newham])
    ProjectFactory(title="Hackney runs it in Newham", lead_organisation=hackney, areas=[newham])
    ProjectFactory(title="London-wide scheme", lead_organisation=hackney, london_wide=True)
    ProjectFactory(
        title="Draft in Newham", lead_organisation=hackney, areas=[newham], is_published=False
    )

    projects = text_of(section(client.get(NEWHAM).text, "projects"))

    assert projects.index("Leads Newham leads it") < projects.index("Partner in Newham partners it")
    covering = projects.split("Covering Newham’s area")[1]
    assert "Hackney runs it in Newham" in covering
    # Its own projects are under Leads and Partner in only; London-wide ones behind the link.
    assert "Newham leads it" not in covering and "Newham partners it" not in covering
    assert "London-wide scheme" not in projects
    assert "Draft in Newham" not in projects


def test_panels_link_to_their_filtered_lists(client, org):
    newham, hackney = org("newham"), org("hackney")
    everything_of(newham, hackney)

    html = client.get(NEWHAM).text

    for href in (
        "/projects/?organisation=newham",
        "/projects/?area=newham",
        "/papers/?organisation=newham",
        "/events/?organiser=newham",
        "/forums/",
    ):
        assert elements(html, "a", href=href), href


def test_an_organisation_that_is_not_an_authority_has_no_area_projects(client, org):
    gla, newham = org("gla"), org("newham")
    ProjectFactory(title="GLA leads it", lead_organisation=gla)
    ProjectFactory(title="Newham runs it", lead_organisation=newham, areas=[newham])

    projects = text_of(section(client.get(gla.get_absolute_url()).text, "projects"))

    assert "GLA leads it" in projects
    assert "Covering" not in projects and "Newham runs it" not in projects
    assert "?area=" not in projects


def test_forum_panel_shows_the_latest_public_posts_by_the_organisations_people(client, org):
    newham = org("newham")
    nell = MemberFactory(full_name="Nell Newham")
    nell.organisations.add(newham)
    outsider = MemberFactory(full_name="Otto Outsider")
    forum = CategoryFactory()
    base = timezone.now() - datetime.timedelta(days=30)

    started = start_thread(forum, author=nell, title="Card readers in libraries", now=base)
    replies = add_replies(started, 6, authors=[nell], start=base + datetime.timedelta(hours=1))
    add_replies(started, 1, authors=[outsider], body="Outsider words quixotic.")
    Post.objects.filter(pk=replies[-1].pk).update(status=PostStatus.HIDDEN)

    hidden = start_thread(forum, author=nell, title="Hidden Quuxly thread", now=base)
    Thread.objects.filter(pk=hidden.pk).update(is_hidden=True)
    private = CategoryFactory(members_only=True, group=GroupFactory(members=[newham]))
    start_thread(private, author=nell, title="Private Quuxly thread")

    html = client.get(NEWHAM).text
    panel = section(html, "forums")
    items = [item["text"] for item in elements(panel, "li")]

    # Replies 1 to 5 (the sixth is hidden by a moderator), newest first; five at most.
    assert len(items) == 5
    assert all(
        item.startswith("Nell Newham replied in Card readers in libraries") for item in items
    )
    links = [a["attrs"]["href"] for a in elements(panel, "a") if "#post-" in a["attrs"]["href"]]
    assert links == [post.stable_url() for post in reversed(replies[:5])]
    for secret in ("Hidden Quuxly thread", "Private Quuxly thread", "Otto Outsider", "quixotic"):
        assert secret not in html


def test_forum_panel_says_who_started_a_thread(client, org):
    newham = org("newham")
    newham_people_in_the_forums(newham, tag=" Starter")

    panel = text_of(section(client.get(NEWHAM).text, "forums"))

    assert "Nell Newham Starter started Newham thread Starter" in panel


def test_an_organisation_without_forum_posts_has_no_forum_panel(client, org):
    outsider = MemberFactory()
    start_thread(CategoryFactory(), author=outsider, title="Someone else's thread")

    html = client.get(NEWHAM).text

    assert 'id="forums"' not in html


def test_people_and_groups_show_only_what_is_public(client, org):
    newham = org("newham")
    ContactFactory(name="Pat Public-Newham", organisation=newham)
    ContactFactory(
        name="Una Unlisted-Newham", organisation=newham, listing_visibility=Visibility.STAFF
    )
    ContactFactory(
        name="Lapsed Quuxly-Newham",
        organisation=newham,
        review_by=timezone.localdate() - datetime.timedelta(days=1),
    )
    PaperFactory(title="Draft Quuxly paper", publisher=newham, is_published=False)
    EventFactory(title="Draft Quuxly event", organiser=newham, is_published=False)
    FundingSourceFactory(
        name="Draft Quuxly fund", owner=newham, funder=newham, funder_name="", is_published=False
    )

    html = client.get(NEWHAM).text

    assert "Pat Public-Newham" in html
    for secret in ("Una Unlisted", "Lapsed Quuxly", "Draft Quuxly"):
        assert secret not in html


def test_query_count_does_not_grow_with_the_data(client, org, count_queries):
    newham, hackney = org("newham"), org("hackney")
    everything_of(newham, hackney, count=2)
    small = count_queries(client, NEWHAM)

    everything_of(newham, hackney, count=20, tag="more ")
    large = count_queries(client, NEWHAM)

    assert large == small
