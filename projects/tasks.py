from celery import shared_task
from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from accounts.models import Role, User
from core.mail import quoted, single_line

from .models import ProblemReport


def owner_editor_emails(organisation_id) -> list[str]:
    """The active partner editors of an organisation, with the role and staff status as
    they stand now: the people who can fix its records."""
    return list(
        User.objects.filter(
            is_active=True,
            is_staff=True,
            organisations=organisation_id,
            groups__name=Role.PARTNER_EDITOR.value,
        )
        .order_by("email")
        .values_list("email", flat=True)
        .distinct()
    )


@shared_task(autoretry_for=(Exception,), retry_backoff=True, max_retries=6)
def send_problem_report(report_pk):
    """Tell the project's owner (its organisation's editors) and the site managers, once.

    Every failure is kept on the report, which the admin shows as owed, and tried again."""
    report = (
        ProblemReport.objects.select_related("project", "project__lead_organisation")
        .filter(pk=report_pk)
        .first()
    )
    if report is None or report.email_sent_at is not None:
        return 0
    try:
        sent = _problem_report_message(report).send()
    except Exception as error:
        ProblemReport.objects.filter(pk=report.pk).update(
            email_error=f"{type(error).__name__}: {error}"[:300]
        )
        raise
    ProblemReport.objects.filter(pk=report.pk).update(email_sent_at=timezone.now(), email_error="")
    return sent


def _problem_report_message(report):
    project = report.project
    editors = owner_editor_emails(project.lead_organisation_id)
    said = report.details
    if report.reporter_name or report.reporter_email:
        said += "\n\nName: {}\nE-mail address: {}".format(
            single_line(report.reporter_name) or "(not given)",
            report.reporter_email or "(not given)",
        )
    context = {
        "report": report,
        "project": project,
        "editors": editors,
        "quoted_report": quoted(said),
        "page_url": settings.SITE_URL + project.get_absolute_url(),
        "admin_url": settings.SITE_URL
        + reverse("admin:projects_project_change", args=[project.pk]),
        "report_url": settings.SITE_URL
        + reverse("admin:projects_problemreport_change", args=[report.pk]),
    }
    return EmailMessage(
        subject=single_line(f"Problem reported with the project “{project.title}”"),
        body=render_to_string("projects/email/problem_report.txt", context),
        to=editors + list(settings.SITE_MANAGERS_EMAIL),
        reply_to=[report.reporter_email] if report.reporter_email else None,
    )
