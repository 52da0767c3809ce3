"""One search document per thread: its title and the text of its visible posts, for threads
anyone may read. It is rewritten when the thread changes (a post added, edited or hidden
queues it after commit), never when a page is shown."""

from html import unescape

from django.utils.html import strip_tags
from django.utils.text import Truncator
from haystack import indexes

from londonconnects.markdown import render_markdown

from .models import Thread

SUMMARY_WORDS = 40


class ThreadIndex(indexes.SearchIndex, indexes.Indexable):
    text = indexes.CharField(document=True, use_template=True)
    title = indexes.CharField(model_attr="title", stored=True, indexed=False)
    url = indexes.CharField(stored=True, indexed=False)
    summary = indexes.CharField(stored=True, indexed=False)
    kind = indexes.CharField(stored=True, indexed=False)
    updated = indexes.DateTimeField(model_attr="updated_at")

    def get_model(self):
        return Thread

    def index_queryset(self, using=None):
        return Thread.objects.public().select_related("category")

    def get_updated_field(self):
        return "updated_at"

    def prepare_url(self, obj):
        return obj.get_absolute_url()

    def prepare_kind(self, obj):
        return "Discussion"

    def prepare_summary(self, obj):
        first = obj.posts.visible().filter(position=1).values_list("body", flat=True).first()
        words = unescape(strip_tags(render_markdown(first or ""))).strip()
        replies = obj.reply_count
        summary = f"In {obj.category.name}. {replies} repl{'y' if replies == 1 else 'ies'}."
        if words:
            summary = f"{summary} {Truncator(words).words(SUMMARY_WORDS)}"
        return summary
