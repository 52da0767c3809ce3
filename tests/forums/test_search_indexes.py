"""Threads in the search index: one document per thread holding its title and visible
posts, public categories only, rewritten when the thread changes."""

import pytest
from django.core.management import call_command
from haystack.query import SearchQuerySet

from forums import services
from forums.models import Thread
from tests.factories import GroupFactory

from .factories import CategoryFactory, add_replies, start_thread

pytestmark = pytest.mark.django_db


def found(query):
    return list(SearchQuerySet().auto_query(query).models(Thread))


def test_a_thread_is_one_document_with_its_posts(
    search_index, django_capture_on_commit_callbacks, e_democracy
):
    with django_capture_on_commit_callbacks(execute=True):
        thread = start_thread(
            e_democracy, title="Webcasting council meetings", body="Who watches **quorate**?"
        )
        add_replies(thread, 2, body="Reply about xylophonic cameras {n}")

    (result,) = found("xylophonic")
    assert result.title == "Webcasting council meetings"
    assert result.url == thread.get_absolute_url()
    assert result.kind == "Discussion"
    assert result.summary == "In E-democracy. 2 replies. Who watches quorate?"
    assert result.updated is not None
    assert len(found("webcasting")) == 1 and len(found("quorate")) == 1


def test_hidden_posts_and_threads_leave_the_index(
    search_index, django_capture_on_commit_callbacks, e_democracy, moderator
):
    with django_capture_on_commit_callbacks(execute=True):
        thread = start_thread(e_democracy, title="Purchasing cards")
        [spam] = add_replies(thread, 1, body="Cheap zanzibarite pills")
    assert found("zanzibarite")

    with django_capture_on_commit_callbacks(execute=True):
        services.hide_post(spam, moderator=moderator, reason="Spam")
    assert found("zanzibarite") == []
    assert len(found("purchasing")) == 1

    with django_capture_on_commit_callbacks(execute=True):
        services.switch_thread(thread, "hide", moderator=moderator, reason="Spam")
    assert found("purchasing") == []


def test_private_group_forums_are_never_indexed(search_index, django_capture_on_commit_callbacks):
    private = CategoryFactory(group=GroupFactory(), members_only=True)
    with django_capture_on_commit_callbacks(execute=True):
        start_thread(private, title="Confidential quinquennial plans")
    call_command("update_index", verbosity=0)
    assert found("quinquennial") == []


def test_rebuild_indexes_public_threads(search_index, e_democracy):
    start_thread(e_democracy, title="Gazetteer maintenance")
    call_command("rebuild_index", interactive=False, verbosity=0)
    assert len(found("gazetteer")) == 1
