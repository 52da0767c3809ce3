from django.urls import path

from . import views

app_name = "papers"

# The fixed paths come before <slug:slug>/ (Paper.RESERVED_SLUGS keeps slugs off them).
# /review/, the annual reviews, is mapped in londonconnects/urls.py.
urlpatterns = [
    path("papers/", views.paper_list, name="paper_list"),
    path("papers/feed/", views.PaperFeed(), name="paper_feed"),
    path("papers/export.csv", views.paper_export, name="paper_export"),
    path("papers/<slug:slug>/", views.paper_detail, name="paper_detail"),
    path("papers/<slug:slug>/download/", views.paper_download, name="paper_download"),
]
