"""What the forums tell the digests (registry.ForumWatches, registered in ForumsConfig.ready):
who watches what, what was posted where they watch, and who may read it."""

from collections import defaultdict

from django.db.models import Exists, OuterRef, Q
from django.db.models.signals import post_save

from core import registry

from .models import Post, PostStatus, Suspension, Watch
from .permissions import may_read_category, remember_read_rights
from .templatetags.forums import member_name


def watchers():
    return Exists(Watch.objects.filter(user=OuterRef("pk")))


def suspended(at):
    return Exists(Suspension.objects.in_force(at).filter(member=OuterRef("pk")))


def watchers_of(post):
    target = Q(category=post.forum.pk) if post.starts_thread else Q(thread=post.thread_id)
    return Exists(Watch.objects.filter(target, user=OuterRef("pk")))


def forum_post(post):
    thread = post.thread
    return registry.ForumPost(
        pk=post.pk,
        thread_id=thread.pk,
        thread_title=thread.title,
        thread_url=thread.get_absolute_url(),
        url=post.stable_url(),
        forum_name=thread.category.name,
        starts_thread=post.is_first,
        author_id=post.author_id,
        author_name=member_name(post.author),
        body=post.body,
        created_at=post.created_at,
        is_shown=post.is_visible and not thread.is_hidden,
        forum=thread.category,
    )


def one_post(post_id):
    post = Post.objects.select_related("thread__category", "author").filter(pk=post_id).first()
    return forum_post(post) if post is not None else None


def watched_posts(members, after, until):
    threads, forums = defaultdict(set), defaultdict(set)
    watches = Watch.objects.filter(user__in=members).values_list("user", "thread", "category")
    for member_id, thread_id, category_id in watches:
        if thread_id:
            threads[member_id].add(thread_id)
        else:
            forums[member_id].add(category_id)
    watching = threads.keys() | forums.keys()
    if not watching:
        return {}
    posts = [
        forum_post(post)
        for post in Post.objects.visible()
        .filter(created_at__gt=after, created_at__lte=until)
        .filter(thread__is_hidden=False)
        .filter(
            Q(thread_id__in=set().union(*threads.values()))
            | Q(position=1, thread__category_id__in=set().union(*forums.values()))
        )
        .select_related("thread__category", "author")
        .order_by("created_at", "pk")
    ]
    return {
        member_id: registry.WatchedPosts(
            in_threads=[post for post in posts if post.thread_id in threads[member_id]],
            new_threads=[
                post
                for post in posts
                if post.starts_thread
                and post.thread_id not in threads[member_id]
                and post.forum.pk in forums[member_id]
            ],
        )
        for member_id in watching
    }


def readers(members):
    read_rights_known = False

    def may_read(member, post):
        nonlocal read_rights_known
        if post.forum.members_only and not read_rights_known:
            remember_read_rights(members)
            read_rights_known = True
        return may_read_category(member, post.forum)

    return may_read


def watches_of(member):
    watches = member.forum_watches.select_related("thread", "category").order_by("created_at")
    return [
        (
            str(watch.pk),
            f"Thread: {watch.thread.title}" if watch.thread_id else f"Forum: {watch.category.name}",
        )
        for watch in watches
    ]


def stop_watching(member, keys):
    Watch.objects.filter(user=member, pk__in=keys).delete()


def on_new_post(receiver):
    def new_post(sender, instance, created, raw=False, **kwargs):
        if created and not raw and instance.status == PostStatus.VISIBLE:
            receiver(instance.pk)

    post_save.connect(
        new_post,
        sender=Post,
        weak=False,
        dispatch_uid=f"forums-new-post-{receiver.__module__}.{receiver.__qualname__}",
    )


FORUM_WATCHES = registry.ForumWatches(
    watchers=watchers,
    suspended=suspended,
    watched_posts=watched_posts,
    readers=readers,
    post=one_post,
    watchers_of=watchers_of,
    watches_of=watches_of,
    stop_watching=stop_watching,
    on_new_post=on_new_post,
)
