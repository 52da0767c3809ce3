"""The subscriptions page and saved searches: GOV.UK forms that keep what was chosen and
explain errors, the search kept through sign-in, and pages whose query counts do not grow."""

import re
from urllib.parse import urlencode

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from digests.models import Frequency, SavedSearch, Subscriber
from forums.models import Watch
from tests.accounts.helpers import sign_in_with_second_factor
from tests.factories import LocalAuthorityFactory, PartnerEditorFactory, UserFactory
from tests.forums.factories import CategoryFactory, start_thread
from tests.funding.factories import applicant_kind
from tests.projects.factories import ProjectFactory

pytestmark = pytest.mark.django_db
PAGE = "/accounts/subscriptions/"


@pytest.fixture
def member(client, topic, other_topic):
    member = UserFactory(email="officer@example.org")
    ProjectFactory(topics=[topic, other_topic])
    client.force_login(member)
    return member


def h1_count(html):
    return len(re.findall(r"<h1[\s>]", html))


def test_signed_out_visitors_are_sent_to_sign_in(client):
    response = client.get(PAGE)
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/?next=/accounts/subscriptions/")


def test_the_page_offers_every_choice_with_one_h1(client, member):
    html = client.get(PAGE).content.decode()
    assert h1_count(html) == 1
    for text in ("Forums", "Topics you follow", "Funding deadlines", "Saved searches"):
        assert text in html
    assert 'name="topic_frequency"' in html and 'value="e-democracy"' in html
    assert "Your organisations" not in html  # only for partner editors
    assert 'type="radio"' in html and 'type="checkbox"' in html


def test_choices_are_saved_and_shown_again(client, member, topic):
    response = client.post(
        PAGE,
        {
            "forum_frequency": "immediately",
            "topics": [topic.slug],
            "topic_frequency": "weekly",
            "applicant_kinds": [applicant_kind("local-authorities").slug],
            "deadline_frequency": "weekly",
        },
        follow=True,
    )
    assert "Your e-mail subscriptions are saved." in response.content.decode()
    subscriber = Subscriber.objects.get(member=member)
    assert subscriber.topic_frequency == subscriber.deadline_frequency == Frequency.WEEKLY
    assert subscriber.forum_frequency == Frequency.IMMEDIATELY
    assert [t.slug for t in subscriber.topics.all()] == [topic.slug]
    html = response.content.decode()
    assert re.search(r'value="e-democracy"\s+checked|value="e-democracy" checked', html)


