"""The project register's links: the project website and its related links are registered
with their lead organisation as owner, and a broken one carries the quiet note."""

import pytest
from django.utils import timezone

from linkcheck import registry
from linkcheck.models import Link
from linkcheck.outcomes import Outcome
from projects.models import Project, RelatedLink
from tests.factories import OrganisationFactory
from tests.projects.factories import ProjectFactory, RelatedLinkFactory

pytestmark = pytest.mark.django_db

NOTE = "this link may be broken"


def test_project_websites_and_related_links_are_registered_with_the_lead_as_owner():
    lead = OrganisationFactory()
    project = ProjectFactory(lead_organisation=lead, website="https://project.example.org/")
    related = RelatedLinkFactory(project=project, url="https://report.example.org/final.pdf")
    for url in (project.website, related.url):
        assert Link.objects.get(url=url).usages.get().owner == lead
    related.delete()
    assert not Link.objects.filter(url="https://report.example.org/final.pdf").exists()
    assert {(f.model, f.field_name) for f in registry.url_fields()} >= {
        (Project, "website"),
        (RelatedLink, "url"),
    }


def test_a_project_page_notes_each_broken_link(client):
    project = ProjectFactory(website="https://project.example.org/")
    broken = RelatedLinkFactory(
        project=project, title="Dead report", url="https://dead.example.org/"
    )
    RelatedLinkFactory(project=project, title="Live report", url="https://live.example.org/")
    Link.objects.filter(url__in=[project.website, broken.url]).update(
        outcome=Outcome.BROKEN, first_failed_at=timezone.now()
    )
    Link.objects.filter(url="https://live.example.org/").update(outcome=Outcome.WORKING)
    html = client.get(project.get_absolute_url()).content.decode()
    assert html.count(NOTE) == 2
    dead = html.index("Dead report")
    assert html.index(NOTE, dead) < html.index("Live report")
