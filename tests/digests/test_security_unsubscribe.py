"""Unsubscribe links can be revoked and give nothing away: a link stops working once the
member changes their subscriptions (the next e-mail carries a new one), and the page it
opens shows no e-mail address, no name and no name of a private forum or saved search to
whoever holds the link."""

import pytest
from django.urls import reverse

from digests.models import Frequency, SavedSearch, Subscriber
from forums.models import Watch
from tests.factories import GroupFactory
from tests.forums.factories import CategoryFactory
from tests.projects.factories import ProjectFactory

from .conftest import follower
from .test_sending import run_daily

pytestmark = pytest.mark.django_db

SUBSCRIPTIONS = "/accounts/subscriptions/"


def link_in_latest(sink, address):
    """The path of the one-click unsubscribe link in the last e-mail to `address`."""
    header = str(sink.to(address)[-1]["List-Unsubscribe"]).strip()
    return header[1:-1].split("127.0.0.1:8000", 1)[1]


def refused(client, path):
    for response in (client.get(path), client.post(path)):
        assert response.status_code == 400
        assert "This unsubscribe link does not work" in response.content.decode()
    return True


@pytest.fixture
def member_with_link(sink, topic):
    member = follower(topic, email="leaver@example.org", full_name="Lee Leaver")
    ProjectFactory(topics=[topic])
    run_daily()
    return member, link_in_latest(sink, "leaver@example.org")


def test_a_link_stops_working_once_the_member_changes_their_subscriptions(
    client, sink, topic, member_with_link
):
    member, old_link = member_with_link
    assert client.get(old_link).status_code == 200

    client.force_login(member)
    response = client.post(
        SUBSCRIPTIONS,
        {
            "forum_frequency": "off",
            "topics": [topic.slug],
            "topic_frequency": "daily",
            "deadline_frequency": "weekly",
        },
    )
    assert response.status_code == 302
    client.logout()

    assert refused(client, old_link)
    assert Subscriber.objects.get(member=member).deadline_frequency == Frequency.WEEKLY
    # The next e-mail's link works.
    subscriber = Subscriber.objects.get(member=member)
    subscriber.topic_frequency = Frequency.WEEKLY
    subscriber.save()
    run_weekly_digest()
    new_link = link_in_latest(sink, "leaver@example.org")
    assert new_link != old_link
    assert client.post(new_link).status_code == 200
    assert Subscriber.objects.get(member=member).topic_frequency == Frequency.OFF


def run_weekly_digest():
    from digests.tasks import plan, send_digest_batch, start_run

    run = start_run(Frequency.WEEKLY)
    for batch in plan(run):
        send_digest_batch.apply(args=(run.pk, batch)).get()


def test_saving_or_deleting_a_saved_search_retires_the_old_links(client, member_with_link):
    member, old_link = member_with_link
    client.force_login(member)
    client.post(
        reverse("digests:new_search"),
        {"scope": "projects", "query": "", "name": "Every project", "frequency": "weekly"},
    )
    client.logout()
    assert refused(client, old_link)

    key = Subscriber.objects.get(member=member).link_key
    client.force_login(member)
    search = SavedSearch.objects.get(member=member)
    client.post(reverse("digests:delete_saved_search", args=[search.pk]))
    assert Subscriber.objects.get(member=member).link_key != key


def test_unsubscribing_retires_the_link_it_used(client, member_with_link):
    member, old_link = member_with_link
    assert client.post(old_link).status_code == 200
    assert refused(client, old_link)


def test_the_page_shows_nothing_private_to_whoever_holds_the_link(client, sink, topic):
    member = follower(topic, email="private.person@example.org", full_name="Priya Private")
    Subscriber.objects.filter(member=member).update(forum_frequency=Frequency.DAILY)
    forum = CategoryFactory(
        name="Chief executives’ confidential forum", group=GroupFactory(), members_only=True
    )
    Watch.objects.create(user=member, category=forum)
    SavedSearch.objects.create(
        member=member,
        name="Redundancies at Quillbury",
        scope="projects",
        query="",
        frequency=Frequency.DAILY,
    )
    ProjectFactory(topics=[topic])
    run_daily()
    link = link_in_latest(sink, "private.person@example.org")

    for response in (client.get(link), client.post(link)):
        assert response.status_code == 200
        html = response.content.decode()
        for private in (
            "private.person",
            "Priya",
            "Redundancies",
            "Quillbury",
            "confidential",
            "Chief executives",
        ):
            assert private not in html, private
    confirm = client.get(reverse("digests:unsubscribe", args=["x"]))  # nothing to unsubscribe
    assert confirm.status_code == 400
