"""The e-index's public pages: the category tree, a category's entries with the health of
each link, the suggestion form, the link-health report, and the feed of new links and the
CSV export, which take the pages' filters (topic, category)."""

from django import forms
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.views.decorators.http import require_http_methods

from core.feeds import FilteredAtomFeed
from core.listing import FilteredCSVExportView
from core.ownership_filters import topic_choices
from linkcheck import reports
from linkcheck.health import health_of
from linkcheck.outcomes import Outcome
from linkcheck.registry import normalise

from . import ratelimit
from .filters import EntryFilter
from .forms import SuggestionForm
from .models import Category, Entry, Suggestion

ENTRIES_PER_PAGE = 50
EXPORT_CHUNK = 500
SUGGESTION_SESSION_KEY = "eindex:suggestion"


class TopicFilter(forms.Form):
    topic = forms.ChoiceField(label="Topic", required=False)

    def __init__(self, *args, topics=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["topic"].choices = [("", "All topics"), *topics]

    def chosen(self):
        return self.cleaned_data.get("topic", "") if self.is_valid() else ""


def category_tree(topic=""):
    """Every category with the number of distinct entries in it and below it, in three
    queries however large the index."""
    categories = list(Category.objects.all())
    entries = Entry.objects.all()
    through = Entry.other_categories.through.objects.all()
    if topic:
        entries = entries.filter(topics__slug=topic)
        through = through.filter(entry__in=entries.values("pk"))
    filed = {c.pk: set() for c in categories}
    for entry_id, category_id in entries.values_list("pk", "primary_category_id"):
        filed[category_id].add(entry_id)
    for entry_id, category_id in through.values_list("entry_id", "category_id"):
        filed[category_id].add(entry_id)
    children = {c.pk: [] for c in categories}
    roots = []
    for category in categories:
        children.get(category.parent_id, roots).append(category)

    def node(category, depth=0):
        kids = [node(child, depth + 1) for child in children[category.pk]] if depth < 10 else []
        below = set(filed[category.pk])
        for kid in kids:
            below |= kid["entry_ids"]
        return {"category": category, "children": kids, "entry_ids": below, "count": len(below)}

    return [node(root) for root in roots]


def index(request):
    topic_filter = TopicFilter(request.GET or None, topics=topic_choices(Entry.objects.all()))
    topic = topic_filter.chosen()
    tree = category_tree(topic)
    return render(
        request,
        "eindex/index.html",
        {
            "tree": tree,
            "filter_form": topic_filter,
            "topic": topic,
            "total": len(set().union(*(n["entry_ids"] for n in tree))) if tree else 0,
            "filter_query": _filter_query(topic=topic),
        },
    )


def _find(nodes, pk):
    for node in nodes:
        if node["category"].pk == pk:
            return node
        found = _find(node["children"], pk)
        if found:
            return found
    return None


def category(request, slug):
    current = get_object_or_404(Category, slug=slug)
    ancestors, parent_id = [], current.parent_id
    while parent_id is not None and len(ancestors) < 10:
        parent = Category.objects.only("name", "slug", "parent_id").get(pk=parent_id)
        ancestors.insert(0, parent)
        parent_id = parent.parent_id
    in_category = Entry.objects.in_category(current)
    topic_filter = TopicFilter(request.GET or None, topics=topic_choices(in_category))
    topic = topic_filter.chosen()
    entries = in_category.select_related("owner").prefetch_related("topics")
    if topic:
        entries = entries.filter(topics__slug=topic)
    page = Paginator(entries.order_by("title", "pk"), ENTRIES_PER_PAGE).get_page(
        request.GET.get("page")
    )
    node = _find(category_tree(topic), current.pk)
    crumbs = [
        {"label": "Home", "href": reverse("home")},
        {"label": "E-index", "href": reverse("eindex:index")},
        *({"label": a.name, "href": a.get_absolute_url()} for a in ancestors),
        {"label": current.name, "href": ""},
    ]
    return render(
        request,
        "eindex/category.html",
        {
            "category": current,
            "crumbs": crumbs,
            "subcategories": node["children"] if node else [],
            "page_obj": page,
            "entries": page.object_list,
            "health": health_of([entry.url for entry in page.object_list]),
            "filter_form": topic_filter,
            "topic": topic,
            "filter_query": _filter_query(category=current.slug, topic=topic),
        },
    )


def _filter_query(**chosen):
    """The query string that gives the feed and export the entries a page shows."""
    kept = {name: value for name, value in chosen.items() if value}
    return f"?{urlencode(kept)}" if kept else ""


class EntryExport(FilteredCSVExportView):
    """The (filtered) e-index as CSV, one row a link, A to Z, streamed. Each chunk of entries
    takes a fixed number of queries: the entries, their categories, topics and link health."""

    filterset_class = EntryFilter
    bind_empty_query = False
    filename_stem = "e-index"
    header = (
        "Title",
        "URL",
        "Description",
        "Category",
        "Also listed under",
        "Topics",
        "Kept by",
        "Added on",
        "Last verified on",
        "Link health",
        "Page on LondonConnects",
    )

    def get_queryset(self):
        return Entry.objects.all()

    def get_filtered_queryset(self):
        return (
            super()
            .get_filtered_queryset()
            .select_related("primary_category", "owner")
            .prefetch_related(
                # Lists, not managers: a manager's queryset costs more to build than its row.
                Prefetch("other_categories", to_attr="also_listed_under"),
                Prefetch("topics", to_attr="topic_list"),
            )
            .order_by("title", "pk")
        )

    def get_chunk_size(self):
        # Read at each export, not once: tests make the chunks small.
        return EXPORT_CHUNK

    def export_rows(self, entries):
        health = health_of([entry.url for entry in entries])
        for entry in entries:
            link = health.get(normalise(entry.url))
            yield (
                entry.title,
                entry.url,
                entry.description,
                entry.primary_category.name,
                sorted(category.name for category in entry.also_listed_under),
                sorted(topic.name for topic in entry.topic_list),
                entry.owner.name,
                entry.added_on,
                entry.last_verified_on,
                link.get_outcome_display() if link else Outcome.UNCHECKED.label,
                self.request.build_absolute_uri(entry.get_absolute_url()),
            )


entry_export = EntryExport.as_view()


class EntryFeed(FilteredAtomFeed):
    """Links as they are added to the e-index, newest first."""

    filterset_class = EntryFilter
    list_url_name = "eindex:index"
    feed_title = "LondonConnects e-index: new links"
    feed_subtitle = "Links added to the e-index, the partnership's map of the web"

    def get_queryset(self):
        return Entry.objects.select_related("primary_category", "owner").prefetch_related("topics")

    def items(self, filterset):
        return filterset.qs.order_by("-added_on", "-created_at", "-pk")[: self.max_items]

    def link(self, filterset):
        """The category page when the feed follows one category, else the e-index."""
        category = filterset.chosen("category")
        if not category:
            return super().link(filterset)
        url = reverse("eindex:category", kwargs={"slug": category})
        return self.request.build_absolute_uri(url + _filter_query(topic=filterset.chosen("topic")))

    def item_title(self, entry):
        return entry.title

    def item_description(self, entry):
        return f"{entry.description} {entry.url}"

    def item_author_name(self, entry):
        return entry.owner.name

    def item_categories(self, entry):
        return [entry.primary_category.name] + sorted(topic.name for topic in entry.topics.all())


@require_http_methods(["GET", "POST"])
def suggest(request):
    status = 200
    if request.method == "POST":
        form = SuggestionForm(data=request.POST)
        if not ratelimit.allow(request):
            form.full_clean()
            form.add_error(
                None,
                "You have sent a lot of suggestions in the last hour. Please wait an hour "
                "and send this one again; what you wrote is still here.",
            )
            status = 429
        elif form.is_valid():
            with transaction.atomic():
                suggestion = form.save()
            request.session[SUGGESTION_SESSION_KEY] = suggestion.pk
            return redirect("eindex:suggest_done")
    else:
        initial = {}
        wanted = request.GET.get("category", "")
        if wanted:
            initial["category"] = Category.objects.filter(slug=wanted).first()
        form = SuggestionForm(initial=initial)
    return render(request, "eindex/suggest.html", {"form": form}, status=status)


def suggest_done(request):
    pk = request.session.get(SUGGESTION_SESSION_KEY)
    sent = Suggestion.objects.filter(pk=pk).first() if pk else None
    return render(request, "eindex/suggest_done.html", {"sent": sent})


def link_health(request):
    owners = reports.health_by_owner()
    totals = reports.totals()
    total = sum(totals.values())
    return render(
        request,
        "eindex/link_health.html",
        {
            "owners": owners,
            "totals": totals,
            "total": total,
            "shares": {
                outcome: reports.percentage(count, total) for outcome, count in totals.items()
            },
        },
    )
