"""Tags behind the shared partials in templates/includes/: breadcrumbs, pagination, summary list.

Query strings for pagination and filter links use Django's built-in `{% querystring %}`
tag, which keeps every other parameter of the current request.
"""

from django import template
from django.urls import reverse

register = template.Library()


def _pairs(args, tag_name):
    if len(args) % 2:
        raise template.TemplateSyntaxError(f"{tag_name} takes its arguments in pairs.")
    return list(zip(args[::2], args[1::2], strict=True))


@register.inclusion_tag("includes/breadcrumbs.html")
def breadcrumbs(*args):
    """`{% breadcrumbs "Organisations" organisations_url "Camden" %}`: label/href pairs after Home.

    A final label without an href is the current page, shown unlinked.
    """
    if len(args) % 2:
        args = (*args, "")
    crumbs = [{"label": "Home", "href": reverse("home")}]
    crumbs += [{"label": label, "href": href} for label, href in _pairs(args, "breadcrumbs")]
    return {"crumbs": crumbs}


@register.inclusion_tag("includes/summary_list.html")
def summary_list(*args):
    """`{% summary_list "Kind" org.get_kind_display "Website" org.website %}`: key/value pairs.

    Rows whose value is empty are left out, so optional fields need no `{% if %}` around them.
    """
    rows = [(key, value) for key, value in _pairs(args, "summary_list") if value not in ("", None)]
    return {"rows": rows}


@register.simple_tag
def pagination_items(page, on_each_side=1, on_ends=1):
    """The numbered items of the GOV.UK pagination component, with ellipses for the gaps."""
    items = []
    for number in page.paginator.get_elided_page_range(
        page.number, on_each_side=on_each_side, on_ends=on_ends
    ):
        if number == page.paginator.ELLIPSIS:
            items.append({"ellipsis": True})
        else:
            items.append({"number": number, "current": number == page.number})
    return items
