"""What digests send follows who may read it at the moment of sending: a saved site search
never e-mails a thread of a forum made private, a thread a moderator hid, a contact no
longer listed publicly or an unpublished record, even when the search index has not caught
up (an update the queue lost); and forum watches stop at a forum made private."""

import pytest
from django.db import transaction

from contacts.models import Contact, Visibility
from digests.models import Frequency, SavedSearch, Subscriber
from forums.models import Category, Thread, Watch
from projects.models import Project
from tests.factories import ContactFactory, GroupFactory, UserFactory
from tests.forums.factories import CategoryFactory, start_thread
from tests.projects.factories import ProjectFactory

from .conftest import ago
from .test_sending import run_daily

pytestmark = pytest.mark.django_db


def bodies(message):
    return [message.get_body(preferencelist=(kind,)).get_content() for kind in ("plain", "html")]


def test_a_saved_site_search_sends_only_what_is_public_when_it_is_sent(
    sink, search_index, django_capture_on_commit_callbacks
):
    member = UserFactory(email="alerts@example.org")
    Subscriber.objects.create(member=member, forum_frequency=Frequency.OFF)
    SavedSearch.objects.create(
        member=member,
        name="Ossifrage anywhere",
        scope="site",
        query="q=ossifrage",
        frequency=Frequency.DAILY,
    )
    forum = CategoryFactory(name="Chief executives")
    with django_capture_on_commit_callbacks(execute=True):
        ProjectFactory(title="Ossifrage open project", summary="Ossifrage for all.")
        draft = ProjectFactory(title="Ossifrage unpublished project", summary="Ossifrage.")
        start_thread(forum, title="Ossifrage private thread", body="Ossifrage plans.")
        hidden = start_thread(CategoryFactory(), title="Ossifrage hidden thread", body="Ossifrage.")
        contact = ContactFactory(name="Ossifrage Person")

    # Who may read each changes, and the index is not told (UPDATE sends no signals): as
    # when an index update is lost.
    with transaction.atomic():
        Project.objects.filter(pk=draft.pk).update(is_published=False)
        Category.objects.filter(pk=forum.pk).update(group=GroupFactory(), members_only=True)
        Thread.objects.filter(pk=hidden.pk).update(is_hidden=True)
        Contact.objects.filter(pk=contact.pk).update(listing_visibility=Visibility.PARTNERS)

    run = run_daily()

    assert run.sent == 1
    [message] = sink.to("alerts@example.org")
    for body in bodies(message):
        assert "Ossifrage open project" in body
        assert "Ossifrage unpublished project" not in body
        assert "Ossifrage private thread" not in body
        assert "Ossifrage hidden thread" not in body
        assert "Ossifrage Person" not in body
    assert message["Subject"] == "Your daily LondonConnects digest: 1 new item"


def test_watchers_of_a_forum_made_private_hear_no_more_of_it(sink):
    outsider = UserFactory(email="outsider@example.org")
    Subscriber.objects.create(member=outsider, forum_frequency=Frequency.DAILY)
    forum = CategoryFactory(name="Once open")
    Watch.objects.create(user=outsider, category=forum)
    forum.group = GroupFactory()
    forum.members_only = True
    forum.save()
    start_thread(forum, title="Confidential restructuring", now=ago(hours=2))

    run = run_daily()

    assert run.sent == 0
    assert sink.to("outsider@example.org") == []
