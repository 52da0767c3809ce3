import smtplib

from celery import shared_task
from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse

from accounts.models import Role, User

from .models import ProblemReport


def owner_editor_emails(organisation_id) -> list[str]:
    """The active partner editors of an organisation: the people who can fix its records."""
    return list(
        User.objects.filter(
            is_active=True,
            organisations=organisation_id,
            groups__name=Role.PARTNER_EDITOR.value,
        )
        .order_by("email")
        .values_list("email", flat=True)
        .distinct()
    )


@shared_task(autoretry_for=(smtplib.SMTPException, OSError), retry_backoff=True, max_retries=6)
def send_problem_report(report_pk):
    """Tell the project's owner (its organisation's editors) and the site managers."""
    report = (
        ProblemReport.objects.select_related("project", "project__lead_organisation")
        .filter(pk=report_pk)
        .first()
    )
    if report is None:
        return 0
    project = report.project
    editors = owner_editor_emails(project.lead_organisation_id)
    context = {
        "report": report,
        "project": project,
        "editors": editors,
        "page_url": settings.SITE_URL + project.get_absolute_url(),
        "admin_url": settings.SITE_URL
        + reverse("admin:projects_project_change", args=[project.pk]),
        "report_url": settings.SITE_URL
        + reverse("admin:projects_problemreport_change", args=[report.pk]),
    }
    message = EmailMessage(
        subject=f"Problem reported with the project “{project.title}”",
        body=render_to_string("projects/email/problem_report.txt", context),
        to=editors + list(settings.SITE_MANAGERS_EMAIL),
        reply_to=[report.reporter_email] if report.reporter_email else None,
    )
    return message.send()
