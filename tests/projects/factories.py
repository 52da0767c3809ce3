"""Builders for project records (factory-boy)."""

import datetime

import factory
from django.utils import timezone

from projects.models import LinkKind, Programme, Project, ProjectStatus, RelatedLink
from projects.programmes import ensure_programmes
from tests.factories import LocalAuthorityFactory


def programme(slug):
    """One of the programmes the data migration loads (pathfinder, invest-to-save ...);
    loaded again if a transactional test has flushed them away."""
    ensure_programmes(Programme)
    return Programme.objects.get(slug=slug)


class ProjectFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Project
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Test project {n}")
    slug = factory.Sequence(lambda n: f"test-project-{n}")
    summary = "A fictional project for tests."
    description = "What the project does."
    status = ProjectStatus.ACTIVE
    start_date = datetime.date(2004, 4, 1)
    lead_organisation = factory.SubFactory(LocalAuthorityFactory)
    programme = factory.LazyFunction(lambda: programme("local"))
    last_reviewed_on = factory.LazyFunction(timezone.localdate)

    @factory.post_generation
    def partners(self, create, extracted, **kwargs):
        if create and extracted:
            self.partners.add(*extracted)

    @factory.post_generation
    def areas(self, create, extracted, **kwargs):
        if create and extracted:
            self.areas.add(*extracted)

    @factory.post_generation
    def topics(self, create, extracted, **kwargs):
        if create and extracted:
            self.topics.add(*extracted)

    @factory.post_generation
    def contacts(self, create, extracted, **kwargs):
        if create and extracted:
            self.contacts.add(*extracted)


class RelatedLinkFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RelatedLink

    project = factory.SubFactory(ProjectFactory)
    title = factory.Sequence(lambda n: f"Related report {n}")
    url = factory.Sequence(lambda n: f"https://www.example.org/report-{n}")
    kind = LinkKind.REPORT
