from django.urls import path

from . import views

app_name = "digests"

urlpatterns = [
    path("accounts/subscriptions/", views.subscriptions, name="subscriptions"),
    path("accounts/subscriptions/searches/new/", views.new_search, name="new_search"),
    path("accounts/subscriptions/searches/<int:pk>/", views.saved_search, name="saved_search"),
    path(
        "accounts/subscriptions/searches/<int:pk>/delete/",
        views.delete_saved_search,
        name="delete_saved_search",
    ),
    path("digests/unsubscribe/<str:token>/", views.unsubscribe, name="unsubscribe"),
]
