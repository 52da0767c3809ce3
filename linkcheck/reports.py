"""Link health in figures: by owner organisation, and the broken links owners should fix."""

from dataclasses import dataclass

from django.db.models import Count

from .models import Link, LinkUsage
from .outcomes import Outcome


def percentage(count, total) -> str:
    """A whole percentage, but never "0%" for something that is there."""
    if not total or not count:
        return "0%"
    share = round(100 * count / total)
    return "<1%" if share == 0 else f"{share}%"


@dataclass
class OwnerHealth:
    owner_id: int
    name: str
    short_name: str
    slug: str
    counts: dict

    @property
    def total(self):
        return sum(self.counts.values())

    def count(self, outcome):
        return self.counts.get(outcome, 0)

    def share(self, outcome):
        """This owner's share of links with `outcome`, as shown: "34%", "<1%", "0%"."""
        return percentage(self.count(outcome), self.total)

    @property
    def working(self):
        return self.count(Outcome.WORKING)

    @property
    def broken(self):
        return self.count(Outcome.BROKEN)

    @property
    def unverified(self):
        return self.count(Outcome.UNVERIFIED)

    @property
    def unchecked(self):
        return self.count(Outcome.UNCHECKED)

    @property
    def working_share(self):
        return self.share(Outcome.WORKING)

    @property
    def broken_share(self):
        return self.share(Outcome.BROKEN)

    @property
    def unverified_share(self):
        return self.share(Outcome.UNVERIFIED)

    @property
    def unchecked_share(self):
        return self.share(Outcome.UNCHECKED)


def health_by_owner() -> list[OwnerHealth]:
    """Each owning organisation's distinct links by outcome, in one query, A to Z."""
    rows = (
        LinkUsage.objects.filter(owner__isnull=False)
        .values("owner_id", "owner__name", "owner__short_name", "owner__slug", "link__outcome")
        .annotate(links=Count("link_id", distinct=True))
        .order_by()
    )
    owners: dict[int, OwnerHealth] = {}
    for row in rows:
        owner = owners.setdefault(
            row["owner_id"],
            OwnerHealth(
                row["owner_id"],
                row["owner__name"],
                row["owner__short_name"] or row["owner__name"],
                row["owner__slug"],
                {},
            ),
        )
        owner.counts[row["link__outcome"]] = row["links"]
    return sorted(owners.values(), key=lambda o: o.short_name.casefold())


def totals() -> dict[str, int]:
    """Every stored link by outcome."""
    counts = dict(Link.objects.values_list("outcome").annotate(n=Count("pk")).order_by())
    return {outcome: counts.get(outcome, 0) for outcome in Outcome.values}


def broken_usages(owner_ids=None):
    """Where each broken link is shown, with its owner, for reports and admin panels."""
    usages = (
        LinkUsage.objects.filter(link__outcome=Outcome.BROKEN)
        .select_related("link", "owner", "content_type")
        .order_by("owner__short_name", "owner__name", "link__url", "pk")
    )
    if owner_ids is not None:
        usages = usages.filter(owner_id__in=owner_ids)
    return usages


def suggested_updates(owner_ids=None):
    """Links that permanently redirect: the owners may want the new address."""
    usages = (
        LinkUsage.objects.filter(link__outcome=Outcome.WORKING)
        .exclude(link__suggested_url="")
        .select_related("link", "owner", "content_type")
        .order_by("owner__short_name", "link__url", "pk")
    )
    if owner_ids is not None:
        usages = usages.filter(owner_id__in=owner_ids)
    return usages
