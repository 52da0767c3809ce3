from django.conf import settings
from django.contrib import admin
from django.urls import include, path

from accounts import browser_policies
from papers import views as papers_views

from . import sitemaps, topics, views

urlpatterns = [
    path("", views.home, name="home"),
    path("about/", views.StaticPage.as_view(template_name="pages/about.html"), name="about"),
    path(
        "accessibility/",
        views.StaticPage.as_view(template_name="pages/accessibility.html"),
        name="accessibility",
    ),
    path("privacy/", views.StaticPage.as_view(template_name="pages/privacy.html"), name="privacy"),
    path("feeds/", views.feeds, name="feeds"),
    path("search/", views.search, name="search"),
    path("topics/", topics.topic_list, name="topic_list"),
    path("topics/<slug:slug>/", topics.topic_hub, name="topic"),
    path("healthz", views.healthz, name="healthz"),
    path("robots.txt", views.robots_txt, name="robots_txt"),
    path("csp-report/", browser_policies.csp_report, name="csp_report"),
    path("api/", include("londonconnects.api")),
    path("sitemap.xml", sitemaps.index, name="sitemap"),
    path("sitemap-<slug:section>.xml", sitemaps.section, name="sitemap_section"),
    path("", include("digests.urls")),
    path("accounts/", include("accounts.urls")),
    path("accounts/", include("allauth.urls")),
    path("admin/", admin.site.urls),
    path("", include("projects.urls")),
    path("forums/", include("forums.urls")),
    path("", include("eindex.urls")),
    path("", include("funding.urls")),
    path("", include("papers.urls")),
    path("review/", papers_views.annual_review_list, name="annual_reviews"),
    path("", include("events.urls")),
    path("", include("contacts.urls")),
]

handler500 = views.server_error

if settings.DEBUG:
    from django.views.defaults import page_not_found, permission_denied

    urlpatterns += [
        path("404/", page_not_found, {"exception": Exception("Not found")}),
        path("403/", permission_denied, {"exception": Exception("Forbidden")}),
        path("403-csrf/", views.csrf_failure),
        path("500/", views.server_error),
    ]
