from django.urls import path

from . import views

app_name = "projects"

# The fixed paths come before <slug:slug>/ (Project.RESERVED_SLUGS keeps slugs off them).
urlpatterns = [
    path("projects/", views.project_list, name="project_list"),
    path("projects/feed/", views.ProjectFeed(), name="project_feed"),
    path("projects/export.csv", views.project_export, name="project_export"),
    path("projects/<slug:slug>/", views.project_detail, name="project_detail"),
    path("projects/<slug:slug>/report/", views.report_problem, name="report_problem"),
    path(
        "projects/<slug:slug>/report/sent/",
        views.report_problem_sent,
        name="report_problem_sent",
    ),
]
