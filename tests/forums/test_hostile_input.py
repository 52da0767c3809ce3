"""Nothing a member writes reaches another member's browser as markup: generated hostile
Markdown and HTML goes through the real reply and new-thread forms, and the thread page is
read as another member sees it."""

import re
from html.parser import HTMLParser

import pytest
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from forums.models import Post, Thread
from tests.core.test_markdown import HOSTILE_FRAGMENTS, assert_inert

from .factories import MemberFactory, start_thread

pytestmark = pytest.mark.django_db

EXTRA_FRAGMENTS = [
    "</div><script>alert(1)</script>",
    "</textarea><script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "[x](javascript&#58;alert(1))",
    "[x](&#x6A;avascript:alert(1))",
    "![img](javascript:alert(1))",
    "<a href='data:text/html,<script>alert(1)</script>'>x</a>",
    "```\n<script>alert(1)</script>\n```",
    "[x]( javascript:alert(1) )",
    '<https://example.org/"onmouseover="alert(1)>',
]
FRAGMENTS = HOSTILE_FRAGMENTS + EXTRA_FRAGMENTS
hostile_text = st.lists(
    st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=20)), min_size=1, max_size=10
).map("".join)


def post_body_html(page, post):
    """The rendered body of one post on a page."""
    match = re.search(
        rf'<article[^>]*id="post-{post.pk}".*?<div class="lc-post__body">(.*?)</div>\s*'
        r"(?:<ul|</div>)",
        page,
        re.S,
    )
    assert match, f"post {post.pk} is not on the page"
    return match.group(1)


class _Tags(HTMLParser):
    """Every start tag of a page with its attributes, as a browser would parse them."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags = []
        self.in_main = False

    def handle_starttag(self, tag, attrs):
        if tag == "main":
            self.in_main = True
        self.tags.append((tag, dict(attrs), self.in_main))

    def handle_endtag(self, tag):
        if tag == "main":
            self.in_main = False


def assert_page_has_no_injected_markup(page):
    """User text appears only inside <main>: no element there may run script, load anything
    or carry style; and nowhere on the page is there an event handler or a script URL."""
    parser = _Tags()
    parser.feed(page)
    for tag, attrs, in_main in parser.tags:
        assert not any(name.startswith("on") for name in attrs), (tag, attrs)
        for name in ("href", "src", "action", "formaction"):
            value = (attrs.get(name) or "").strip().lower()
            assert not value.startswith(("javascript:", "data:", "vbscript:")), (tag, attrs)
        if in_main:
            assert tag not in {"script", "iframe", "svg", "img", "object", "embed", "style"}
            assert "style" not in attrs, (tag, attrs)


@pytest.fixture
def forum(client, e_democracy, settings):
    settings.FORUMS_POSTS_PER_MINUTE = 10_000
    settings.FORUMS_POSTS_PER_PAGE = 10_000
    writer = MemberFactory(full_name="Hostile Writer")
    reader = MemberFactory(full_name="Innocent Reader")
    thread = start_thread(e_democracy, author=writer)
    reader_client = client.__class__()
    reader_client.force_login(reader)
    client.force_login(writer)
    return {"thread": thread, "reader": reader_client, "writer": client}


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(body=hostile_text)
def test_hostile_replies_reach_other_members_as_inert_text(forum, body):
    thread = forum["thread"]
    posts_before = Post.objects.count()
    response = forum["writer"].post(
        reverse("forums:reply", args=[thread.category.slug, thread.pk]), {"body": body}
    )
    if response.status_code != 302:
        # Refused (blank, or holding a NUL): nothing stored, and the form that gives the
        # text back to its writer is inert too.
        assert Post.objects.count() == posts_before
        assert_page_has_no_injected_markup(response.content.decode())
        return
    post = Post.objects.latest("pk")

    page = forum["reader"].get(thread.get_absolute_url()).content.decode()

    assert_inert(post_body_html(page, post))
    assert_page_has_no_injected_markup(page)


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(title=hostile_text, body=hostile_text)
def test_hostile_titles_and_first_posts_are_inert_on_every_page(forum, e_democracy, title, body):
    threads_before = Thread.objects.count()
    response = forum["writer"].post(
        reverse("forums:new_thread", args=[e_democracy.slug]), {"title": title, "body": body}
    )
    if response.status_code != 302:
        assert Thread.objects.count() == threads_before
        assert_page_has_no_injected_markup(response.content.decode())
        return
    thread = Thread.objects.latest("pk")
    reader = forum["reader"]
    for url in ("/forums/", e_democracy.get_absolute_url(), thread.get_absolute_url()):
        page = reader.get(url).content.decode()
        assert_page_has_no_injected_markup(page)
    page = reader.get(thread.get_absolute_url()).content.decode()
    assert_inert(post_body_html(page, thread.posts.get()))


def test_the_preview_is_inert_too(forum):
    thread = forum["thread"]
    body = "".join(FRAGMENTS)
    page = (
        forum["writer"]
        .post(
            reverse("forums:reply", args=[thread.category.slug, thread.pk]),
            {"body": body, "preview": "1"},
        )
        .content.decode()
    )
    preview = re.search(r'<div class="govuk-inset-text lc-post__body">(.*?)</div>', page, re.S)
    assert_inert(preview.group(1))
    assert_page_has_no_injected_markup(page)
