"""Discussion forums: categories of threads of posts, and what keeps them safe.

Posts are never deleted: an author removes their own, a moderator hides one, flags hide one
pending review; each leaves a placeholder in its place, so a post keeps its `position` in the
thread and every link to a page of the thread keeps pointing at the same posts.

Threads and categories carry denormalised counters and last-post pointers, so their pages
never count posts; `forums.counters` keeps them right and `manage.py recount_forums`
recomputes them from the posts.
"""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from taggit.managers import TaggableManager

from .choices import PostStatus
from .querysets import (
    CategoryQuerySet,
    FlagQuerySet,
    PostQuerySet,
    SuspensionQuerySet,
    ThreadQuerySet,
)


class Category(models.Model):
    """A forum on one theme, in the order site administrators give; optionally a group's own."""

    # Paths under /forums/ that are not categories (see forums/urls.py).
    RESERVED_SLUGS = frozenset({"moderation", "posts"})

    name = models.CharField(max_length=120, unique=True)
    slug = models.SlugField(max_length=120, unique=True)
    description = models.TextField(help_text="One or two sentences on what is discussed here.")
    position = models.PositiveIntegerField(
        default=0, help_text="Categories are listed in this order, lowest first."
    )
    group = models.ForeignKey(
        "contacts.Group",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="forum_categories",
        help_text="A group's own forum: only people of the group's organisations may post.",
    )
    members_only = models.BooleanField(
        "private to the group",
        default=False,
        help_text="Only people of the group's organisations (and moderators) may read it.",
    )
    topics = TaggableManager(
        blank=True,
        help_text="Site topics this forum discusses: its threads appear on those topic pages.",
    )
    thread_count = models.PositiveIntegerField(default=0, editable=False)
    post_count = models.PositiveIntegerField(default=0, editable=False)
    last_post = models.ForeignKey(
        "Post", null=True, blank=True, on_delete=models.SET_NULL, related_name="+", editable=False
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = CategoryQuerySet.as_manager()

    class Meta:
        ordering = ["position", "name"]
        verbose_name_plural = "categories"
        constraints = [
            models.CheckConstraint(
                condition=Q(members_only=False) | Q(group__isnull=False),
                name="forums_category_private_needs_group",
            )
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("forums:category", kwargs={"category_slug": self.slug})

    def clean(self):
        errors = {}
        if self.slug in self.RESERVED_SLUGS:
            errors["slug"] = f"“{self.slug}” is the address of another page; choose another."
        if self.members_only and not self.group_id:
            errors["members_only"] = "Choose the group whose members may read this forum."
        if errors:
            raise ValidationError(errors)


class Thread(models.Model):
    category = models.ForeignKey(Category, on_delete=models.PROTECT, related_name="threads")
    title = models.CharField(max_length=150)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="forum_threads",
    )
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)
    last_active_at = models.DateTimeField(default=timezone.now)
    is_pinned = models.BooleanField(default=False)
    is_locked = models.BooleanField(default=False)
    is_hidden = models.BooleanField(default=False)
    # Visible posts; last_position counts every post ever made, placeholders included.
    post_count = models.PositiveIntegerField(default=0, editable=False)
    last_position = models.PositiveIntegerField(default=0, editable=False)
    last_post = models.ForeignKey(
        "Post", null=True, blank=True, on_delete=models.SET_NULL, related_name="+", editable=False
    )

    objects = ThreadQuerySet.as_manager()

    class Meta:
        ordering = ["-is_pinned", "-last_active_at", "-pk"]
        indexes = [
            models.Index(
                fields=["category", "is_hidden", "-is_pinned", "-last_active_at"],
                name="forums_thread_listing",
            )
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse(
            "forums:thread",
            kwargs={"category_slug": self.category.slug, "thread_id": self.pk},
        )

    @property
    def reply_count(self):
        return max(self.post_count - 1, 0)

    def page_of(self, position):
        return (position - 1) // posts_per_page() + 1

    def url_of_position(self, position, post_id):
        """The stable link to a post: its page of the thread and its anchor."""
        page = self.page_of(position)
        query = f"?page={page}" if page > 1 else ""
        return f"{self.get_absolute_url()}{query}#post-{post_id}"


def posts_per_page():
    return getattr(settings, "FORUMS_POSTS_PER_PAGE", 20)


def edit_minutes():
    """The minutes after posting in which its author may still change a post."""
    return getattr(settings, "FORUMS_EDIT_MINUTES", 30)


def removed_text_retention():
    """How long the text of removed posts and the earlier versions of edited ones are kept
    (for moderators, should a complaint come) before they are purged."""
    return datetime.timedelta(days=getattr(settings, "FORUMS_REMOVED_TEXT_RETENTION_DAYS", 90))


class Post(models.Model):
    thread = models.ForeignKey(Thread, on_delete=models.CASCADE, related_name="posts")
    position = models.PositiveIntegerField(help_text="1 for the post that started the thread.")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="forum_posts"
    )
    body = models.TextField()
    status = models.CharField(max_length=16, choices=PostStatus.choices, default=PostStatus.VISIBLE)
    created_at = models.DateTimeField(default=timezone.now)
    edited_at = models.DateTimeField(null=True, blank=True)
    # When its author removed it: its text is purged FORUMS_REMOVED_TEXT_RETENTION_DAYS after.
    removed_at = models.DateTimeField(null=True, blank=True)

    objects = PostQuerySet.as_manager()

    class Meta:
        ordering = ["thread", "position"]
        constraints = [
            models.UniqueConstraint(fields=["thread", "position"], name="forums_post_position")
        ]
        indexes = [models.Index(fields=["author", "created_at"], name="forums_post_author_time")]

    def __str__(self):
        return f"Post {self.position} in “{self.thread}”"

    @property
    def is_visible(self):
        return self.status == PostStatus.VISIBLE

    @property
    def is_first(self):
        return self.position == 1

    @property
    def is_removed(self):
        """Removed by its author: no moderator's action may show it again."""
        return self.status == PostStatus.REMOVED

    def permalink(self):
        """A link that always reaches this post, wherever its thread has moved."""
        return reverse("forums:post", kwargs={"post_id": self.pk})

    def stable_url(self):
        return self.thread.url_of_position(self.position, self.pk)

    def edit_deadline(self):
        return self.created_at + datetime.timedelta(minutes=edit_minutes())


