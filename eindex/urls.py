from django.urls import path

from . import views

app_name = "eindex"

urlpatterns = [
    path("e-index/", views.index, name="index"),
    # Before e-index/<slug>/, which would otherwise take these for category slugs
    # (Category.RESERVED_SLUGS keeps them free).
    path("e-index/suggest/", views.suggest, name="suggest"),
    path("e-index/suggest/done/", views.suggest_done, name="suggest_done"),
    path("e-index/link-health/", views.link_health, name="link_health"),
    path("e-index/feed/", views.EntryFeed(), name="feed"),
    path("e-index/export.csv", views.entry_export, name="export"),
    path("e-index/<slug:slug>/", views.category, name="category"),
]
