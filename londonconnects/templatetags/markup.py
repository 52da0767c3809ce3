from django import template

from londonconnects.markdown import render_markdown

register = template.Library()


@register.filter(name="markdown")
def markdown_filter(text):
    """`{{ record.description|markdown }}`: sanitised HTML from user Markdown."""
    return render_markdown(text or "")
