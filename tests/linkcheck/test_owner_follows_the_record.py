"""A record's links belong to whoever owns the record now: when a project changes lead, its
related links move to the new lead as soon as the change is saved, not at the nightly
sync, so their broken links go in front of the right editors."""

import pytest
from django.urls import reverse
from django.utils import timezone

from linkcheck.models import Link, LinkUsage
from linkcheck.outcomes import Outcome
from tests.factories import OrganisationFactory, PartnerEditorFactory, SuperUserFactory
from tests.projects.factories import ProjectFactory, RelatedLinkFactory
from tests.projects.test_admin import form_data

pytestmark = pytest.mark.django_db

REPORT_URL = "https://report.example.org/final.pdf"


@pytest.fixture
def project():
    camden = OrganisationFactory(name="Camden Test")
    project = ProjectFactory(
        title="Shared kiosks", lead_organisation=camden, website="https://kiosks.example.org/"
    )
    RelatedLinkFactory(project=project, title="Final report", url=REPORT_URL)
    Link.objects.filter(url=REPORT_URL).update(
        outcome=Outcome.BROKEN, status_code=404, first_failed_at=timezone.now()
    )
    return project


def test_a_new_lead_takes_over_the_projects_related_links_when_the_change_is_saved(
    client, admin_login, project, django_capture_on_commit_callbacks
):
    newham = OrganisationFactory(name="Newham Test")
    admin_login(client, SuperUserFactory())

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("admin:projects_project_change", args=[project.pk]),
            form_data(project, lead_organisation=newham.pk),
        )

    assert response.status_code == 302
    owners = {usage.field_name: usage.owner for usage in LinkUsage.objects.all()}
    assert owners == {"website": newham, "url": newham}


def test_the_new_leads_editor_sees_the_broken_related_link_at_once(
    client, admin_login, project, django_capture_on_commit_callbacks
):
    newham = OrganisationFactory(name="Newham Test")
    with django_capture_on_commit_callbacks(execute=True):
        project.lead_organisation = newham
        project.save()
    admin_login(client, PartnerEditorFactory(organisations=[newham]))

    html = client.get(reverse("admin:linkcheck_link_broken_by_owner")).content.decode()

    assert REPORT_URL in html


def test_the_links_stay_put_until_the_change_is_committed(
    project, django_capture_on_commit_callbacks
):
    camden = project.lead_organisation
    with django_capture_on_commit_callbacks(execute=False):
        project.lead_organisation = OrganisationFactory(name="Newham Test")
        project.save()

    assert LinkUsage.objects.get(field_name="url").owner == camden
