"""Link health where URLs are shown, for one query per page, not per link.

    {% load linkhealth %}
    {% link_health organisation.website project.related_links.all as health %}  {# 1 query #}
    <a href="{{ organisation.website }}">...</a>{% link_note health organisation.website %}

`link_note` is the quiet note for visitors: it says something only when a link is broken.
`link_status` is the explicit status the e-index shows (OK, redirected, broken since ...).
`health|health_for:url` gives the Link (or None) for anything else. On a list page, build
the map in the view with linkcheck.health.health_of(urls) and pass it in as `health`.
"""

from django import template

from ..health import health_of
from ..registry import normalise

register = template.Library()


@register.simple_tag
def link_health(*urls):
    return health_of(*urls)


@register.filter
def health_for(health, url):
    if not health or not url:
        return None
    return health.get(normalise(url))


@register.inclusion_tag("linkcheck/_link_note.html")
def link_note(health, url):
    return {"link": health_for(health, url)}


@register.inclusion_tag("linkcheck/_link_status.html")
def link_status(health, url):
    return {"link": health_for(health, url)}
