"""Atom feeds of the public forums: one per category, its most recently active threads.

A feed reader never signs in, so a private forum has no feed (404) and hidden threads and
posts never appear: the entries come from Thread.objects.public(), and a thread's opening
post is quoted only while it is visible, as the plain words a reader sees (escaped by the
feed, so no markup of the post reaches a feed reader).
"""

from django.contrib.syndication.views import Feed
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404
from django.utils.text import Truncator

from core.feeds import HtmlSummaryAtom1Feed
from core.markdown import markdown_words

from .models import Category, Post, Thread
from .templatetags.forums import member_name

OPENING_POST_WORDS = 80


class CategoryFeed(Feed):
    feed_type = HtmlSummaryAtom1Feed
    max_items = 30

    def get_object(self, request, category_slug):
        self.request = request
        return get_object_or_404(Category.objects.public(), slug=category_slug)

    def items(self, category):
        opening = Post.objects.visible().filter(position=1)
        return (
            Thread.objects.public()
            .filter(category=category)
            .select_related("author", "category")
            .prefetch_related(Prefetch("posts", queryset=opening, to_attr="opening_posts"))
            .order_by("-last_active_at", "-pk")[: self.max_items]
        )

    def title(self, category):
        return f"LondonConnects forums: {category.name}"

    def subtitle(self, category):
        return category.description

    def link(self, category):
        return self.request.build_absolute_uri(category.get_absolute_url())

    def feed_url(self, category):
        return self.request.build_absolute_uri()

    def feed_guid(self, category):
        return self.request.build_absolute_uri()

    def item_title(self, thread):
        return thread.title

    def item_link(self, thread):
        return self.request.build_absolute_uri(thread.get_absolute_url())

    def item_description(self, thread):
        if not thread.opening_posts:
            return ""
        words = " ".join(markdown_words(thread.opening_posts[0].body).split())
        return Truncator(words).words(OPENING_POST_WORDS)

    def item_author_name(self, thread):
        return member_name(thread.author)

    def item_pubdate(self, thread):
        return thread.created_at

    def item_updateddate(self, thread):
        return thread.last_active_at
