from django.conf import settings
from django.urls import reverse

from core import registry


def site(request):
    """The main navigation, built from the sections the apps have registered."""
    path = request.path
    navigation = []
    for section in registry.sections():
        if not section.in_navigation:
            continue
        href = reverse(section.url_name)
        navigation.append(
            {
                "label": section.label,
                "href": href,
                "active": path == href or (href != "/" and path.startswith(href)),
            }
        )
    return {
        "site_name": "LondonConnects",
        "site_url": settings.SITE_URL,
        "main_navigation": navigation,
    }
