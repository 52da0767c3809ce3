"""User Markdown renders to GOV.UK-styled HTML with nothing executable left in it."""

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from core.markdown import render_markdown

HOSTILE_FRAGMENTS = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    '<a href="javascript:alert(1)">x</a>',
    "[x](javascript:alert(1))",
    "[x](JaVaScRiPt:alert(1))",
    "[x](data:text/html;base64,PHNjcmlwdD4=)",
    "<style>body{display:none}</style>",
    '<p style="color:red">x</p>',
    "<iframe src=https://example.org></iframe>",
    '<svg onload="alert(1)">',
    "[x](vbscript:msgbox(1))",
    "<!-- comment -->",
    "# heading",
    "`code`",
    "> quote",
    "\n\n",
    "*",
    "[",
    "](",
    '"',
    "'",
    "<",
    ">",
]


def assert_inert(html):
    """No real tag (escaped text is fine) may run script, carry style or leave the page."""
    tags = re.findall(r"<([a-z][a-z0-9]*)([^>]*)>", html.lower())
    for name, attributes in tags:
        assert name not in {"script", "style", "iframe", "svg", "img", "object", "h1", "h2"}
        assert not re.search(r"\son[a-z]+\s*=", attributes), (name, attributes)
        assert "style=" not in attributes, (name, attributes)
        for href in re.findall(r'href="([^"]*)"', attributes):
            assert href.startswith(("http://", "https://", "mailto:")), href


def test_ordinary_markdown_gets_govuk_classes():
    html = render_markdown("## Aims\n\nJoin up *services*; see [the plan](https://example.org).")
    assert '<h4 class="govuk-heading-s">Aims</h4>' in html
    assert '<p class="govuk-body">' in html
    assert 'class="govuk-link" rel="nofollow ugc noopener noreferrer"' in html


def test_raw_html_is_shown_as_text_not_markup():
    html = render_markdown("<b onclick=steal()>bold</b>")
    assert "&lt;b onclick=steal()&gt;" in html
    assert_inert(html)


def test_known_hostile_inputs_are_inert():
    for fragment in HOSTILE_FRAGMENTS:
        assert_inert(render_markdown(fragment))


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(st.sampled_from(HOSTILE_FRAGMENTS), st.text(max_size=20)), max_size=12))
def test_no_generated_input_survives_as_markup(pieces):
    assert_inert(render_markdown("".join(pieces)))
