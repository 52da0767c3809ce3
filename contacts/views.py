"""The directory's public pages. Every page that shows a person goes through
`Contact.objects.visible_to(user)` and hands templates `ContactEntry` objects only."""

from itertools import groupby

from django.core.exceptions import NON_FIELD_ERRORS
from django.db import transaction
from django.db.models import Count, Prefetch
from django.db.models.functions import Lower
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from core import registry
from core.listing import FilteredCSVExportView, FilteredListView, query_suffix

from .audiences import Visibility
from .filters import ContactFilter, OrganisationFilter
from .forms import RATE_LIMITED, CorrectionRequestForm
from .models import (
    Contact,
    CorrectionRequest,
    Group,
    GroupKind,
    Organisation,
    OrganisationKind,
    SubRegion,
)
from .tasks import send_correction_request_emails
from .visibility import ContactEntry, audience_for

EXPORT_CHUNK = 500
REQUEST_SESSION_KEY = "contacts:correction_request"
GROUP_HEADINGS = {
    GroupKind.SUB_REGIONAL: "Sub-regional partnerships",
    GroupKind.CROSS_SECTOR: "Cross-sector groups",
    GroupKind.SHAREWARE_CLUB: "Shareware clubs",
}


def _entries(contacts, audience):
    return [ContactEntry.of(contact, audience) for contact in contacts]


def _visible_contacts(user):
    return (
        Contact.objects.visible_to(user)
        .select_related("organisation")
        .prefetch_related("role_areas")
        .order_by("name", "pk")
    )


def _initial(organisation):
    letter = organisation.short_name[:1].upper()
    return letter if letter.isalpha() else "#"


def organisation_list(request):
    tallies = (
        Organisation.objects.active()
        .values("kind", "sub_region")
        .annotate(total=Count("pk"))
        .order_by()
    )
    kind_counts, sub_region_counts = {}, {}
    for row in tallies:
        kind_counts[row["kind"]] = kind_counts.get(row["kind"], 0) + row["total"]
        if row["sub_region"]:
            sub_region = row["sub_region"]
            sub_region_counts[sub_region] = sub_region_counts.get(sub_region, 0) + row["total"]
    filterset = OrganisationFilter(
        request.GET or None,
        queryset=Organisation.objects.select_related("successor"),
        kind_counts=kind_counts,
        sub_region_counts=sub_region_counts,
    )
    # Sorted here, not by the database, whose collation may put "e-Government Unit" after "Z".
    organisations = sorted(filterset.qs, key=lambda o: o.short_name.casefold())
    active = [o for o in organisations if not o.is_closed]
    closed = [o for o in organisations if o.is_closed]

    chosen = filterset.form.cleaned_data if filterset.is_bound and filterset.is_valid() else {}
    by_sub_region = chosen.get("kind") == OrganisationKind.LOCAL_AUTHORITY or bool(
        chosen.get("sub_region")
    )
    if by_sub_region:
        groups = [
            {
                "id": f"sub-region-{sub_region.value}",
                "heading": sub_region.label,
                "organisations": members,
            }
            for sub_region in SubRegion
            if (members := [o for o in active if o.sub_region == sub_region])
        ]
    else:
        groups = [
            {"id": f"letter-{letter}", "heading": letter, "organisations": list(members)}
            for letter, members in groupby(active, key=_initial)
        ]
    return render(
        request,
        "contacts/organisation_list.html",
        {
            "filter": filterset,
            "groups": groups,
            "by_sub_region": by_sub_region,
            "active_count": len(active),
            "closed": closed,
            "export_query": query_suffix(request.GET.urlencode()),
        },
    )


class OrganisationExport(FilteredCSVExportView):
    """The (filtered) organisations as CSV, one row each, A to Z by the name people use,
    streamed; closed bodies too, with who took over their work."""

    filterset_class = OrganisationFilter
    bind_empty_query = False
    filename_stem = "organisations"
    header = (
        "Name",
        "Short name",
        "Kind",
        "Sub-region",
        "Status",
        "Closed",
        "Work taken over by",
        "Part of",
        "Website",
        "Summary",
        "Address",
        "Topics",
        "Last updated",
        "Page on LondonConnects",
    )

    def get_queryset(self):
        return Organisation.objects.select_related("parent", "successor").prefetch_related("topics")

    def get_filtered_queryset(self):
        return super().get_filtered_queryset().order_by(Lower("short_name"), "pk")

    def get_chunk_size(self):
        # Read at each export, not once: tests make the chunks small.
        return EXPORT_CHUNK

    def export_row(self, organisation):
        return (
            organisation.name,
            organisation.short_name,
            organisation.get_kind_display(),
            organisation.get_sub_region_display(),
            organisation.get_status_display(),
            organisation.closed_on_display,
            organisation.successor.name if organisation.successor else "",
            organisation.parent.name if organisation.parent else "",
            organisation.website,
            organisation.summary,
            ", ".join(line.strip() for line in organisation.address.splitlines() if line.strip()),
            sorted(topic.name for topic in organisation.topics.all()),
            timezone.localtime(organisation.updated_at),
            self.request.build_absolute_uri(organisation.get_absolute_url()),
        )


