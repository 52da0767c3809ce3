"""The denormalised counters and last-post pointers of threads and categories.

A thread counts its visible posts; `last_position` is the highest position of any post;
`last_post` is its latest visible post and `last_active_at` that post's time (the thread's
own when none is visible). A category counts its threads that are not hidden and their
posts, and points at the last post of its most recently active thread.

New posts update these with increments inside the posting transaction (forums.services);
anything else that changes what is visible recomputes the rows concerned here, with one
UPDATE of correlated subqueries per table, which is also what `recount_forums` runs for
every row.
"""

from django.db.models import Count, F, OuterRef, Subquery, Sum
from django.db.models.functions import Coalesce

from .models import Category, Post, PostStatus, Thread


def _single(queryset, column):
    return Subquery(queryset.values(column)[:1])


def recount_threads(threads=None):
    threads = Thread.objects.all() if threads is None else threads
    posts = Post.objects.filter(thread=OuterRef("pk")).order_by()
    visible = posts.filter(status=PostStatus.VISIBLE)
    visible_count = visible.values("thread").annotate(total=Count("pk")).values("total")
    return threads.update(
        post_count=Coalesce(Subquery(visible_count), 0),
        last_position=Coalesce(_single(posts.order_by("-position"), "position"), 0),
        last_post=_single(visible.order_by("-position"), "pk"),
        last_active_at=Coalesce(
            _single(visible.order_by("-position"), "created_at"), F("created_at")
        ),
    )


def recount_categories(categories=None):
    categories = Category.objects.all() if categories is None else categories
    listed = Thread.objects.filter(category=OuterRef("pk"), is_hidden=False).order_by()
    totals = listed.values("category")
    return categories.update(
        thread_count=Coalesce(Subquery(totals.annotate(total=Count("pk")).values("total")), 0),
        post_count=Coalesce(Subquery(totals.annotate(total=Sum("post_count")).values("total")), 0),
        last_post=_single(
            listed.filter(last_post__isnull=False).order_by("-last_active_at", "-pk"),
            "last_post",
        ),
    )


def recount_thread(thread):
    """Recompute one thread and its category (call inside the changing transaction)."""
    recount_threads(Thread.objects.filter(pk=thread.pk))
    recount_categories(Category.objects.filter(pk=thread.category_id))


def recount_all():
    return recount_threads(), recount_categories()


def snapshot():
    """Every counter and pointer, to compare before and after a recount."""
    threads = {
        row[0]: row[1:]
        for row in Thread.objects.order_by("pk").values_list(
            "pk", "post_count", "last_position", "last_post", "last_active_at"
        )
    }
    categories = {
        row[0]: row[1:]
        for row in Category.objects.order_by("pk").values_list(
            "pk", "thread_count", "post_count", "last_post"
        )
    }
    return {"threads": threads, "categories": categories}
