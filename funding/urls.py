from django.urls import path

from . import views

app_name = "funding"

# The fixed paths come before <slug:slug>/ (FundingSource.RESERVED_SLUGS keeps slugs off them).
urlpatterns = [
    path("funding/", views.source_list, name="source_list"),
    path("funding/feed/", views.FundingFeed(), name="source_feed"),
    path("funding/deadlines.ics", views.deadlines_calendar, name="deadlines_calendar"),
    path("funding/export.csv", views.source_export, name="source_export"),
    path("funding/<slug:slug>/", views.source_detail, name="source_detail"),
]
