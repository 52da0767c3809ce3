"""Site administrators give a forum its topics in the admin, with the same autocomplete over
the shared topics as the content apps; the forum's threads then appear on those topic hubs."""

import pytest
from django.urls import reverse
from taggit.models import Tag

from tests.factories import SuperUserFactory

from .factories import CategoryFactory, MemberFactory, start_thread

pytestmark = pytest.mark.django_db


def change_url(category):
    return reverse("admin:forums_category_change", args=[category.pk])


def form_data(category, **changes):
    return {
        "name": category.name,
        "slug": category.slug,
        "description": category.description,
        "position": category.position,
        "group": "",
        "topics": [],
        **changes,
    }


def test_the_category_form_offers_topic_autocomplete(client, admin_login):
    admin_login(client, SuperUserFactory())
    html = client.get(change_url(CategoryFactory())).text

    assert 'name="topics"' in html
    assert 'data-ajax--url="/admin/forums/category/topics-autocomplete/"' in html
    assert 'data-tags="true"' in html


def test_a_site_administrator_sets_a_forums_topics_and_its_threads_join_the_hub(
    client, admin_login
):
    Tag.objects.create(name="smart cards", slug="smart-cards")
    category = CategoryFactory(name="Cards and passes")
    start_thread(category, title="Travel passes on one card")
    admin_login(client, SuperUserFactory())

    response = client.post(
        change_url(category), form_data(category, topics=["smart cards", "a brand new topic"])
    )

    assert response.status_code == 302, response.text[:2000]
    assert {t.name for t in category.topics.all()} == {"smart cards", "a brand new topic"}
    client.logout()
    assert "Travel passes on one card" in client.get("/topics/smart-cards/").text
    assert "Travel passes on one card" in client.get("/topics/a-brand-new-topic/").text


def test_topic_autocomplete_answers_site_administrators_only(client, admin_login):
    Tag.objects.create(name="smart cards", slug="smart-cards")
    url = reverse("admin:forums_category_topics_autocomplete")
    admin_login(client, MemberFactory(is_staff=True))
    assert client.get(url, {"term": "smart"}).status_code == 403

    admin_login(client, SuperUserFactory())
    assert client.get(url, {"term": "smart"}).json()["results"] == [
        {"id": "smart cards", "text": "smart cards"}
    ]
