from django.apps import AppConfig
from django.urls import reverse


class ForumsConfig(AppConfig):
    name = "forums"
    label = "forums"
    verbose_name = "Forums"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from accounts.roles import register_moderated_model
        from core import registry

        from . import demo, digest, panels, stats
        from .models import (
            Category,
            Flag,
            ModerationAction,
            Post,
            PostRevision,
            Suspension,
            Thread,
        )

        registry.register_section(
            registry.Section(
                key="forums",
                label="Forums",
                url_name="forums:index",
                order=80,
                description="Officers, partners and citizens discussing London’s e-policy: "
                "smart cards, e-democracy, social inclusion, information sharing and more.",
                count=stats.public_thread_count,
                latest=stats.latest_public_threads,
            )
        )
        registry.register_seeder(
            registry.Seeder(key="forums", order=80, run=demo.seed, depends_on=("contacts",))
        )
        registry.register_organisation_panel(
            registry.OrganisationPanel(
                key="forums",
                order=80,
                template_name="forums/_organisation_panel.html",
                context=panels.organisation_activity,
            )
        )
        # Moderators act through the moderation pages, which log every action; in the admin
        # they may only look.
        for model in (Thread, Post, PostRevision, Flag, Suspension, ModerationAction):
            register_moderated_model(model, actions=("view",))

        registry.register_collection(
            registry.Collection(
                key="forums",
                label="discussion",
                label_plural="discussions",
                order=60,
                public=lambda: Thread.objects.public().select_related("category"),
                list_url_name="forums:index",
                topic_lookup="category__topics",
                topic_param=None,
            )
        )

        def forum_feeds():
            return [
                registry.FeedLink(
                    title=f"Forum: {category.name}",
                    description=f"{category.description} The latest threads, the most recently "
                    "active first, each with the post that started it.",
                    url=reverse("forums:category_feed", kwargs={"category_slug": category.slug}),
                    page_url=category.get_absolute_url(),
                    follows_filters=False,
                )
                for category in Category.objects.public().only("name", "slug", "description")
            ]

        registry.register_feed_source(
            registry.FeedSource(
                key="forums",
                heading="Forums",
                order=60,
                feeds=forum_feeds,
                page_url_names=("forums:category",),
            )
        )

        registry.register_forum_watches(digest.FORUM_WATCHES)

        from django.db.models.signals import m2m_changed, post_save, pre_save

        m2m_changed.connect(
            _reindex_threads_of_category,
            sender=Category.topics.through,
            dispatch_uid="forums-category-topics-reindex",
        )
        pre_save.connect(
            _note_category_change, sender=Category, dispatch_uid="forums-category-change"
        )
        post_save.connect(
            _follow_category_change, sender=Category, dispatch_uid="forums-category-reindex"
        )


# What a forum's threads take from it: their documents name it and link under its slug,
# and whether it is private decides whether anyone may read them.
CATEGORY_FIELDS_THREADS_FOLLOW = ("name", "slug", "members_only", "group_id")


def _reindex_threads_of_category(sender, instance, action, **kwargs):
    """A forum's topics are its threads' topics: when they change, so do the threads'
    search documents (after the commit, through the queue)."""
    from django.db import transaction

    from core.tasks import update_search_documents_where

    from .models import Category

    if action in ("post_add", "post_remove", "post_clear") and isinstance(instance, Category):
        category_id = instance.pk
        transaction.on_commit(
            lambda: update_search_documents_where.delay("forums.thread", category_id=category_id)
        )


def _note_category_change(sender, instance, raw=False, **kwargs):
    """Before a forum is saved: does it change who may read its threads, or what their
    search documents say?"""
    if raw or instance.pk is None:
        return
    before = (
        sender._base_manager.filter(pk=instance.pk).values(*CATEGORY_FIELDS_THREADS_FOLLOW).first()
    )
    instance._threads_follow_change = before is not None and any(
        before[name] != getattr(instance, name) for name in CATEGORY_FIELDS_THREADS_FOLLOW
    )


def _follow_category_change(sender, instance, created, raw=False, **kwargs):
    """After the commit, its threads are indexed again, or leave the index if it is now
    private, and the cached count of public threads is dropped."""
    if raw or created or not getattr(instance, "_threads_follow_change", False):
        return
    from django.db import transaction

    from core.tasks import update_search_documents_where

    from . import stats

    instance._threads_follow_change = False
    category_id = instance.pk
    transaction.on_commit(
        lambda: update_search_documents_where.delay("forums.thread", category_id=category_id)
    )
    transaction.on_commit(stats.drop_counts)
