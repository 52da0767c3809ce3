"""Every change to the forums, each in one transaction that keeps the counters right and
logs what moderators (or the site itself) did. Views and forms call these; nothing else
writes threads, posts, flags or suspensions."""

import datetime

from django.apps import apps
from django.conf import settings
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone

from . import stats
from .counters import recount_categories, recount_thread
from .models import (
    Category,
    Flag,
    ModerationAction,
    ModerationActionKind,
    Post,
    PostRevision,
    PostStatus,
    ReadMark,
    Suspension,
    Thread,
    Watch,
    removed_text_retention,
)


def flags_to_hide():
    return getattr(settings, "FORUMS_FLAGS_TO_HIDE", 3)


def _reindex(thread):
    """Queue the thread's search document after commit (also when only its posts changed)."""
    apps.get_app_config("haystack").signal_processor.handle_save(Thread, thread)


def _log(kind, *, actor, reason, thread=None, post=None, member=None, details=""):
    return ModerationAction.objects.create(
        actor=actor,
        kind=kind,
        thread=thread,
        post=post,
        member=member,
        reason=reason,
        details=details,
    )


# Reading and watching


def mark_read(user, thread, position):
    """Remember that `user` has seen `thread` up to `position` (never moves backwards)."""
    moved = ReadMark.objects.filter(user=user, thread=thread, position__lt=position).update(
        position=position, updated_at=timezone.now()
    )
    if not moved:
        ReadMark.objects.get_or_create(user=user, thread=thread, defaults={"position": position})


def set_watching(user, *, thread=None, category=None, watching):
    target = {"thread": thread} if thread is not None else {"category": category}
    if watching:
        Watch.objects.get_or_create(user=user, **target)
    else:
        Watch.objects.filter(user=user, **target).delete()


# Writing


def start_thread(*, category, author, title, body, now=None):
    """A new thread with its first post; returns the post."""
    now = now or timezone.now()
    with transaction.atomic():
        thread = Thread.objects.create(
            category=category,
            title=title,
            author=author,
            created_at=now,
            updated_at=now,
            last_active_at=now,
            post_count=1,
            last_position=1,
        )
        post = Post.objects.create(
            thread=thread, position=1, author=author, body=body, created_at=now
        )
        thread.last_post = post
        thread.save(update_fields=["last_post"])
        Category.objects.filter(pk=category.pk).update(
            thread_count=F("thread_count") + 1, post_count=F("post_count") + 1, last_post=post
        )
        mark_read(author, thread, 1)
        set_watching(author, thread=thread, watching=True)
        transaction.on_commit(stats.drop_counts)
    return post


def add_reply(*, thread, author, body, now=None):
    """A reply at the end of `thread`; the thread row is locked while its position is taken."""
    now = now or timezone.now()
    with transaction.atomic():
        locked = Thread.objects.select_for_update().get(pk=thread.pk)
        position = locked.last_position + 1
        post = Post.objects.create(
            thread=locked, position=position, author=author, body=body, created_at=now
        )
        Thread.objects.filter(pk=locked.pk).update(
            post_count=F("post_count") + 1,
            last_position=position,
            last_post=post,
            last_active_at=now,
            updated_at=now,
        )
        if not locked.is_hidden:
            Category.objects.filter(pk=locked.category_id).update(
                post_count=F("post_count") + 1, last_post=post
            )
        mark_read(author, locked, position)
        _reindex(locked)
    return post


def may_edit(post, user, now=None):
    """An author may change a visible post of theirs for FORUMS_EDIT_MINUTES after posting."""
    now = now or timezone.now()
    return (
        user.is_authenticated
        and post.author_id == user.pk
        and post.is_visible
        and not post.thread.is_locked
        and now <= post.edit_deadline()
    )


