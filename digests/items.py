"""One line of a digest, and how a line is written: shared by the batch's news and the
saved searches."""

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.utils.html import strip_tags
from django.utils.text import Truncator

from core.markdown import render_markdown


def absolute(path: str) -> str:
    if path.startswith(("http://", "https://")):
        return path
    return settings.SITE_URL.rstrip("/") + path


def upper_first(text: str) -> str:
    return text[:1].upper() + text[1:]


def plain_excerpt(markdown_text: str, words: int = 40) -> str:
    text = strip_tags(render_markdown(markdown_text or "")).strip()
    return Truncator(" ".join(text.split())).words(words, truncate=" …")


@dataclass(frozen=True)
class Item:
    title: str
    url: str
    date: datetime.datetime
    note: str = ""
    summary: str = ""
    created: datetime.datetime | None = None


def record_item(collection, record):
    date = getattr(record, collection.date_field)
    created = getattr(record, collection.created_field, None) if collection.created_field else None
    summary = getattr(record, "summary", "") or getattr(record, "description", "") or ""
    return Item(
        title=str(record),
        url=absolute(record.get_absolute_url()),
        date=date,
        summary=plain_excerpt(summary, 30) if summary else "",
        created=created,
    )