organisation_export = OrganisationExport.as_view()


def organisation_detail(request, slug):
    organisation = get_object_or_404(
        Organisation.objects.select_related(
            "parent", "successor", "successor__successor"
        ).prefetch_related(
            Prefetch("children", queryset=Organisation.objects.order_by("short_name")),
            Prefetch("predecessors", queryset=Organisation.objects.order_by("closed_on")),
            "topics",
        ),
        slug=slug,
    )
    audience = audience_for(request.user)
    people = _entries(_visible_contacts(request.user).filter(organisation=organisation), audience)
    panels = []
    for panel in registry.organisation_panels():
        context = panel.context(organisation, request)
        if context is not None:
            context = {"organisation": organisation, **context}
            panels.append(render_to_string(panel.template_name, context, request=request))
    # When a successor has itself been succeeded, say who does the work today.
    current_body = organisation.current_body()
    if current_body in (organisation, organisation.successor):
        current_body = None
    return render(
        request,
        "contacts/organisation_detail.html",
        {
            "organisation": organisation,
            "current_body": current_body,
            "people": people,
            "convened_groups": organisation.convened_groups.active().order_by("name"),
            "member_groups": organisation.member_groups.active().order_by("name"),
            "panels": panels,
        },
    )


class ContactList(FilteredListView):
    filterset_class = ContactFilter
    bind_empty_query = False
    paginate_by = 50
    template_name = "contacts/contact_list.html"
    context_object_name = "entries"

    def get_queryset(self):
        return _visible_contacts(self.request.user)

    def page_entries(self, contacts):
        return _entries(contacts, audience_for(self.request.user))


contact_list = ContactList.as_view()


def contact_detail(request, slug):
    contact = get_object_or_404(
        Contact.objects.visible_to(request.user)
        .select_related("organisation")
        .prefetch_related("role_areas", "topics"),
        slug=slug,
    )
    audience = audience_for(request.user)
    return render(
        request,
        "contacts/contact_detail.html",
        {
            "entry": ContactEntry.of(contact, audience),
            "topics": list(contact.topics.all()),
            # The record-keeping facts are for the site's staff, who review entries.
            "record": contact if audience == Visibility.STAFF else None,
        },
    )


def group_list(request):
    groups = (
        Group.objects.active()
        .select_related("convenor")
        .annotate(member_count=Count("members"))
        .order_by("name")
    )
    by_kind = {kind: [] for kind in GroupKind}
    for group in groups:
        by_kind[GroupKind(group.kind)].append(group)
    sections = [
        {"heading": GROUP_HEADINGS[kind], "id": f"kind-{kind.value}", "groups": members}
        for kind, members in by_kind.items()
        if members
    ]
    return render(
        request,
        "contacts/group_list.html",
        {"sections": sections, "total": sum(len(s["groups"]) for s in sections)},
    )


def group_detail(request, slug):
    group = get_object_or_404(
        Group.objects.select_related("convenor").prefetch_related(
            Prefetch("members", queryset=Organisation.objects.order_by("short_name")), "topics"
        ),
        slug=slug,
    )
    convenor_contact = None
    if group.convenor_contact_id:
        contact = _visible_contacts(request.user).filter(pk=group.convenor_contact_id).first()
        if contact is not None:
            convenor_contact = ContactEntry.of(contact, audience_for(request.user))
    panels = []
    for panel in registry.group_panels():
        context = panel.context(group, request)
        if context is not None:
            panels.append(
                render_to_string(panel.template_name, {"group": group, **context}, request)
            )
    return render(
        request,
        "contacts/group_detail.html",
        {"group": group, "convenor_contact": convenor_contact, "panels": panels},
    )


@require_http_methods(["GET", "POST"])
def correction_request(request):
    if request.method == "POST":
        form = CorrectionRequestForm(request.user, data=request.POST)
        if form.is_valid() and form.within_sending_limits(request):
            with transaction.atomic():
                saved = form.save()
                transaction.on_commit(lambda: send_correction_request_emails.delay(saved.pk))
            request.session[REQUEST_SESSION_KEY] = saved.pk
            return redirect("contacts:correction_request_done")
    else:
        form = CorrectionRequestForm(
            request.user, initial={"contact": request.GET.get("contact", "")}
        )
    return render(
        request,
        "contacts/correction_request.html",
        {"form": form, "entry_concerned": form.entry_concerned()},
        status=429 if form.has_error(NON_FIELD_ERRORS, RATE_LIMITED) else 200,
    )


def correction_request_done(request):
    pk = request.session.get(REQUEST_SESSION_KEY)
    sent = CorrectionRequest.objects.filter(pk=pk).first() if pk else None
    return render(request, "contacts/correction_request_done.html", {"sent": sent})
