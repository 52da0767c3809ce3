"""One search document per thread: its title and the text of its visible posts, for threads
anyone may read. It is rewritten when the thread changes (a post added, edited or hidden
queues it after commit), never when a page is shown. A thread takes the topics of its forum.

It names no organisation: the privacy notice says a post shows its author's organisations
beside it on the forum pages only, so search neither shows them nor files a thread under
them (the organisation and area facets)."""

from django.db.models import Prefetch
from django.utils.text import Truncator
from haystack import indexes

from core.markdown import markdown_words
from core.search_documents import SiteDocument

from .models import Post, Thread

SUMMARY_WORDS = 40


class ThreadIndex(SiteDocument, indexes.Indexable):
    collection = "forums"
    kind_label = "Discussion"

    def get_model(self):
        return Thread

    def index_queryset(self, using=None):
        return (
            Thread.objects.public()
            .select_related("category")
            .prefetch_related(
                "category__topics",
                Prefetch(
                    "posts",
                    queryset=Post.objects.visible().order_by("position"),
                    to_attr="visible_posts",
                ),
            )
        )

    def prepare_title(self, thread):
        return thread.title

    def prepare_summary(self, thread):
        first = next((post.body for post in thread.visible_posts if post.position == 1), "")
        words = " ".join(markdown_words(first).split())
        replies = thread.reply_count
        summary = f"In {thread.category.name}. {replies} repl{'y' if replies == 1 else 'ies'}."
        if words:
            summary = f"{summary} {Truncator(words).words(SUMMARY_WORDS)}"
        return summary

    def topics_of(self, thread):
        return list(thread.category.topics.all())

    def prepare_owner(self, thread):
        return ""

    def date_of(self, thread):
        return thread.last_active_at
