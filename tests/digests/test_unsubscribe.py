"""One-click unsubscribe (RFC 8058): no sign-in, nothing changes on GET, a mail program's
POST works without a CSRF token, a tampered token fails safely and changes nothing."""

import pytest
from django.test import Client
from django.urls import reverse

from digests.models import Frequency, SavedSearch, Subscriber
from digests.tokens import make_token, read_token
from forums.models import Watch
from tests.factories import UserFactory
from tests.forums.factories import CategoryFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def member(topic):
    member = UserFactory(email="leaver@example.org")
    subscriber = Subscriber.objects.create(
        member=member,
        forum_frequency=Frequency.WEEKLY,
        topic_frequency=Frequency.DAILY,
        deadline_frequency=Frequency.DAILY,
    )
    subscriber.topics.set([topic])
    SavedSearch.objects.create(
        member=member, name="Daily search", scope="projects", query="", frequency=Frequency.DAILY
    )
    SavedSearch.objects.create(
        member=member, name="Weekly search", scope="papers", query="", frequency=Frequency.WEEKLY
    )
    return member


def url(member, kind=Frequency.DAILY):
    return reverse("digests:unsubscribe", kwargs={"token": make_token(member.pk, kind)})


def frequencies(member):
    subscriber = Subscriber.objects.get(member=member)
    searches = dict(SavedSearch.objects.filter(member=member).values_list("name", "frequency"))
    return (
        subscriber.forum_frequency,
        subscriber.topic_frequency,
        subscriber.deadline_frequency,
        searches,
    )


def test_the_link_asks_first_and_changes_nothing_on_get(client, member):
    before = frequencies(member)
    response = client.get(url(member))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Unsubscribe from the daily digest" in html
    assert "News on the topics you follow" in html and "Funding deadlines" in html
    assert "Alerts for 1 saved search" in html
    assert "Daily search" not in html and "Weekly search" not in html
    assert frequencies(member) == before


def test_the_button_unsubscribes_without_signing_in(client, member):
    response = client.post(url(member))
    assert response.status_code == 200
    assert "You have unsubscribed" in response.content.decode()
    assert frequencies(member) == (
        Frequency.WEEKLY,
        Frequency.OFF,
        Frequency.OFF,
        {"Daily search": Frequency.OFF, "Weekly search": Frequency.WEEKLY},
    )


def test_a_mail_programs_one_click_post_needs_no_csrf_token(member):
    client = Client(enforce_csrf_checks=True)
    response = client.post(
        url(member, Frequency.WEEKLY),
        data="List-Unsubscribe=One-Click",
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code == 200
    assert frequencies(member)[0] == Frequency.OFF
    assert frequencies(member)[3]["Weekly search"] == Frequency.OFF
    assert frequencies(member)[1] == Frequency.DAILY


@pytest.mark.parametrize(
    "tamper",
    [
        lambda token: token[:-2] + ("AA" if not token.endswith("AA") else "BB"),
        lambda token: token.replace(token.split(".")[0], "999999", 1),
        lambda token: token.replace("daily", "weekly"),
        lambda token: "nonsense",
    ],
)
def test_a_tampered_token_fails_safely_and_changes_nothing(client, member, tamper):
    before = frequencies(member)
    bad = reverse("digests:unsubscribe", kwargs={"token": tamper(make_token(member.pk, "daily"))})
    for response in (client.get(bad), client.post(bad)):
        assert response.status_code == 400
        assert "This unsubscribe link does not work" in response.content.decode()
    assert frequencies(member) == before


def test_immediate_forum_e_mails_stop_with_their_own_link(client):
    member = UserFactory()
    Subscriber.objects.create(member=member, forum_frequency=Frequency.IMMEDIATELY)
    Watch.objects.create(user=member, category=CategoryFactory())
    client.post(url(member, Frequency.IMMEDIATELY))
    assert Subscriber.objects.get(member=member).forum_frequency == Frequency.OFF
    assert Watch.objects.filter(user=member).exists()  # the watches themselves stay


def test_a_member_who_never_chose_can_stop_the_daily_forum_news(client):
    member = UserFactory()
    Watch.objects.create(user=member, category=CategoryFactory())
    response = client.get(url(member))
    assert "New posts in the threads and forums you watch" in response.content.decode()
    client.post(url(member))
    assert Subscriber.objects.get(member=member).forum_frequency == Frequency.OFF


def test_tokens_name_their_member_list_and_link_key():
    assert read_token(make_token(42, "weekly")) == (42, "weekly", "")
    assert read_token(make_token(42, "weekly", "k3y")) == (42, "weekly", "k3y")
