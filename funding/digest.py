"""What the funding room tells the digests (registry.FundingDeadlines, registered in
FundingConfig.ready): rounds coming up to their deadline, and the kinds of applicant."""

from collections import defaultdict

from django.db.models import Q

from core import registry

from .deadlines import deadline_phrase
from .models import ApplicantKind, FundingRound, FundingSource


def closing_rounds(after, until, within):
    rounds = list(
        FundingRound.objects.filter(
            source__in=FundingSource.objects.public(),
            is_rolling=False,
            closes_at__gt=until,
            closes_at__lte=until + within,
        )
        .filter(Q(closes_at__gt=after + within) | Q(updated_at__gt=after))
        .select_related("source")
        .order_by("closes_at", "pk")
    )
    source_ids = {r.source_id for r in rounds}
    topics, kinds = defaultdict(set), defaultdict(set)
    if source_ids:
        sources = FundingSource.objects.filter(pk__in=source_ids).order_by()
        for pk, slug in sources.filter(topics__isnull=False).values_list("pk", "topics__slug"):
            topics[pk].add(slug)
        applicants = sources.filter(eligible_applicants__isnull=False).values_list(
            "pk", "eligible_applicants__slug"
        )
        for pk, slug in applicants:
            kinds[pk].add(slug)
    return [
        registry.ClosingRound(
            title=f"{r.source.name}: {r.name}" if r.name else r.source.name,
            url=r.source.get_absolute_url(),
            closes_at=r.closes_at,
            updated_at=r.updated_at,
            deadline=deadline_phrase(r.closes_at, until),
            summary=r.source.summary,
            topics=frozenset(topics[r.source_id]),
            applicant_kinds=frozenset(kinds[r.source_id]),
        )
        for r in rounds
    ]


def applicant_kinds():
    return ApplicantKind.objects.all()


FUNDING_DEADLINES = registry.FundingDeadlines(
    closing=closing_rounds, applicant_kinds=applicant_kinds
)
