"""The shared partials other apps build their list and detail pages from."""

from urllib.parse import parse_qs, urlsplit

import pytest
from django import forms
from django.core.paginator import Paginator
from django.template import Context, RequestContext, Template, TemplateSyntaxError

from .html import elements


def _render(source, request=None, **context):
    template = Template("{% load layout %}" + source)
    if request is None:
        return template.render(Context(context))
    return template.render(RequestContext(request, context))


def _query(link):
    return parse_qs(urlsplit(link["attrs"]["href"]).query)


def test_pagination_keeps_other_parameters_and_elides_the_middle(rf):
    request = rf.get("/organisations/", {"kind": "local_authority", "q": "camden", "page": "7"})
    page = Paginator(range(200), 10).page(7)
    html = _render('{% include "includes/pagination.html" with page=page %}', request, page=page)

    (previous,) = elements(html, "a", rel="prev")
    assert _query(previous) == {"kind": ["local_authority"], "q": ["camden"], "page": ["6"]}
    (following,) = elements(html, "a", rel="next")
    assert _query(following) == {"kind": ["local_authority"], "q": ["camden"], "page": ["8"]}

    items = [li["text"] for li in elements(html, "li", class_="govuk-pagination__item")]
    assert items == ["1", "⋯", "6", "7", "8", "⋯", "20"]
    (current,) = elements(html, "a", **{"aria-current": "page"})
    assert current["text"] == "7" and current["attrs"]["aria-label"] == "Page 7"


def test_pagination_first_page_has_no_previous_link(rf):
    page = Paginator(range(30), 10).page(1)
    html = _render(
        '{% include "includes/pagination.html" with page=page %}', rf.get("/"), page=page
    )
    assert not elements(html, "a", rel="prev")
    assert _query(elements(html, "a", rel="next")[0]) == {"page": ["2"]}


def test_pagination_is_left_out_for_a_single_page(rf):
    page = Paginator(range(5), 10).page(1)
    html = _render(
        '{% include "includes/pagination.html" with page=page %}', rf.get("/"), page=page
    )
    assert not elements(html, "nav")


def test_breadcrumbs_start_at_home_and_leave_the_current_page_unlinked():
    html = _render('{% breadcrumbs "Organisations" "/organisations/" "Camden" %}')
    links = [(a["text"], a["attrs"]["href"]) for a in elements(html, "a")]
    assert links == [("Home", "/"), ("Organisations", "/organisations/")]
    (current,) = elements(html, "li", **{"aria-current": "page"})
    assert current["text"] == "Camden"


def test_breadcrumbs_of_pairs_link_every_crumb():
    html = _render('{% breadcrumbs "Organisations" "/organisations/" %}')
    assert [a["text"] for a in elements(html, "a")] == ["Home", "Organisations"]
    assert not elements(html, "li", **{"aria-current": "page"})


def test_summary_list_leaves_out_empty_values_and_escapes():
    html = _render(
        '{% summary_list "Kind" "Local authority" "Website" "" "Note" note %}',
        note="<b>bold</b>",
    )
    keys = [dt["text"] for dt in elements(html, "dt", class_="govuk-summary-list__key")]
    assert keys == ["Kind", "Note"]
    assert "&lt;b&gt;bold&lt;/b&gt;" in html


def test_summary_list_refuses_odd_arguments():
    with pytest.raises(TemplateSyntaxError):
        _render('{% summary_list "Kind" %}')


def test_tag_list_names_each_topic():
    topics = [{"name": "Smart cards"}, {"name": "Telecare"}]
    html = _render('{% include "includes/tag_list.html" with tags=topics %}', topics=topics)
    (tag_list,) = elements(html, "ul", class_="lc-tag-list")
    assert tag_list["attrs"]["aria-label"] == "Topics"
    assert [t["text"] for t in elements(html, "strong", class_="govuk-tag")] == [
        "Smart cards",
        "Telecare",
    ]


class _KindFilter(forms.Form):
    kind = forms.ChoiceField(
        choices=[("", "Any"), ("local_authority", "Local authority")],
        required=False,
        widget=forms.RadioSelect,
    )


def test_filter_form_submits_by_get_to_the_same_page_and_can_be_cleared(rf):
    request = rf.get("/organisations/", {"kind": "local_authority"})
    html = _render(
        '{% include "includes/filter_form.html" with form=form %}',
        request,
        form=_KindFilter(request.GET),
    )
    (form,) = elements(html, "form")
    assert form["attrs"]["method"] == "get" and form["attrs"]["action"] == "/organisations/"
    assert elements(html, "input", type="radio", name="kind", value="local_authority")
    (clear,) = [a for a in elements(html, "a") if a["text"] == "Clear filters"]
    assert clear["attrs"]["href"] == "/organisations/"
    assert elements(html, "button", type="submit")
