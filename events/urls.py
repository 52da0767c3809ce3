from django.urls import path

from . import views

app_name = "events"

# The fixed paths come before <slug:slug>/ (Event.RESERVED_SLUGS keeps slugs off them).
urlpatterns = [
    path("events/", views.event_list, name="event_list"),
    path("events/feed/", views.EventFeed(), name="event_feed"),
    path("events/calendar.ics", views.events_calendar, name="events_calendar"),
    path("events/export.csv", views.event_export, name="event_export"),
    path("events/conference/", views.conference, name="conference"),
    path("events/<slug:slug>/", views.event_detail, name="event_detail"),
    path("events/<slug:slug>/event.ics", views.event_calendar, name="event_calendar"),
]
