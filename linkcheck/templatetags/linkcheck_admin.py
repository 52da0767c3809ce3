from django import template

from .. import reports
from ..admin import may_change_record, record_admin_url

register = template.Library()

PANEL_LIMIT = 25


@register.inclusion_tag("admin/linkcheck/_home_panel.html", takes_context=True)
def linkcheck_panel(context):
    """Site administrators: the totals. Partner editors: their organisations' broken links
    and the moved addresses they may update."""
    request = context["request"]
    user = request.user
    if user.is_superuser:
        return {"show": True, "is_site_admin": True, "totals": reports.totals()}
    owner_ids = user.editable_organisation_ids()
    if not owner_ids:
        return {"show": False}
    broken = list(reports.broken_usages(owner_ids)[: PANEL_LIMIT + 1])
    for usage in broken:
        usage.admin_url = record_admin_url(usage)
    suggestions = [
        usage
        for usage in reports.suggested_updates(owner_ids)[:PANEL_LIMIT]
        if may_change_record(user, usage)
    ]
    return {
        "show": True,
        "is_site_admin": False,
        "request": request,
        "broken": broken[:PANEL_LIMIT],
        "more": len(broken) > PANEL_LIMIT,
        "broken_total": reports.broken_usages(owner_ids).count()
        if len(broken) > PANEL_LIMIT
        else 0,
        "suggestions": suggestions,
        "csrf_token": context.get("csrf_token"),
    }
