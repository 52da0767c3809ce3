"""What goes into a digest: each kind of subscription finds what is new for the member and
nothing else (drafts, private forums, their own posts, other topics, old news)."""

import datetime

import pytest
from django.utils import timezone
from taggit.models import Tag

from digests.members import following, load_batch
from digests.models import Frequency, SavedSearch, Subscriber
from digests.news import BatchNews
from forums import services
from forums.models import Watch
from linkcheck.models import Link
from linkcheck.outcomes import Outcome
from linkcheck.registry import sync_record
from tests.factories import GroupFactory, LocalAuthorityFactory, PartnerEditorFactory, UserFactory
from tests.forums.factories import CategoryFactory, MemberFactory, add_replies, start_thread
from tests.funding.factories import FundingRoundFactory, FundingSourceFactory, applicant_kind
from tests.projects.factories import ProjectFactory

from .conftest import ago, follower

pytestmark = pytest.mark.django_db
DAILY = Frequency.DAILY


def digest(member, since=None, known=None, kind=DAILY):
    until = timezone.now()
    since = since or until - datetime.timedelta(days=1)
    members = load_batch(kind, until, [member.pk])
    return BatchNews(kind, until, since, members).digest_for(members[0], since, known)


def titles(result, key=None):
    return [
        item.title
        for section in result.sections
        if key is None or section.key == key
        for item in section.items
    ]


def test_topics_bring_new_and_updated_records_of_every_type_on_them(topic, other_topic):
    member = follower(topic)
    fresh = ProjectFactory(title="New on the topic", topics=[topic])
    changed = ProjectFactory(title="Changed on the topic", topics=[topic])
    type(changed).objects.filter(pk=changed.pk).update(created_at=ago(days=30))
    ProjectFactory(title="Other topic", topics=[other_topic])
    ProjectFactory(title="Draft", topics=[topic], is_published=False)
    source = FundingSourceFactory(name="A fund on the topic", topics=[topic])
    result = digest(member)
    assert titles(result, "topic_projects") == [changed.title, fresh.title]
    notes = {i.title: i.note for s in result.sections for i in s.items}
    assert notes == {fresh.title: "New", changed.title: "Updated", source.name: "New"}
    assert titles(result, "topic_funding") == [source.name]


def test_forum_posts_in_watched_threads_and_new_threads_in_watched_forums():
    reader = MemberFactory(full_name="Rita Reader")
    Subscriber.objects.create(member=reader, forum_frequency=DAILY)
    writer = MemberFactory(full_name="Walt Writer")
    forum = CategoryFactory(name="Cards and kiosks")
    watched = start_thread(forum, title="Watched thread", now=ago(days=5))
    Watch.objects.create(user=reader, thread=watched)
    add_replies(watched, 2, authors=[writer], start=ago(hours=3))
    services.add_reply(thread=watched, author=reader, body="My own reply.", now=ago(hours=1))
    unwatched = start_thread(forum, title="Not watched", now=ago(days=5))
    add_replies(unwatched, 1, authors=[writer], start=ago(hours=2))
    other_forum = CategoryFactory(name="Voting online")
    Watch.objects.create(user=reader, category=other_forum)
    start_thread(other_forum, author=writer, title="Fresh in a watched forum", now=ago(hours=4))
    start_thread(other_forum, author=writer, title="Too old", now=ago(days=2))

    result = digest(reader)

    assert titles(result, "forum_threads") == ["Watched thread"]
    [item] = result.sections[0].items
    assert item.note == "2 new posts, the latest by Walt Writer"
    assert "Reply 2." in item.summary
    assert titles(result, "forum_categories") == ["Fresh in a watched forum"]


def test_a_private_group_forum_reaches_only_the_groups_people():
    council = LocalAuthorityFactory()
    group = GroupFactory(convenor=council)
    private = CategoryFactory(name="Group only", group=group, members_only=True)
    insider = PartnerEditorFactory(organisations=[council])
    outsider = MemberFactory()
    for member in (insider, outsider):
        Subscriber.objects.create(member=member, forum_frequency=DAILY)
        Watch.objects.create(user=member, category=private)
    start_thread(private, title="Inside news", now=ago(hours=2))
    assert titles(digest(insider)) == ["Inside news"]
    assert digest(outsider).is_empty


def test_members_who_never_chose_hear_of_their_watches_daily():
    reader = MemberFactory()
    thread = start_thread(CategoryFactory(), now=ago(days=3))
    Watch.objects.create(user=reader, thread=thread)
    add_replies(thread, 1, start=ago(hours=1))
    assert titles(digest(reader)) == [thread.title]
    assert digest(reader, kind=Frequency.WEEKLY).is_empty


