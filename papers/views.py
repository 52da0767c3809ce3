"""Papers' public pages: the filtered list, its feed and CSV export, one paper's page, the
download of its file, the annual reviews at /review/, and the panels on organisation and
group pages."""

import datetime
from itertools import groupby

from django.db.models import Prefetch
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, render
from django.utils import timezone

from core.feeds import FilteredAtomFeed, markdown_summary
from core.listing import FilteredCSVExportView, FilterSetMixin, OpenDataListView

from .filters import PaperFilter
from .models import Paper, PaperKind

PANEL_LIMIT = 10


class FilteredPapers(FilterSetMixin):
    """The public papers through the list's filters: the list and its export show the same."""

    filterset_class = PaperFilter

    def get_queryset(self):
        return Paper.objects.public()

    def get_filtered_queryset(self):
        return super().get_filtered_queryset().for_listing()


class PaperList(FilteredPapers, OpenDataListView):
    template_name = "papers/paper_list.html"
    context_object_name = "papers"


paper_list = PaperList.as_view()


def paper_detail(request, slug):
    from projects.models import Project

    paper = get_object_or_404(
        Paper.objects.visible_to(request.user)
        .select_related("publisher", "group", "group__convenor")
        .prefetch_related(
            "topics",
            Prefetch(
                "related_projects",
                queryset=Project.objects.public().order_by("title"),
                to_attr="public_projects",
            ),
        )
        .defer("extracted_text"),
        slug=slug,
    )
    return render(request, "papers/paper_detail.html", {"paper": paper})


def paper_download(request, slug):
    """The uploaded file, always as an attachment under its own type, never sniffed."""
    paper = get_object_or_404(
        Paper.objects.visible_to(request.user).exclude(file="").defer("extracted_text"), slug=slug
    )
    if paper.format is None:
        raise Http404("This paper has no file.")
    try:
        handle = paper.file.open("rb")
    except FileNotFoundError as error:
        raise Http404("The file is missing.") from error
    response = FileResponse(
        handle,
        as_attachment=True,
        filename=paper.download_name,
        content_type=paper.format.content_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response["Cache-Control"] = "private, max-age=300"
    return response


def annual_review_list(request):
    """/review/: every annual review of e-activity, newest year first."""
    reviews = (
        Paper.objects.public()
        .filter(kind=PaperKind.ANNUAL_REVIEW)
        .for_listing()
        .order_by("-published_on", "publisher__short_name", "pk")
    )
    years = [
        {"year": year, "papers": list(papers)}
        for year, papers in groupby(reviews, key=lambda paper: paper.year)
    ]
    return render(request, "papers/annual_reviews.html", {"years": years})


class PaperExport(FilteredPapers, FilteredCSVExportView):
    filename_stem = "papers"
    header = (
        "Title",
        "Kind",
        "Publishing organisation",
        "Group",
        "Publication date",
        "Summary",
        "Format",
        "Size (bytes)",
        "Pages",
        "Link",
        "Topics",
        "Last updated",
        "Page on LondonConnects",
    )

    def export_row(self, paper):
        link = (
            self.request.build_absolute_uri(paper.get_download_url())
            if paper.file
            else paper.external_url
        )
        return (
            paper.title,
            paper.get_kind_display(),
            paper.publisher.name,
            paper.group.name if paper.group else "",
            paper.published_on,
            paper.summary,
            paper.format.abbreviation if paper.format else "",
            paper.file_size,
            paper.page_count,
            link,
            sorted(topic.name for topic in paper.topics.all()),
            timezone.localtime(paper.updated_at),
            self.request.build_absolute_uri(paper.get_absolute_url()),
        )


paper_export = PaperExport.as_view()


class PaperFeed(FilteredAtomFeed):
    filterset_class = PaperFilter
    list_url_name = "papers:paper_list"
    feed_title = "LondonConnects papers"
    feed_subtitle = "New and updated papers of London's e-government groups and partners"

    def get_queryset(self):
        return Paper.objects.public().for_listing()

    def item_title(self, paper):
        return paper.title

    def item_description(self, paper):
        return markdown_summary(paper.summary)

    def item_author_name(self, paper):
        return paper.publisher.name

    def item_pubdate(self, paper):
        return timezone.make_aware(datetime.datetime.combine(paper.published_on, datetime.time()))

    def item_categories(self, paper):
        return [paper.get_kind_display()] + sorted(topic.name for topic in paper.topics.all())


def _panel(papers, count):
    return {"papers": list(papers[:PANEL_LIMIT]), "count": count, "panel_limit": PANEL_LIMIT}


def organisation_panel_context(organisation, request):
    """The papers an organisation published (OrganisationPanel)."""
    papers = Paper.objects.public().by_organisation([organisation.pk]).for_listing()
    count = papers.count()
    return _panel(papers, count) if count else None


def group_panel_context(group, request):
    """The papers a group wrote (GroupPanel)."""
    papers = Paper.objects.public().filter(group=group).for_listing()
    count = papers.count()
    return _panel(papers, count) if count else None