def edit_post(post, *, editor, body, title=None, now=None):
    """Keep the old text as a revision, then change it (and, for a first post, the title).

    The text replaced is read under a lock on the thread and the post, not taken from
    `post` as it was loaded: of two edits at once, the second waits and keeps the first's
    text as a revision, so no version is lost."""
    now = now or timezone.now()
    with transaction.atomic():
        thread = Thread.objects.select_for_update().get(pk=post.thread_id)
        replaced = Post.objects.select_for_update().only("body").get(pk=post.pk).body
        post.thread = thread
        retitled = title is not None and post.is_first and title != thread.title
        PostRevision.objects.create(
            post=post,
            body=replaced,
            title=thread.title if retitled else "",
            editor=editor,
            replaced_at=now,
        )
        post.body = body
        post.edited_at = now
        post.save(update_fields=["body", "edited_at"])
        thread.updated_at = now
        fields = ["updated_at"]
        if retitled:
            thread.title = title
            fields.append("title")
        thread.save(update_fields=fields)
    return post


def remove_own_post(post, now=None):
    """The author's soft delete: the post's place in the thread says it was removed. Only a
    visible post (read under a lock): one a moderator hid meanwhile stays hidden."""
    with transaction.atomic():
        if Post.objects.select_for_update().get(pk=post.pk).status != PostStatus.VISIBLE:
            return False
        post.status = PostStatus.REMOVED
        post.removed_at = now or timezone.now()
        post.save(update_fields=["status", "removed_at"])
        recount_thread(post.thread)
        _reindex(post.thread)
    return True


def _erasable_revisions(author):
    """The earlier versions of an author's posts, apart from those of posts moderators hid
    or are reviewing (kept, as the posts are, until the retention period ends)."""
    return PostRevision.objects.filter(
        post__author=author, post__status__in=[PostStatus.VISIBLE, PostStatus.REMOVED]
    )


def _erasable_removed_posts(author):
    return Post.objects.filter(author=author, status=PostStatus.REMOVED).exclude(body="")


def erasable_text(author):
    """(removed posts with text, earlier versions) that the author may have erased now."""
    return _erasable_removed_posts(author).count(), _erasable_revisions(author).count()


def erase_own_text(author):
    """The author's erasure request: the text of their removed posts and the earlier
    versions of their posts go now, not when the retention period ends. Returns the same
    counts as erasable_text."""
    with transaction.atomic():
        posts = _erasable_removed_posts(author).update(body="")
        revisions, _ = _erasable_revisions(author).delete()
        if posts or revisions:
            _compact_index_after_commit()
    return posts, revisions


def purge_removed_text(now=None):
    """The retention period: the text of posts removed longer ago than
    FORUMS_REMOVED_TEXT_RETENTION_DAYS, and earlier versions replaced longer ago, are
    erased. A post removed before removals were dated counts from when it was written."""
    cutoff = (now or timezone.now()) - removed_text_retention()
    with transaction.atomic():
        posts = (
            Post.objects.filter(status=PostStatus.REMOVED)
            .exclude(body="")
            .filter(Q(removed_at__lt=cutoff) | Q(removed_at__isnull=True, created_at__lt=cutoff))
            .update(body="")
        )
        revisions, _ = PostRevision.objects.filter(replaced_at__lt=cutoff).delete()
        if posts or revisions:
            _compact_index_after_commit()
    return {"posts": posts, "revisions": revisions}


def _compact_index_after_commit():
    """Erased words may still sit in the index's files, in documents it has replaced but not
    yet merged away: have it rewritten without them."""
    from core.tasks import compact_search_index

    transaction.on_commit(compact_search_index.delay)


def flag_post(post, *, flagger, reason, details=""):
    """Record a member's flag; hide the post pending review once enough members flag it."""
    with transaction.atomic():
        Flag.objects.update_or_create(
            post=post,
            flagger=flagger,
            defaults={
                "reason": reason,
                "details": details,
                "created_at": timezone.now(),
                "resolved_at": None,
                "resolved_by": None,
            },
        )
        flaggers = post.flags.open().values("flagger").distinct().count()
        if flaggers >= flags_to_hide() and post.status == PostStatus.VISIBLE:
            post.status = PostStatus.PENDING_REVIEW
            post.save(update_fields=["status"])
            recount_thread(post.thread)
            _log(
                ModerationActionKind.AUTO_HIDE_POST,
                actor=None,
                reason=f"Flagged by {flaggers} members.",
                thread=post.thread,
                post=post,
                member=post.author,
            )
            _reindex(post.thread)
            return True
    return False


