"""Builders for forum records. Threads and posts go through forums.services, as the site
writes them, so their counters are right from the start."""

import datetime

import factory
from django.contrib.auth.models import Group as AuthGroup
from django.utils import timezone

from accounts.models import Role
from forums import services
from forums.models import Category
from tests.factories import UserFactory


class MemberFactory(UserFactory):
    """A member of some weeks' standing with a confirmed address (not a new account)."""

    date_joined = factory.LazyFunction(lambda: timezone.now() - datetime.timedelta(days=30))


class NewMemberFactory(UserFactory):
    """An account made just now: the new-account rules apply."""

    date_joined = factory.LazyFunction(timezone.now)


class ModeratorFactory(MemberFactory):
    @factory.post_generation
    def moderator_role(self, create, extracted, **kwargs):
        if create:
            group, _ = AuthGroup.objects.get_or_create(name=Role.MODERATOR.value)
            self.groups.add(group)


class CategoryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Category
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Test category {n}")
    slug = factory.Sequence(lambda n: f"test-category-{n}")
    description = "A category for tests."
    position = factory.Sequence(lambda n: 1000 + n)


def start_thread(
    category, author=None, title="A thread for tests", body="The first post.", now=None
):
    """A thread with its first post, as `author` would start it three days ago (unless
    `now` says otherwise); returns the thread."""
    author = author or MemberFactory()
    now = now or timezone.now() - datetime.timedelta(days=3)
    return services.start_thread(
        category=category, author=author, title=title, body=body, now=now
    ).thread


def add_replies(thread, count, authors=None, body="Reply {n}.", start=None):
    """`count` replies a minute apart, after the thread's last activity, so that rate
    limits are not involved."""
    authors = authors or [MemberFactory()]
    thread.refresh_from_db()
    start = start or thread.last_active_at + datetime.timedelta(minutes=1)
    posts = []
    for n in range(count):
        posts.append(
            services.add_reply(
                thread=thread,
                author=authors[n % len(authors)],
                body=body.format(n=n + 1),
                now=start + datetime.timedelta(minutes=n),
            )
        )
    return posts