class PostRevision(models.Model):
    """What a post said before an edit; moderators can read the whole history."""

    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="revisions")
    body = models.TextField()
    title = models.CharField(
        max_length=150, blank=True, help_text="The thread's title before, when it changed."
    )
    replaced_at = models.DateTimeField(default=timezone.now)
    editor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["post", "replaced_at", "pk"]

    def __str__(self):
        return f"Earlier text of {self.post}"


class ReadMark(models.Model):
    """How far a member has read a thread: the position of the last post they were shown."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    thread = models.ForeignKey(Thread, on_delete=models.CASCADE, related_name="read_marks")
    position = models.PositiveIntegerField(default=0)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "thread"], name="forums_read_mark_once")
        ]

    def __str__(self):
        return f"{self.user} has read “{self.thread}” to post {self.position}"


class Watch(models.Model):
    """A member's wish to hear of new posts in a thread or a category (sent by digests)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="forum_watches"
    )
    thread = models.ForeignKey(
        Thread, null=True, blank=True, on_delete=models.CASCADE, related_name="watches"
    )
    category = models.ForeignKey(
        Category, null=True, blank=True, on_delete=models.CASCADE, related_name="watches"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(thread__isnull=True, category__isnull=False)
                | Q(thread__isnull=False, category__isnull=True),
                name="forums_watch_one_target",
            ),
            models.UniqueConstraint(
                fields=["user", "thread"],
                condition=Q(thread__isnull=False),
                name="forums_watch_thread_once",
            ),
            models.UniqueConstraint(
                fields=["user", "category"],
                condition=Q(category__isnull=False),
                name="forums_watch_category_once",
            ),
        ]

    def __str__(self):
        return f"{self.user} watches {self.thread or self.category}"


class FlagReason(models.TextChoices):
    SPAM = "spam", "Spam or advertising"
    ABUSIVE = "abusive", "Abusive or offensive"
    OFF_TOPIC = "off_topic", "Off-topic"
    OTHER = "other", "Something else"


class Flag(models.Model):
    """A member's report of a post to the moderators; one per member and post."""

    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="flags")
    flagger = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="forum_flags"
    )
    reason = models.CharField(max_length=16, choices=FlagReason.choices)
    details = models.TextField(blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    resolved_at = models.DateTimeField(null=True, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    objects = FlagQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "pk"]
        constraints = [models.UniqueConstraint(fields=["post", "flagger"], name="forums_flag_once")]

    def __str__(self):
        return f"{self.get_reason_display()}: {self.post}"


class Suspension(models.Model):
    """A period in which a member may not post; what they wrote before stays."""

    member = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="forum_suspensions"
    )
    starts_at = models.DateTimeField(default=timezone.now)
    ends_at = models.DateTimeField()
    reason = models.TextField()
    suspended_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    lifted_at = models.DateTimeField(null=True, blank=True)
    lifted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    objects = SuspensionQuerySet.as_manager()

    class Meta:
        ordering = ["-starts_at", "-pk"]

    def __str__(self):
        return f"{self.member} suspended until {self.ends_at:%Y-%m-%d %H:%M}"


class ModerationActionKind(models.TextChoices):
    HIDE_POST = "hide_post", "Hid a post"
    RESTORE_POST = "restore_post", "Restored a post"
    AUTO_HIDE_POST = "auto_hide_post", "Hid a post pending review, after flags"
    DISMISS_FLAGS = "dismiss_flags", "Dismissed the flags on a post"
    HIDE_THREAD = "hide_thread", "Hid a thread"
    RESTORE_THREAD = "restore_thread", "Restored a thread"
    LOCK_THREAD = "lock_thread", "Locked a thread"
    UNLOCK_THREAD = "unlock_thread", "Unlocked a thread"
    PIN_THREAD = "pin_thread", "Pinned a thread"
    UNPIN_THREAD = "unpin_thread", "Unpinned a thread"
    MOVE_THREAD = "move_thread", "Moved a thread"
    SUSPEND_MEMBER = "suspend_member", "Suspended a member"
    LIFT_SUSPENSION = "lift_suspension", "Lifted a suspension"


class ModerationAction(models.Model):
    """One entry of the moderation log: who did what, to what, when and why.

    `actor` is empty for what the site does by itself (hiding a post after enough flags).
    """

    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    kind = models.CharField(max_length=24, choices=ModerationActionKind.choices)
    thread = models.ForeignKey(
        Thread, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    post = models.ForeignKey(
        Post, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    member = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reason = models.TextField()
    details = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"{self.get_kind_display()} ({self.created_at:%Y-%m-%d %H:%M})"