def test_funding_deadlines_coming_within_two_weeks_on_the_members_topics_and_kinds(topic):
    member = UserFactory()
    subscriber = Subscriber.objects.create(
        member=member, forum_frequency=Frequency.OFF, deadline_frequency=DAILY
    )
    subscriber.topics.set([topic])
    subscriber.applicant_kinds.set([])
    now = timezone.now()
    soon = FundingRoundFactory(
        source=FundingSourceFactory(name="Soon", topics=[topic], applicants=["nhs"]),
        name="Round 2",
        closes_at=now + datetime.timedelta(days=13, hours=12),
    )
    FundingRoundFactory(
        source=FundingSourceFactory(name="Far off", topics=[topic]),
        closes_at=now + datetime.timedelta(days=40),
    )
    FundingRoundFactory(
        source=FundingSourceFactory(name="Off topic"),
        closes_at=now + datetime.timedelta(days=13, hours=12),
    )
    FundingRoundFactory(
        source=FundingSourceFactory(name="Unpublished", topics=[topic], is_published=False),
        closes_at=now + datetime.timedelta(days=13, hours=12),
    )
    result = digest(member)
    assert titles(result) == ["Soon: Round 2"]
    assert result.sections[0].items[0].note.startswith("Closes in 1")  # 13 or 14 days
    assert soon.source.get_absolute_url() in result.sections[0].items[0].url

    subscriber.applicant_kinds.set([applicant_kind("businesses")])
    assert digest(member).is_empty  # the round is for NHS bodies only

    # Told once: the next day's digest does not repeat a round already within the window.
    type(soon).objects.filter(pk=soon.pk).update(updated_at=ago(days=2))
    subscriber.applicant_kinds.set([])
    assert digest(member, since=now).is_empty


def test_a_saved_list_search_replays_the_lists_filters(topic, other_topic):
    member = UserFactory()
    Subscriber.objects.create(member=member, forum_frequency=Frequency.OFF)
    SavedSearch.objects.create(
        member=member,
        name="E-democracy projects",
        scope="projects",
        query="topic=e-democracy",
        frequency=DAILY,
    )
    ProjectFactory(title="Matches", topics=[topic])
    ProjectFactory(title="Does not match", topics=[other_topic])
    result = digest(member)
    assert titles(result) == ["Matches"]
    assert result.sections[0].heading == "E-democracy projects"
    assert result.sections[0].more_url.endswith("/projects/?topic=e-democracy")


def test_a_saved_search_whose_filter_is_gone_finds_nothing_rather_than_everything(topic):
    member = UserFactory()
    SavedSearch.objects.create(
        member=member, name="Gone", scope="projects", query="topic=no-such-topic", frequency=DAILY
    )
    ProjectFactory(topics=[topic])
    assert digest(member).is_empty


def test_partner_editors_hear_of_new_broken_links_and_overdue_reviews_once():
    council = LocalAuthorityFactory(name="Newham Council")
    editor = PartnerEditorFactory(organisations=[council])
    Subscriber.objects.create(
        member=editor, forum_frequency=Frequency.OFF, organisation_frequency=DAILY
    )
    project = ProjectFactory(
        title="Stale project",
        lead_organisation=council,
        website="https://broken.example/page",
        last_reviewed_on=datetime.date(2000, 1, 1),
    )
    sync_record(project)
    Link.objects.filter(url="https://broken.example/page").update(outcome=Outcome.BROKEN)
    ProjectFactory(title="Someone else's", last_reviewed_on=datetime.date(2000, 1, 1))

    first = digest(editor)
    assert [s.key for s in first.sections] == ["broken_links", "overdue_reviews"]
    assert titles(first) == ["Stale project", "Stale project"]
    assert first.sections[0].items[0].note == "Broken link: https://broken.example/page"
    assert f"/admin/projects/project/{project.pk}/change/" in first.sections[1].items[0].url

    again = digest(editor, known=first.known)
    assert again.is_empty


def test_members_with_the_same_topics_share_one_look_up(topic, django_assert_max_num_queries):
    members = [follower(topic) for _ in range(5)]
    ProjectFactory(topics=[topic])
    until = timezone.now()
    since = until - datetime.timedelta(days=1)
    batch = load_batch(DAILY, until, [m.pk for m in members])
    news = BatchNews(DAILY, until, since, batch)
    first = news.digest_for(batch[0], since)
    with django_assert_max_num_queries(0):
        for member in batch[1:]:
            assert news.digest_for(member, since).sections == first.sections


def test_topics_named_in_the_digest(topic):
    Tag.objects.filter(pk=topic.pk).update(name="E-democracy")
    member = follower(topic)
    ProjectFactory(topics=[topic])
    assert "E-democracy" in digest(member).sections[0].intro


@pytest.mark.parametrize("taken_away", ["role", "staff"])
def test_a_former_editor_hears_nothing_of_the_organisations_left_on_their_profile(taken_away):
    council = LocalAuthorityFactory(name="Newham Council")
    editor = PartnerEditorFactory(organisations=[council])
    Subscriber.objects.create(
        member=editor, forum_frequency=Frequency.OFF, organisation_frequency=DAILY
    )
    project = ProjectFactory(
        lead_organisation=council,
        website="https://broken.example/page",
        last_reviewed_on=datetime.date(2000, 1, 1),
    )
    sync_record(project)
    Link.objects.filter(url="https://broken.example/page").update(outcome=Outcome.BROKEN)
    if taken_away == "role":
        editor.groups.clear()
    else:
        editor.is_staff = False
        editor.save(update_fields=["is_staff"])

    assert digest(editor).is_empty
    assert editor not in following(DAILY, timezone.now())
