"""The kit's filtered list and CSV export (core/listing.py), on a model of no app of the site:
a page past the end shows the last page, the feed and export links carry the filters, the
export takes the list's filters and reads its records a chunk at a time."""

import datetime

import django_filters
import pytest
from django.contrib.auth.models import Group
from django.test import RequestFactory
from django.utils import timezone

from core.filtersets import SiteFilterSet
from core.listing import FilteredCSVExportView, FilteredListView, FilterSetMixin, OpenDataListView
from tests.londonconnects.open_data import read_csv

pytestmark = pytest.mark.django_db

NAMES = ("alpha", "bravo", "charlie", "delta")


class GroupFilter(SiteFilterSet):
    name = django_filters.CharFilter(lookup_expr="icontains")
    sort = django_filters.CharFilter(method="keep")

    class Meta:
        model = Group
        fields = ["name"]

    def keep(self, queryset, name, value):
        return queryset


class FilteredGroups(FilterSetMixin):
    filterset_class = GroupFilter

    def get_queryset(self):
        return Group.objects.filter(name__in=NAMES).order_by("name")


class GroupList(FilteredGroups, OpenDataListView):
    paginate_by = 2
    context_object_name = "groups"

    def page_entries(self, groups):
        return [group.name.upper() for group in groups]


class GroupExport(FilteredGroups, FilteredCSVExportView):
    filename_stem = "groups"
    header = ("Name",)
    chunk_size = 2

    def export_rows(self, groups):
        self.chunks.append(len(groups))
        return super().export_rows(groups)

    def export_row(self, group):
        return (group.name,)


@pytest.fixture
def groups(db):
    return [Group.objects.create(name=name) for name in NAMES]


def context_of(view_class, query=""):
    view = view_class()
    view.setup(RequestFactory().get(f"/groups/{query}"))
    return view.get_context_data()


def test_a_page_past_the_end_shows_the_last_page_and_a_page_that_is_no_number_the_first(groups):
    assert context_of(GroupList, "?page=99")["page_obj"].number == 2
    assert context_of(GroupList, "?page=last-one")["page_obj"].number == 1


def test_the_template_lists_the_entries_of_the_page(groups):
    context = context_of(GroupList, "?page=2")
    assert context["groups"] == ["CHARLIE", "DELTA"]
    assert list(context["page_obj"].object_list) == groups[2:]


def test_the_feed_and_export_links_carry_the_filters(groups):
    context = context_of(GroupList, "?name=a&sort=name&page=2")
    assert context["filter_query"] == "?name=a"
    assert context["export_query"] == "?name=a&sort=name&page=2"
    assert context["filters_in_words"] == ["Name contains: a"]
    bare = context_of(GroupList)
    assert (bare["filter_query"], bare["export_query"], bare["filters_in_words"]) == ("", "", [])


def test_a_list_without_feed_or_export_has_no_links(groups):
    class PlainGroupList(FilteredGroups, FilteredListView):
        pass

    context = context_of(PlainGroupList)
    assert "export_query" not in context
    assert list(context["object_list"]) == groups


def test_an_empty_query_string_binds_the_filters_unless_the_list_says_not(groups):
    class UnboundGroupList(GroupList):
        bind_empty_query = False

    assert context_of(GroupList)["filter"].is_bound
    assert not context_of(UnboundGroupList)["filter"].is_bound
    assert context_of(UnboundGroupList, "?name=a")["filter"].is_bound


def test_the_export_takes_the_filters_and_reads_a_chunk_at_a_time(groups, monkeypatch):
    monkeypatch.setattr(GroupExport, "chunks", [], raising=False)
    monkeypatch.setattr(timezone, "localdate", lambda: datetime.date(2006, 10, 1))
    response = GroupExport.as_view()(RequestFactory().get("/groups/export.csv?name=l&page=2"))
    assert response["Content-Disposition"] == (
        'attachment; filename="londonconnects-groups-2006-10-01.csv"'
    )
    assert [row["Name"] for row in read_csv(response)] == ["alpha", "charlie", "delta"]
    assert GroupExport.chunks == [2, 1]