def test_an_error_is_summarised_and_what_was_chosen_is_kept(client, member):
    response = client.post(
        PAGE,
        {
            "forum_frequency": "daily",
            "topic_frequency": "weekly",
            "deadline_frequency": "sometimes",
        },
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "govuk-error-summary" in html and "There is a problem" in html
    assert "Choose at least one topic, or choose Off for your topics." in html
    assert "Select a valid choice" in html
    assert '<a href="#id_topics_0">' in html
    assert re.search(r'value="weekly"\s+checked', html)  # kept
    assert "<title>Error: " in html
    assert not Subscriber.objects.filter(member=member).exists()


def test_unticking_a_watch_stops_watching_it(client, member):
    thread = start_thread(CategoryFactory(), title="Kiosk pilots")
    keep = Watch.objects.create(user=member, category=CategoryFactory(name="Kept forum"))
    Watch.objects.create(user=member, thread=thread)
    html = client.get(PAGE).content.decode()
    assert "Thread: Kiosk pilots" in html and "Forum: Kept forum" in html
    client.post(
        PAGE,
        {
            "watches": [str(keep.pk)],
            "forum_frequency": "daily",
            "topic_frequency": "off",
            "deadline_frequency": "off",
        },
    )
    assert list(Watch.objects.filter(user=member)) == [keep]


def test_partner_editors_choose_news_of_their_organisations(client):
    editor = PartnerEditorFactory(organisations=[LocalAuthorityFactory()])
    sign_in_with_second_factor(client, editor)
    assert "Your organisations" in client.get(PAGE).content.decode()
    client.post(
        PAGE,
        {
            "forum_frequency": "off",
            "topic_frequency": "off",
            "deadline_frequency": "off",
            "organisation_frequency": "weekly",
        },
    )
    assert Subscriber.objects.get(member=editor).organisation_frequency == Frequency.WEEKLY


def new_search_url(**params):
    return reverse("digests:new_search") + "?" + urlencode(params, doseq=True)


def test_a_list_search_is_kept_through_sign_in_and_saved_as_an_alert(client, topic):
    member = UserFactory(email="alerts@example.org", password="correct-horse-battery")
    ProjectFactory(topics=[topic])
    url = new_search_url(scope="projects", topic=topic.slug, status="active", page="2")
    response = client.get(url)
    assert response.status_code == 302
    login = response["Location"]
    assert login.startswith("/accounts/login/")
    response = client.post(
        login, {"login": member.email, "password": "correct-horse-battery"}, follow=True
    )
    html = response.content.decode()
    assert "Get alerts for this search" in html and h1_count(html) == 1
    assert "Topic: e-democracy" in html and "Status: Active" in html
    response = client.post(
        reverse("digests:new_search"),
        {
            "scope": "projects",
            "query": "status=active&topic=e-democracy",
            "name": "Active e-democracy projects",
            "frequency": "daily",
        },
        follow=True,
    )
    assert "Alert “Active e-democracy projects” saved." in response.content.decode()
    search = SavedSearch.objects.get(member=member)
    assert (search.scope, search.query, search.frequency) == (
        "projects",
        "status=active&topic=e-democracy",
        Frequency.DAILY,
    )


def test_the_same_search_saved_twice_is_refused_with_a_reason(client, member, topic):
    SavedSearch.objects.create(
        member=member, name="Mine", scope="projects", query="topic=e-democracy"
    )
    response = client.post(
        reverse("digests:new_search"),
        {"scope": "projects", "query": "topic=e-democracy", "name": "Again", "frequency": "weekly"},
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "You already have this search saved, as “Mine”." in html
    assert 'value="Again"' in html  # what was typed is kept
    assert SavedSearch.objects.count() == 1


def test_a_search_that_cannot_be_saved_says_why(client, member):
    for url in (
        new_search_url(scope="projects", topic="no-such-topic"),
        new_search_url(scope="nothing-like-it"),
    ):
        response = client.get(url)
        assert response.status_code == 400
        html = response.content.decode()
        assert "This search cannot be saved" in html and h1_count(html) == 1


def test_a_saved_search_is_renamed_its_frequency_changed_and_deleted(client, member):
    search = SavedSearch.objects.create(member=member, name="Old name", scope="projects", query="")
    page = search.get_absolute_url()
    response = client.post(page, {"name": "", "frequency": "monthly"})
    assert "Enter" in response.content.decode() or "required" in response.content.decode()
    client.post(page, {"name": "New name", "frequency": "monthly"})
    search.refresh_from_db()
    assert (search.name, search.frequency) == ("New name", Frequency.MONTHLY)
    delete = reverse("digests:delete_saved_search", args=[search.pk])
    assert "Delete the alert “New name”?" in client.get(delete).content.decode()
    client.post(delete)
    assert not SavedSearch.objects.exists()


def test_no_one_else_can_see_or_change_a_saved_search(client, member):
    other = SavedSearch.objects.create(
        member=UserFactory(), name="Theirs", scope="projects", query=""
    )
    assert client.get(other.get_absolute_url()).status_code == 404
    assert client.post(reverse("digests:delete_saved_search", args=[other.pk])).status_code == 404
    assert SavedSearch.objects.filter(pk=other.pk).exists()


def _queries(client, url):
    client.get(url)
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured.captured_queries)


def test_the_subscriptions_page_queries_do_not_grow_with_watches_and_searches(client, member):
    def add(n):
        for i in range(n):
            Watch.objects.create(user=member, category=CategoryFactory())
            SavedSearch.objects.create(
                member=member, name=f"Search {i}", scope="projects", query=f"q=word{i}{n}"
            )

    add(2)
    few = _queries(client, PAGE)
    add(20)
    assert _queries(client, PAGE) == few
