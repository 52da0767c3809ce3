"""Projects as data: rules of the model, the chainable queries, the search document, the
demo data and the registrations the rest of the site reads."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.utils import timezone
from haystack.query import SearchQuerySet

from accounts.roles import owned_model
from contacts.models import SubRegion
from core import registry
from projects.models import Programme, Project, ProjectStatus

from .factories import ProjectFactory, programme

pytestmark = pytest.mark.django_db


def test_the_programme_list_is_seeded_and_editable():
    names = list(Programme.objects.values_list("name", flat=True))
    assert names == [
        "Pathfinder",
        "Invest to Save",
        "ISB",
        "EC funded",
        "National e-government programme",
        "Local",
        "Other",
    ]
    Programme.objects.create(name="Lottery", slug="lottery")
    assert Programme.objects.count() == 8


def test_sub_regions_follow_the_areas(org):
    project = ProjectFactory(areas=[org("newham"), org("camden"), org("hackney")])
    assert project.sub_regions == [SubRegion.EAST, SubRegion.CENTRAL]
    project.london_wide = True
    assert project.sub_regions == list(SubRegion)


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"start_date": datetime.date(2005, 1, 1), "end_date": datetime.date(2004, 1, 1)},
         "end_date"),
        ({"status": ProjectStatus.COMPLETED, "end_date": None}, "end_date"),
        ({"slug": "feed"}, "slug"),
        ({"slug": "export"}, "slug"),
    ],
)  # fmt: skip
def test_rules_of_a_project(org, changes, field):
    project = ProjectFactory.build(
        lead_organisation=org("newham"), programme=programme("local"), **changes
    )
    with pytest.raises(ValidationError) as raised:
        project.full_clean()
    assert field in raised.value.message_dict


def test_chainable_queries(org):
    newham, camden = org("newham"), org("camden")
    in_newham = ProjectFactory(areas=[newham], lead_organisation=camden)
    wide = ProjectFactory(london_wide=True, lead_organisation=org("gla"), partners=[newham])
    ProjectFactory(areas=[camden], lead_organisation=camden)

    assert set(Project.objects.in_sub_region(SubRegion.EAST)) == {in_newham, wide}
    assert set(Project.objects.covering_area([newham.pk])) == {in_newham, wide}
    assert set(Project.objects.involving([newham.pk])) == {wide}
    assert Project.objects.public().in_sub_region("east").involving([newham.pk]).get() == wide


@pytest.mark.parametrize(
    ("start", "end", "year", "active"),
    [
        ("2004-04-01", "2006-03-31", 2004, True),
        ("2004-04-01", "2006-03-31", 2006, True),
        ("2004-04-01", "2006-03-31", 2003, False),
        ("2004-04-01", "2006-03-31", 2007, False),
        ("2004-12-31", None, 2004, True),
        ("2004-12-31", None, 2030, True),
        ("2005-01-01", None, 2004, False),
        (None, None, 2004, False),
    ],
)
def test_active_in_year(org, start, end, year, active):
    ProjectFactory(
        start_date=datetime.date.fromisoformat(start) if start else None,
        end_date=datetime.date.fromisoformat(end) if end else None,
    )
    assert Project.objects.active_in_year(year).exists() == active


def test_review_is_due_after_twelve_months(org):
    today = timezone.localdate()
    due = ProjectFactory(last_reviewed_on=today - datetime.timedelta(days=366))
    fresh = ProjectFactory(last_reviewed_on=today - datetime.timedelta(days=300))
    assert due.needs_review and not fresh.needs_review
    assert list(Project.objects.needs_review()) == [due]
    assert Project.objects.needs_review().mark_reviewed() == 1
    due.refresh_from_db()
    assert due.last_reviewed_on == today and not Project.objects.needs_review().exists()


def test_owner_is_declared_once_for_roles_and_records(org):
    project = ProjectFactory(lead_organisation=org("newham"))
    assert project.owner_organisation_id == org("newham").pk
    assert owned_model(Project).owner_field == Project.OWNER_FIELD == "lead_organisation"


def test_the_section_and_panel_are_registered():
    section = next(s for s in registry.sections() if s.key == "projects")
    assert (section.label, section.order, section.url_name) == (
        "Projects",
        10,
        "projects:project_list",
    )
    assert any(panel.key == "projects" for panel in registry.organisation_panels())


def test_the_home_page_counts_published_projects(client, org):
    ProjectFactory(title="Shown on the home page", lead_organisation=org("newham"))
    ProjectFactory(title="Draft not counted", is_published=False)
    html = client.get("/").text
    assert "Shown on the home page" in html and "Draft not counted" not in html


# Search


def test_published_projects_are_searchable_from_stored_fields(
    search_index, org, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        project = ProjectFactory(
            title="Kestrel smart cards",
            summary="One card for the East.",
            lead_organisation=org("newham"),
            programme=programme("invest-to-save"),
            topics=["smart cards"],
        )
        ProjectFactory(title="Kestrel draft", is_published=False)

    results = list(SearchQuerySet().auto_query("Kestrel"))
    assert len(results) == 1
    result = results[0]
    assert result.title == "Kestrel smart cards"
    assert result.url == project.get_absolute_url()
    assert result.summary == "One card for the East."
    assert result.kind == "Project"
    assert result.owner == "London Borough of Newham"
    assert result.type == ["projects"]
    assert result.topics == ["smart-cards"]
    assert result.organisations == ["newham"]
    assert SearchQuerySet().auto_query("Newham").count() == 1, "the lead is in the text"

    with django_capture_on_commit_callbacks(execute=True):
        project.is_published = False
        project.save()
    assert SearchQuerySet().auto_query("Kestrel").count() == 0


def test_topics_added_later_reach_the_index(search_index, org, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        project = ProjectFactory(title="Heron links", lead_organisation=org("newham"))
    with django_capture_on_commit_callbacks(execute=True):
        project.topics.add("telecare")
    assert SearchQuerySet().auto_query("telecare").count() == 1


# Demo data


def test_seed_demo_adds_sixty_fictional_projects_spread_out_and_is_idempotent(db):
    call_command("seed_demo", scale=1, verbosity=0)

    projects = Project.objects.all()
    assert projects.count() == 60
    assert all(slug.endswith("-demo") for slug in projects.values_list("slug", flat=True))
    assert all("fictional" in p.summary for p in projects)
    assert set(projects.values_list("status", flat=True)) == set(ProjectStatus.values)
    assert set(projects.values_list("programme__slug", flat=True)) == set(
        Programme.objects.values_list("slug", flat=True)
    )
    boroughs = projects.filter(lead_organisation__kind="local_authority")
    assert boroughs.values("lead_organisation").distinct().count() == 33
    assert projects.exclude(lead_organisation__kind="local_authority").exists()
    assert projects.filter(london_wide=True).exists()
    assert projects.needs_review().exists() and projects.reviewed_recently().exists()
    assert projects.filter(related_links__isnull=False).exists()
    sub_regions = {a for p in projects.prefetch_related("areas") for a in p.sub_regions}
    assert sub_regions == set(SubRegion)

    call_command("seed_demo", scale=1, verbosity=0)
    assert Project.objects.count() == 60
