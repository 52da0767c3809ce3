from django.urls import path

from . import views

app_name = "contacts"

urlpatterns = [
    path("organisations/", views.organisation_list, name="organisation_list"),
    path("organisations/export.csv", views.organisation_export, name="organisation_export"),
    path("organisations/<slug:slug>/", views.organisation_detail, name="organisation_detail"),
    path("contacts/", views.contact_list, name="contact_list"),
    # Before contacts/<slug>/, which would otherwise take "request" for a slug.
    path("contacts/request/", views.correction_request, name="correction_request"),
    path(
        "contacts/request/done/",
        views.correction_request_done,
        name="correction_request_done",
    ),
    path("contacts/<slug:slug>/", views.contact_detail, name="contact_detail"),
    path("groups/", views.group_list, name="group_list"),
    path("groups/<slug:slug>/", views.group_detail, name="group_detail"),
]
