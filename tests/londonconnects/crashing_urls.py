"""The site's URLs plus one view that fails, to see the 500 page as a visitor would."""

from django.urls import path

from londonconnects.urls import handler500
from londonconnects.urls import urlpatterns as site_urlpatterns

__all__ = ["handler500", "urlpatterns"]


def crash(request):
    raise RuntimeError("A fault raised on purpose by the error page tests.")


urlpatterns = [*site_urlpatterns, path("crash/", crash)]
