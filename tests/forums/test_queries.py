"""Forum pages make the same number of queries whatever the number of threads and posts."""

import pytest

from forums.models import Category
from tests.factories import OrganisationFactory

from .factories import MemberFactory, add_replies, start_thread

pytestmark = pytest.mark.django_db


def fill(category, threads, replies_each):
    officer = MemberFactory()
    officer.organisations.add(OrganisationFactory())
    authors = [officer, MemberFactory(), MemberFactory()]
    made = [start_thread(category, author=authors[n % 3]) for n in range(threads)]
    for thread in made:
        add_replies(thread, replies_each, authors=authors)
    return made


@pytest.mark.parametrize("signed_in", [False, True])
def test_index_category_and_thread_pages_do_not_grow_with_the_data(
    client, count_queries, settings, member, signed_in
):
    settings.FORUMS_POSTS_PER_PAGE = 20
    settings.FORUMS_THREADS_PER_PAGE = 25
    small = Category.objects.get(slug="e-democracy")
    large = Category.objects.get(slug="smart-cards")
    [small_thread] = fill(small, 1, 3)
    large_threads = fill(large, 10, 30)
    if signed_in:
        client.force_login(member)

    assert count_queries(client, "/forums/") == count_queries(client, "/forums/")
    assert count_queries(client, small.get_absolute_url()) == count_queries(
        client, large.get_absolute_url()
    )
    small_count = count_queries(client, small_thread.get_absolute_url())
    large_thread = large_threads[0]
    assert count_queries(client, large_thread.get_absolute_url()) == small_count
    assert count_queries(client, large_thread.get_absolute_url() + "?page=2") == small_count
    assert small_count <= (15 if signed_in else 5)


def test_index_queries_do_not_grow_with_categories(client, count_queries):
    from .factories import CategoryFactory

    before = count_queries(client, "/forums/")
    for _ in range(10):
        category = CategoryFactory()
        add_replies(start_thread(category), 2)
    assert count_queries(client, "/forums/") == before
