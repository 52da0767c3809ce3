"""<link rel="alternate"> for the feeds that carry a page's records, read from the registry,
so that the pages and /feeds/ offer the same feeds. A filtered list offers its feeds with
the same filters."""

from django import template

from .. import registry
from ..feeds import filter_query_string

register = template.Library()


@register.inclusion_tag("includes/alternate_links.html", takes_context=True)
def alternate_links(context):
    request = context.get("request")
    match = getattr(request, "resolver_match", None)
    if match is None:
        return {"links": []}
    query = filter_query_string(request.GET)
    filters = "; ".join(context.get("filters_in_words") or [])
    links = []
    for feed in registry.feed_links_for_page(match.view_name, request.path):
        filtered = feed.follows_filters and bool(query)
        links.append(
            {
                "media_type": feed.media_type,
                "title": f"{feed.title}: {filters}" if filtered and filters else feed.title,
                "href": f"{feed.url}?{query}" if filtered else feed.url,
            }
        )
    return {"links": links}
