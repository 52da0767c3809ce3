"""User Markdown to safe HTML: markdown-it-py with raw HTML off, then nh3 with an allow-list.

A leaf module (it imports no app), so every content app may use it, like the registry.
Headings start at <h3> so that user text never adds a page's second <h1>, and every link
is marked rel="nofollow ugc noopener noreferrer".
"""

import nh3
from django.utils.safestring import SafeString, mark_safe
from markdown_it import MarkdownIt

_HEADING_SHIFT = 2

_ALLOWED_TAGS = {
    "p", "br", "hr", "strong", "em", "del", "code", "pre", "blockquote",
    "ul", "ol", "li", "a", "h3", "h4", "h5", "h6",
    "table", "thead", "tbody", "tr", "th", "td",
}  # fmt: skip
_ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "ol": {"start"}, "th": {"align"}, "td": {"align"}}
_CLASSES = {
    "p": "govuk-body",
    "a": "govuk-link",
    "ul": "govuk-list govuk-list--bullet",
    "ol": "govuk-list govuk-list--number",
    "h3": "govuk-heading-m",
    "h4": "govuk-heading-s",
    "h5": "govuk-heading-s",
    "h6": "govuk-heading-s",
    "table": "govuk-table",
    "tr": "govuk-table__row",
    "th": "govuk-table__header",
    "td": "govuk-table__cell",
    "blockquote": "govuk-inset-text",
    "hr": "govuk-section-break govuk-section-break--m govuk-section-break--visible",
}

_parser = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})
_parser.enable(["table", "strikethrough"])


def _shift_headings(tokens):
    for token in tokens:
        if token.type in ("heading_open", "heading_close"):
            level = min(6, int(token.tag[1]) + _HEADING_SHIFT)
            token.tag = f"h{level}"
    return tokens


def render_markdown(text: str) -> SafeString:
    """Render untrusted Markdown; nothing in `text` can add script, style or event handlers."""
    if not text:
        return mark_safe("")  # noqa: S308 - an empty string
    tokens = _shift_headings(_parser.parse(text))
    html = _parser.renderer.render(tokens, _parser.options, {})
    cleaned = nh3.clean(
        html,
        tags=_ALLOWED_TAGS,
        attributes=_ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        link_rel="nofollow ugc noopener noreferrer",
        set_tag_attribute_values={tag: {"class": css} for tag, css in _CLASSES.items()},
        strip_comments=True,
    )
    return mark_safe(cleaned)  # noqa: S308 - nh3 has just sanitised it


def markdown_words(text: str) -> str:
    """The words a reader sees in rendered Markdown, as plain text, without rendering or
    cleaning any HTML: what search indexes and summaries need, at a fraction of the cost."""
    if not text:
        return ""
    parts = []
    for token in _parser.parse(text):
        if token.type == "inline":
            parts.append("".join(_words_of(child) for child in token.children or ()))
        elif token.type in ("code_block", "fence"):
            parts.append(token.content)
    return "\n".join(part for part in parts if part)


def _words_of(token):
    if token.type in ("text", "code_inline"):
        return token.content
    return " " if token.type in ("softbreak", "hardbreak") else ""
