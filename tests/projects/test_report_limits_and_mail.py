"""The report-a-problem form cannot be used to flood an organisation's editors: reports are
limited per visitor and per owning organisation, a refusal is explained and keeps what was
typed, and the visitor's words reach the editors only as a marked quotation below the site's
own. The e-mail's subject is one line whatever the title holds; a failed send is retried and
the report's admin page says whether its e-mail went. The mail goes over real SMTP."""

import pytest
from django.urls import reverse

from projects.models import ProblemReport
from tests.factories import PartnerEditorFactory, SuperUserFactory
from tests.londonconnects.html import assert_sound_page, elements, text_of

from .factories import ProjectFactory

pytestmark = pytest.mark.django_db

HOSTILE_DETAILS = (
    "The end date is wrong.\n\n"
    "Update the project: https://evil.example/admin/projects/\n"
    "You are receiving this as an editor of Newham's records."
)


@pytest.fixture
def sink(sink, settings):
    """The SMTP sink of tests/conftest.py, with this test's recipients."""
    settings.SITE_MANAGERS_EMAIL = ["managers@example.org"]
    return sink


@pytest.fixture
def eager_retries():
    """Eager tasks retry in this process, at once, instead of raising to the caller."""
    from londonconnects.celery import app

    previous = app.conf.task_eager_propagates
    app.conf.task_eager_propagates = False
    yield
    app.conf.task_eager_propagates = previous


@pytest.fixture
def newham(org):
    newham = org("newham")
    PartnerEditorFactory(email="editor@newham.example.org", organisations=[newham])
    return newham


def report(client, captured, project, remote_addr="192.0.2.10", **changes):
    data = {
        "details": "The project ended in 2005.",
        "reporter_name": "Robin Reader",
        "reporter_email": "robin@example.org",
        "website": "",
        **changes,
    }
    url = reverse("projects:report_problem", args=[project.slug])
    with captured(execute=True):
        return client.post(url, data, REMOTE_ADDR=remote_addr)


def assert_refused_keeping_the_input(response, message, details):
    assert response.status_code == 429
    html = assert_sound_page(response)
    assert elements(html, "title")[0]["text"].startswith("Error:")
    summary = elements(html, "div", class_="govuk-error-summary")
    assert summary and message in summary[0]["text"]
    assert details in elements(html, "textarea", name="details")[0]["text"]
    assert elements(html, "input", name="reporter_email", value="robin@example.org")


def test_reports_are_limited_per_visitor(
    client, settings, newham, sink, django_capture_on_commit_callbacks
):
    settings.PROBLEM_REPORTS_PER_VISITOR_PER_HOUR = 2
    projects = [ProjectFactory(lead_organisation=newham) for _ in range(3)]
    for project in projects[:2]:
        assert report(client, django_capture_on_commit_callbacks, project).status_code == 302
    response = report(client, django_capture_on_commit_callbacks, projects[2],
                      details="One report too many")  # fmt: skip

    assert_refused_keeping_the_input(
        response, "You have sent several reports in the last hour", "One report too many"
    )
    assert ProblemReport.objects.count() == 2 and sink.count == 2
    elsewhere = report(client, django_capture_on_commit_callbacks, projects[2],
                       remote_addr="198.51.100.7")  # fmt: skip
    assert elsewhere.status_code == 302


def test_reports_are_limited_per_owning_organisation_whoever_sends_them(
    client, settings, org, newham, sink, django_capture_on_commit_callbacks
):
    settings.PROBLEM_REPORTS_PER_OWNER_PER_DAY = 2
    first, second = (
        ProjectFactory(lead_organisation=newham),
        ProjectFactory(lead_organisation=newham),
    )
    for n, project in enumerate((first, second)):
        response = report(client, django_capture_on_commit_callbacks, project,
                          remote_addr=f"192.0.2.{20 + n}")  # fmt: skip
        assert response.status_code == 302
    response = report(client, django_capture_on_commit_callbacks, first, remote_addr="192.0.2.30",
                      details="Another one")  # fmt: skip

    assert_refused_keeping_the_input(
        response, "Many problems have been reported today with pages kept by", "Another one"
    )
    assert len(sink.to("editor@newham.example.org")) == 2
    # Another organisation's editors are not held back.
    camden = ProjectFactory(lead_organisation=org("camden"))
    other = report(client, django_capture_on_commit_callbacks, camden, remote_addr="192.0.2.30")
    assert other.status_code == 302


def lines_with(body, needle):
    return [line for line in body.splitlines() if needle in line]


def test_the_visitors_words_are_quoted_below_the_sites_own(
    client, newham, sink, django_capture_on_commit_callbacks
):
    project = ProjectFactory(title="Newham smart cards", lead_organisation=newham)
    report(client, django_capture_on_commit_callbacks, project, details=HOSTILE_DETAILS,
           reporter_name="LondonConnects security team")  # fmt: skip

    [message] = sink.messages
    body = message.get_body(("plain",)).get_content()
    for needle in ("evil.example", "The end date is wrong", "LondonConnects security team"):
        assert lines_with(body, needle), needle
        assert all(line.startswith(">") for line in lines_with(body, needle)), needle
    own_link = f"/admin/projects/project/{project.pk}/change/"
    [own_line] = [line for line in lines_with(body, "Update the project") if line[0] != ">"]
    assert own_link in own_line
    assert body.index(own_link) < body.index("> The end date is wrong")
    assert "evil" not in message["Subject"]


def test_a_title_with_a_line_break_still_gets_its_report_sent_on_one_subject_line(
    client, newham, sink, django_capture_on_commit_callbacks
):
    project = ProjectFactory(title="Newham smart\r\ncards", lead_organisation=newham)
    response = report(client, django_capture_on_commit_callbacks, project)
    assert response.status_code == 302

    [message] = sink.messages
    # (Django folds a non-ASCII subject onto the header's next line: hence the strip.)
    assert message["Subject"].strip() == "Problem reported with the project “Newham smart cards”"
    assert ProblemReport.objects.get().email_sent_at is not None


def test_a_refused_send_is_retried(
    client, newham, sink, eager_retries, django_capture_on_commit_callbacks
):
    sink.busy = 1  # the first attempt meets "451 try again later"
    report(client, django_capture_on_commit_callbacks, ProjectFactory(lead_organisation=newham))
    assert sink.count == 1
    sent = ProblemReport.objects.get()
    assert sent.email_sent_at is not None and sent.email_error == ""


def test_the_admin_says_whether_the_e_mail_went(
    client, admin_login, newham, sink, eager_retries, django_capture_on_commit_callbacks
):
    project = ProjectFactory(title="Newham kiosks", lead_organisation=newham)
    report(client, django_capture_on_commit_callbacks, project)
    sink.refuse = {"editor@newham.example.org", "managers@example.org"}
    report(client, django_capture_on_commit_callbacks, project, remote_addr="192.0.2.99",
           details="Second report")  # fmt: skip
    went, owed = ProblemReport.objects.order_by("pk")
    assert went.email_sent_at is not None
    assert owed.email_sent_at is None and "No such mailbox" in owed.email_error

    admin_login(client, SuperUserFactory())
    listing = text_of(client.get(reverse("admin:projects_problemreport_changelist")).text)
    assert "Sent " in listing and "Not sent: " in listing
    page = client.get(reverse("admin:projects_problemreport_change", args=[owed.pk])).text
    assert "Not sent: " in text_of(page) and "No such mailbox" in text_of(page)
