"""The project register's public pages: the filtered list, its feed and CSV export, one
project's page, and the form to report a problem with it."""

from django.core.exceptions import NON_FIELD_ERRORS
from django.db import transaction
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from contacts.models import Contact, Organisation, Visibility
from contacts.visibility import ContactEntry
from core.feeds import FilteredAtomFeed
from core.listing import FilteredCSVExportView, FilterSetMixin, OpenDataListView

from .filters import ProjectFilter
from .forms import RATE_LIMITED, ProblemReportForm
from .models import Project
from .tasks import send_problem_report

PANEL_LIMIT = 10
REPORT_SESSION_KEY = "projects:problem_report"


class FilteredProjects(FilterSetMixin):
    """The public projects through the list's filters: the list and its export show the same."""

    filterset_class = ProjectFilter

    def get_queryset(self):
        return Project.objects.public()

    def get_filtered_queryset(self):
        return super().get_filtered_queryset().for_listing()


class ProjectList(FilteredProjects, OpenDataListView):
    template_name = "projects/project_list.html"
    context_object_name = "projects"


project_list = ProjectList.as_view()


def project_detail(request, slug):
    by_name = Organisation.objects.order_by("short_name")
    project = get_object_or_404(
        Project.objects.visible_to(request.user)
        .select_related("lead_organisation", "programme")
        .prefetch_related(
            "topics",
            "related_links",
            Prefetch("partners", queryset=by_name),
            Prefetch("areas", queryset=by_name),
            # Only people whose entry is public, whoever is looking: the page is public.
            Prefetch(
                "contacts",
                queryset=Contact.objects.public()
                .select_related("organisation")
                .prefetch_related("role_areas")
                .order_by("name"),
                to_attr="public_contacts",
            ),
        ),
        slug=slug,
    )
    people = [ContactEntry.of(contact, Visibility.PUBLIC) for contact in project.public_contacts]
    return render(
        request,
        "projects/project_detail.html",
        {"project": project, "people": people, "today": timezone.localdate()},
    )


class ProjectExport(FilteredProjects, FilteredCSVExportView):
    filename_stem = "projects"
    header = (
        "Title",
        "Summary",
        "Status",
        "Programme or funding stream",
        "Lead organisation",
        "Partners",
        "London-wide",
        "Areas covered",
        "Sub-regions",
        "Start date",
        "End date",
        "Total budget (GBP)",
        "Funding awarded (GBP)",
        "Website",
        "Topics",
        "Last reviewed",
        "Last updated",
        "Page on LondonConnects",
    )

    def export_row(self, project):
        return (
            project.title,
            project.summary,
            project.get_status_display(),
            project.programme.name,
            project.lead_organisation.name,
            [partner.name for partner in project.partners.all()],
            project.london_wide,
            [area.short_name for area in project.areas.all()],
            [sub_region.label for sub_region in project.sub_regions],
            project.start_date,
            project.end_date,
            project.budget,
            project.funding_awarded,
            project.website,
            sorted(topic.name for topic in project.topics.all()),
            project.last_reviewed_on,
            timezone.localtime(project.updated_at),
            self.request.build_absolute_uri(project.get_absolute_url()),
        )


project_export = ProjectExport.as_view()


class ProjectFeed(FilteredAtomFeed):
    filterset_class = ProjectFilter
    list_url_name = "projects:project_list"
    feed_title = "LondonConnects projects"
    feed_subtitle = "New and updated projects in London's e-government project register"

    def get_queryset(self):
        return Project.objects.public().for_listing()

    def item_title(self, project):
        return project.title

    def item_description(self, project):
        return project.summary

    def item_author_name(self, project):
        return project.lead_organisation.name

    def item_categories(self, project):
        return [project.programme.name, project.get_status_display()] + sorted(
            topic.name for topic in project.topics.all()
        )


@require_http_methods(["GET", "POST"])
def report_problem(request, slug):
    project = get_object_or_404(Project.objects.public(), slug=slug)
    if request.method == "POST":
        form = ProblemReportForm(request.user, project, data=request.POST)
        if form.is_valid() and form.within_sending_limits(request):
            with transaction.atomic():
                report = form.save()
                transaction.on_commit(lambda: send_problem_report.delay(report.pk))
            request.session[REPORT_SESSION_KEY] = report.pk
            return redirect("projects:report_problem_sent", slug=project.slug)
    else:
        form = ProblemReportForm(request.user, project)
    return render(
        request,
        "projects/report_problem.html",
        {"project": project, "form": form},
        status=429 if form.has_error(NON_FIELD_ERRORS, RATE_LIMITED) else 200,
    )


def report_problem_sent(request, slug):
    project = get_object_or_404(Project.objects.public(), slug=slug)
    sent = request.session.get(REPORT_SESSION_KEY) is not None
    return render(request, "projects/report_problem_sent.html", {"project": project, "sent": sent})


def organisation_panel_context(organisation, request):
    """The projects an organisation leads and those it is a partner in; for a local authority
    also the projects that name its area and that it takes no part in (OrganisationPanel)."""
    public = Project.objects.public().select_related("programme").order_by("title")
    led = public.filter(lead_organisation=organisation)
    partnered = public.filter(partners=organisation)
    led_count, partner_count = led.count(), partnered.count()
    in_area, area_count = [], 0
    if organisation.is_local_authority:
        others = public.filter(areas=organisation).exclude(
            pk__in=Project.objects.involving([organisation.pk]).values("pk")
        )
        area_count = others.count()
        in_area = list(others[:PANEL_LIMIT]) if area_count else []
    if not (led_count or partner_count or area_count):
        return None
    return {
        "led": list(led[:PANEL_LIMIT]),
        "led_count": led_count,
        "partnered": list(partnered[:PANEL_LIMIT]),
        "partner_count": partner_count,
        "in_area": in_area,
        "area_count": area_count,
        "panel_limit": PANEL_LIMIT,
    }
