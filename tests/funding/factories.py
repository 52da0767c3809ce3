"""Builders for funding records (factory-boy)."""

import datetime

import factory
from django.utils import timezone

from funding.applicants import ensure_applicant_kinds
from funding.models import ApplicantKind, FundingKind, FundingRound, FundingScope, FundingSource
from tests.factories import LocalAuthorityFactory


def applicant_kind(slug):
    """One of the kinds the data migration loads; loaded again after a flush."""
    ensure_applicant_kinds(ApplicantKind)
    return ApplicantKind.objects.get(slug=slug)


def london(year, month, day, hour=12, minute=0):
    """An aware datetime at this London wall-clock time."""
    return timezone.make_aware(datetime.datetime(year, month, day, hour, minute))


class FundingSourceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FundingSource
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Test fund {n}")
    slug = factory.Sequence(lambda n: f"test-fund-{n}")
    owner = factory.SubFactory(LocalAuthorityFactory)
    funder_name = "Fictional Funding Agency"
    scope = FundingScope.UK_NATIONAL
    kind = FundingKind.GRANT
    summary = "A fictional fund for tests."
    last_reviewed_on = factory.LazyFunction(timezone.localdate)

    @factory.post_generation
    def applicants(self, create, extracted, **kwargs):
        if create and extracted:
            self.eligible_applicants.add(*(applicant_kind(slug) for slug in extracted))

    @factory.post_generation
    def topics(self, create, extracted, **kwargs):
        if create and extracted:
            self.topics.add(*extracted)


class FundingRoundFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FundingRound

    source = factory.SubFactory(FundingSourceFactory)
    name = factory.Sequence(lambda n: f"Round {n}")
    opens_on = None
    closes_at = factory.LazyFunction(lambda: timezone.now() + datetime.timedelta(days=10))
