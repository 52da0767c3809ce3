from .models import Entry

PANEL_LIMIT = 10


def organisation_entries(organisation, request):
    """The e-index links an organisation keeps, for its page; None when it keeps none."""
    entries = list(
        Entry.objects.filter(owner=organisation)
        .select_related("primary_category")
        .order_by("title", "pk")[: PANEL_LIMIT + 1]
    )
    if not entries:
        return None
    return {"entries": entries[:PANEL_LIMIT], "more": len(entries) > PANEL_LIMIT}
