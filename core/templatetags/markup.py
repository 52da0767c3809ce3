from django import template

from core.markdown import markdown_words, render_markdown

register = template.Library()


@register.filter(name="markdown")
def markdown_filter(text):
    """`{{ record.description|markdown }}`: sanitised HTML from user Markdown."""
    return render_markdown(text or "")


@register.filter(name="markdown_words")
def markdown_words_filter(text):
    """`{{ post.body|markdown_words }}`: the words of user Markdown as plain text (search
    documents), without building any HTML."""
    return markdown_words(text or "")
