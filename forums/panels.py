"""The forums' panel on an organisation's page: what its people have said lately, in public."""

from django.contrib.auth import get_user_model

from .models import Post, Thread

PANEL_LIMIT = 5


def organisation_activity(organisation, request):
    """The latest visible posts in public threads by people of the organisation
    (OrganisationPanel); None when there are none."""
    people = get_user_model().objects.filter(organisations=organisation)
    posts = list(
        Post.objects.visible()
        .filter(author__in=people, thread__in=Thread.objects.public())
        .select_related("author", "thread__category")
        .order_by("-created_at", "-pk")[:PANEL_LIMIT]
    )
    return {"posts": posts} if posts else None