# Moderation: every action is logged with its reason


def _resolve_flags(post, moderator, now):
    post.flags.open().update(resolved_at=now, resolved_by=moderator)


def _moderate(post, status, *, moderator, reason):
    """Give a post the status a moderator chose and close its flags. A post its author
    removed keeps that status whatever the moderator chose (only its flags are dismissed):
    what an author took back is never shown again. The status is read under a row lock,
    so a removal made while the moderator was deciding is not overwritten."""
    now = timezone.now()
    with transaction.atomic():
        post.status = Post.objects.select_for_update().get(pk=post.pk).status
        if post.is_removed or post.status == status == PostStatus.VISIBLE:
            kind = ModerationActionKind.DISMISS_FLAGS
        elif status == PostStatus.HIDDEN:
            kind = ModerationActionKind.HIDE_POST
        else:
            kind = ModerationActionKind.RESTORE_POST
        if kind != ModerationActionKind.DISMISS_FLAGS:
            post.status = status
            post.save(update_fields=["status"])
        _resolve_flags(post, moderator, now)
        recount_thread(post.thread)
        _log(
            kind, actor=moderator, reason=reason, thread=post.thread, post=post, member=post.author
        )
        _reindex(post.thread)


def hide_post(post, *, moderator, reason):
    _moderate(post, PostStatus.HIDDEN, moderator=moderator, reason=reason)


def restore_post(post, *, moderator, reason):
    """Show a hidden post again (and close its flags): the moderators judged it fine."""
    _moderate(post, PostStatus.VISIBLE, moderator=moderator, reason=reason)


THREAD_SWITCHES = {
    "lock": ("is_locked", True, ModerationActionKind.LOCK_THREAD),
    "unlock": ("is_locked", False, ModerationActionKind.UNLOCK_THREAD),
    "pin": ("is_pinned", True, ModerationActionKind.PIN_THREAD),
    "unpin": ("is_pinned", False, ModerationActionKind.UNPIN_THREAD),
    "hide": ("is_hidden", True, ModerationActionKind.HIDE_THREAD),
    "restore": ("is_hidden", False, ModerationActionKind.RESTORE_THREAD),
}


def switch_thread(thread, action, *, moderator, reason):
    field, value, kind = THREAD_SWITCHES[action]
    with transaction.atomic():
        setattr(thread, field, value)
        thread.updated_at = timezone.now()
        thread.save(update_fields=[field, "updated_at"])
        if field == "is_hidden":
            recount_categories(Category.objects.filter(pk=thread.category_id))
            transaction.on_commit(stats.drop_counts)
        _log(kind, actor=moderator, reason=reason, thread=thread, member=thread.author)


def move_thread(thread, *, to, moderator, reason):
    old = thread.category
    with transaction.atomic():
        thread.category = to
        thread.updated_at = timezone.now()
        thread.save(update_fields=["category", "updated_at"])
        recount_categories(Category.objects.filter(pk__in=[old.pk, to.pk]))
        _log(
            ModerationActionKind.MOVE_THREAD,
            actor=moderator,
            reason=reason,
            thread=thread,
            member=thread.author,
            details=f"From “{old.name}” to “{to.name}”",
        )
        transaction.on_commit(stats.drop_counts)


def suspend_member(member, *, days, moderator, reason):
    now = timezone.now()
    with transaction.atomic():
        suspension = Suspension.objects.create(
            member=member,
            starts_at=now,
            ends_at=now + datetime.timedelta(days=days),
            reason=reason,
            suspended_by=moderator,
        )
        _log(
            ModerationActionKind.SUSPEND_MEMBER,
            actor=moderator,
            reason=reason,
            member=member,
            details=f"For {days} day{'s' if days != 1 else ''}",
        )
    return suspension


def lift_suspension(suspension, *, moderator, reason):
    with transaction.atomic():
        suspension.lifted_at = timezone.now()
        suspension.lifted_by = moderator
        suspension.save(update_fields=["lifted_at", "lifted_by"])
        _log(
            ModerationActionKind.LIFT_SUSPENSION,
            actor=moderator,
            reason=reason,
            member=suspension.member,
        )
