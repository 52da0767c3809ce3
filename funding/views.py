"""Funding's public pages: the filtered list, its feed, deadline calendar and CSV export, and
one funding source's page with its deadlines in plain words."""

from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.functional import cached_property

from contacts.models import Contact, Visibility
from contacts.visibility import ContactEntry
from core.calendars import CalendarEntry, calendar_response, uid
from core.feeds import FilteredAtomFeed
from core.listing import FilteredCSVExportView, FilterSetMixin, OpenDataListView

from .deadlines import date_and_time
from .filters import FundingFilter
from .models import FundingRound, FundingSource

PANEL_LIMIT = 10


class FilteredSources(FilterSetMixin):
    """The public funding sources through the list's filters: the list and its export show the
    same. The filters and each source's next round are reckoned from one moment, `now`."""

    filterset_class = FundingFilter

    @cached_property
    def now(self):
        return timezone.now()

    def get_queryset(self):
        return FundingSource.objects.public()

    def get_filterset_kwargs(self):
        return {"now": self.now}

    def get_filtered_queryset(self):
        return super().get_filtered_queryset().for_listing()


class SourceList(FilteredSources, OpenDataListView):
    template_name = "funding/source_list.html"
    context_object_name = "entries"

    def page_entries(self, sources):
        return [{"source": source, "round": source.next_round(self.now)} for source in sources]

    def get_context_data(self, **kwargs):
        return super().get_context_data(now=self.now, **kwargs)


source_list = SourceList.as_view()


def source_detail(request, slug):
    now = timezone.now()
    source = get_object_or_404(
        FundingSource.objects.visible_to(request.user)
        .select_related("owner", "funder")
        .prefetch_related(
            "topics",
            "eligible_applicants",
            "rounds",
            Prefetch(
                "contact",
                queryset=Contact.objects.public().select_related("organisation"),
            ),
        ),
        slug=slug,
    )
    contact = source.contact
    return render(
        request,
        "funding/source_detail.html",
        {
            "source": source,
            "now": now,
            "next_round": source.next_round(now),
            "current_rounds": source.current_rounds(now),
            "past_rounds": source.past_rounds(now),
            "contact": ContactEntry.of(contact, Visibility.PUBLIC) if contact else None,
        },
    )


def deadlines_calendar(request):
    """Every deadline still to come of the (filtered) list's sources, as iCalendar."""
    now = timezone.now()
    filterset = FundingFilter(request.GET, queryset=FundingSource.objects.public(), now=now)
    rounds = (
        FundingRound.objects.with_deadlines(now)
        .filter(source__in=filterset.qs.values("pk"))
        .select_related("source", "source__funder")
        .order_by("closes_at", "pk")
    )
    entries = [_deadline_entry(request, funding_round) for funding_round in rounds]
    return calendar_response(
        "londonconnects-funding-deadlines.ics",
        "LondonConnects funding deadlines",
        entries,
        description="Closing dates of funding rounds listed on LondonConnects",
    )


def _deadline_entry(request, funding_round):
    source = funding_round.source
    url = request.build_absolute_uri(source.get_absolute_url())
    lines = [
        f"{source.name} ({funding_round.label}) closes {date_and_time(funding_round.closes_at)}.",
        f"Funder: {source.funder_display}.",
    ]
    if source.application_url:
        lines.append(f"How to apply: {source.application_url}")
    lines.append(f"Details: {url}")
    return CalendarEntry(
        uid=uid("funding-round", funding_round.pk),
        summary=f"Funding deadline: {source.name} ({funding_round.label})",
        start=funding_round.closes_at,
        stamp=max(funding_round.updated_at, source.updated_at),
        description="\n".join(lines),
        url=url,
        categories=("Funding deadline",),
    )


class SourceExport(FilteredSources, FilteredCSVExportView):
    filename_stem = "funding"
    header = (
        "Name",
        "Funder",
        "Scope",
        "Kind",
        "Who may apply",
        "Smallest award (GBP)",
        "Largest award (GBP)",
        "Total available (GBP)",
        "Match funding required (%)",
        "Next round",
        "Opens on",
        "Closes at",
        "Rolling",
        "Decision expected on",
        "How to apply",
        "Guidance",
        "Topics",
        "Kept by",
        "Last reviewed",
        "Page on LondonConnects",
    )

    def export_row(self, source):
        funding_round = source.next_round(self.now)
        return (
            source.name,
            source.funder_display,
            source.get_scope_display(),
            source.get_kind_display(),
            [kind.name for kind in source.eligible_applicants.all()],
            source.min_amount,
            source.max_amount,
            source.total_pot,
            source.match_funding_percent,
            funding_round.label if funding_round else "",
            funding_round.opens_on if funding_round else None,
            timezone.localtime(funding_round.closes_at)
            if funding_round and funding_round.closes_at
            else None,
            funding_round.is_rolling if funding_round else None,
            funding_round.decision_on if funding_round else None,
            source.application_url,
            source.guidance_url,
            sorted(topic.name for topic in source.topics.all()),
            source.owner.name,
            source.last_reviewed_on,
            self.request.build_absolute_uri(source.get_absolute_url()),
        )


source_export = SourceExport.as_view()


class FundingFeed(FilteredAtomFeed):
    filterset_class = FundingFilter
    list_url_name = "funding:source_list"
    feed_title = "LondonConnects funding"
    feed_subtitle = "New and updated sources of e-funding for London's public services"

    def get_queryset(self):
        return FundingSource.objects.public().for_listing()

    def item_title(self, source):
        return source.name

    def item_description(self, source):
        funding_round = source.next_round()
        deadline = f" Next round: {funding_round.deadline_in_words()}." if funding_round else ""
        return f"{source.get_scope_display()} {source.get_kind_display().lower()} from " + (
            f"{source.funder_display}.{deadline}"
        )

    def item_author_name(self, source):
        return source.owner.name

    def item_categories(self, source):
        return [source.get_scope_display(), source.get_kind_display()] + sorted(
            topic.name for topic in source.topics.all()
        )


def organisation_panel_context(organisation, request):
    """Funding an organisation offers or keeps, open rounds first (OrganisationPanel)."""
    public = FundingSource.objects.public()
    offered = public.filter(funder=organisation)
    kept = public.filter(owner=organisation).exclude(funder=organisation)
    offered_count, kept_count = offered.count(), kept.count()
    if not (offered_count or kept_count):
        return None
    now = timezone.now()
    return {
        "offered": list(offered.by_next_deadline(now)[:PANEL_LIMIT]),
        "offered_count": offered_count,
        "kept": list(kept.by_next_deadline(now)[:PANEL_LIMIT]),
        "kept_count": kept_count,
    }
