"""Small readers for the HTML the site serves, so tests check what a visitor gets."""

import re
from html import unescape
from html.parser import HTMLParser


class _Elements(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.elements = []  # (tag, attrs dict, text inside it)
        self._open = []

    def handle_starttag(self, tag, attrs):
        element = [tag, dict(attrs), ""]
        self.elements.append(element)
        if tag not in {"meta", "link", "input", "br", "img", "hr", "path", "circle"}:
            self._open.append(element)

    def handle_endtag(self, tag):
        for index in range(len(self._open) - 1, -1, -1):
            if self._open[index][0] == tag:
                del self._open[index:]
                break

    def handle_data(self, data):
        for element in self._open:
            element[2] += data


def elements(html, tag, **attrs):
    """Elements of one tag whose attributes contain the given values (class_ for class)."""
    parser = _Elements()
    parser.feed(html)
    wanted = {key.rstrip("_"): value for key, value in attrs.items()}
    found = []
    for name, element_attrs, text in parser.elements:
        if name != tag:
            continue
        if all(
            value in (element_attrs.get(key) or "").split()
            if key == "class"
            else element_attrs.get(key) == value
            for key, value in wanted.items()
        ):
            found.append({"attrs": element_attrs, "text": " ".join(text.split())})
    return found


def text_of(html):
    """The visible words of a page, whitespace collapsed."""
    body = re.sub(r"<(script|style)\b.*?</\1>", " ", html, flags=re.S)
    return unescape(" ".join(re.sub(r"<[^>]+>", " ", body).split()))


def assert_sound_page(response):
    """A page in the site's layout: one <h1>, a <title>, landmarks and the skip link."""
    html = response.content.decode()
    assert len(elements(html, "h1")) == 1, "a page has exactly one <h1>"
    titles = elements(html, "title")
    assert len(titles) == 1 and titles[0]["text"].endswith("– LondonConnects")
    assert elements(html, "html", lang="en-GB")
    assert elements(html, "a", class_="govuk-skip-link", href="#main-content")
    assert len(elements(html, "header")) == 1
    assert len(elements(html, "main", id="main-content")) == 1
    assert len(elements(html, "footer")) == 1
    return html
