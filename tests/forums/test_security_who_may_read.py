"""A change of who may read a forum reaches everything that shows its threads: making a
forum private (or giving it another group) in the admin takes its threads out of the public
search and the cached counts at once; making it public again brings them back; a thread a
moderator hides leaves search too."""

import pytest
from django.urls import reverse
from haystack.query import SearchQuerySet

from forums import stats
from forums.models import Thread
from tests.accounts.helpers import sign_in_with_second_factor
from tests.factories import GroupFactory, SuperUserFactory

from .factories import CategoryFactory, ModeratorFactory, start_thread

pytestmark = pytest.mark.django_db


def found(word):
    return [result.title for result in SearchQuerySet().auto_query(word).models(Thread)]


def change_url(category):
    return reverse("admin:forums_category_change", args=[category.pk])


def form_data(category, **changes):
    return {
        "name": category.name,
        "slug": category.slug,
        "description": category.description,
        "position": category.position,
        "group": category.group_id or "",
        "topics": [],
        **({"members_only": "on"} if category.members_only else {}),
        **changes,
    }


def search_page(client, word):
    return client.get(reverse("search"), {"q": word}).text


@pytest.fixture
def forum_with_thread(search_index, django_capture_on_commit_callbacks):
    category = CategoryFactory(name="Borough chief executives")
    with django_capture_on_commit_callbacks(execute=True):
        start_thread(category, title="Ossifrage staffing plans", body="Ossifrage budgets.")
    return category


def test_making_a_forum_private_in_the_admin_takes_its_threads_out_of_search(
    client, admin_login, forum_with_thread, django_capture_on_commit_callbacks
):
    category = forum_with_thread
    public_before = stats.public_thread_count()
    assert found("ossifrage") == ["Ossifrage staffing plans"]
    assert "Ossifrage staffing plans" in search_page(client, "ossifrage")

    admin_login(client, SuperUserFactory())
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            change_url(category),
            form_data(category, group=GroupFactory().pk, members_only="on"),
        )
    assert response.status_code == 302, response.text[:2000]
    client.logout()

    assert found("ossifrage") == []
    assert "Ossifrage staffing plans" not in search_page(client, "ossifrage")
    assert stats.public_thread_count() == public_before - 1


def test_making_a_private_forum_public_again_brings_its_threads_back(
    client, admin_login, search_index, django_capture_on_commit_callbacks
):
    category = CategoryFactory(group=GroupFactory(), members_only=True)
    with django_capture_on_commit_callbacks(execute=True):
        start_thread(category, title="Ossifrage minutes", body="Now for everyone.")
    assert found("ossifrage") == []

    admin_login(client, SuperUserFactory())
    data = form_data(category)
    data.pop("members_only")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(change_url(category), data)
    assert response.status_code == 302, response.text[:2000]

    assert found("ossifrage") == ["Ossifrage minutes"]


def test_renaming_a_forum_rewrites_its_threads_documents(
    client, admin_login, forum_with_thread, django_capture_on_commit_callbacks
):
    category = forum_with_thread
    admin_login(client, SuperUserFactory())
    with django_capture_on_commit_callbacks(execute=True):
        client.post(change_url(category), form_data(category, name="Chief officers", slug="chiefs"))
    [result] = SearchQuerySet().auto_query("ossifrage").models(Thread)
    assert result.url.startswith("/forums/chiefs/")
    assert result.summary.startswith("In Chief officers.")


def test_a_thread_hidden_by_a_moderator_leaves_search_and_the_counts(
    client, forum_with_thread, django_capture_on_commit_callbacks
):
    thread = Thread.objects.get(category=forum_with_thread)
    public_before = stats.public_thread_count()
    sign_in_with_second_factor(client, ModeratorFactory())
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("forums:moderation_thread_action", args=[thread.pk, "hide"]),
            {"reason": "Off-topic."},
        )
    assert response.status_code == 302
    client.logout()
    assert found("ossifrage") == []
    assert "Ossifrage staffing plans" not in search_page(client, "ossifrage")
    assert stats.public_thread_count() == public_before - 1


def test_a_forum_made_private_outside_the_admin_leaves_search_too(
    forum_with_thread, django_capture_on_commit_callbacks
):
    """Any save of the forum, not only the admin's form (which also rewrites its topics)."""
    category = forum_with_thread
    category.group = GroupFactory()
    category.members_only = True
    with django_capture_on_commit_callbacks(execute=True):
        category.save()
    assert found("ossifrage") == []

    category.members_only = False
    with django_capture_on_commit_callbacks(execute=True):
        category.save()
    assert found("ossifrage") == ["Ossifrage staffing plans"]


def test_a_thread_moved_into_a_private_forum_leaves_search(
    client, forum_with_thread, django_capture_on_commit_callbacks
):
    thread = Thread.objects.get(category=forum_with_thread)
    private = CategoryFactory(group=GroupFactory(), members_only=True)
    sign_in_with_second_factor(client, ModeratorFactory())
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("forums:moderation_move_thread", args=[thread.pk]),
            {"category": private.pk, "reason": "Belongs to the group."},
        )
    assert response.status_code == 302
    assert found("ossifrage") == []
