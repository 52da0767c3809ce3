"""The register's admin: partner editors see and change only their organisations' projects,
whatever URL they type; history records who changed what; review filter and bulk action;
autocomplete for organisations, contacts and topics."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone
from taggit.models import Tag

from projects.models import ProblemReport, Project, ProjectStatus
from tests.factories import ContactFactory, PartnerEditorFactory, SuperUserFactory, UserFactory

from .factories import ProjectFactory, RelatedLinkFactory, programme

pytestmark = pytest.mark.django_db

CHANGELIST = reverse("admin:projects_project_changelist")
ADD = reverse("admin:projects_project_add")


def change_url(project):
    return reverse("admin:projects_project_change", args=[project.pk])


@pytest.fixture
def projects(org):
    return {
        "newham": ProjectFactory(title="Newham smart cards", lead_organisation=org("newham")),
        "camden": ProjectFactory(title="Camden kiosks", lead_organisation=org("camden")),
    }


@pytest.fixture
def newham_editor(client, admin_login, org):
    editor = PartnerEditorFactory(organisations=[org("newham")])
    admin_login(client, editor)
    client.editor = editor
    return client


def form_data(project, **changes):
    """The change form's POST data for a project, as the admin would send it back."""
    data = {
        "title": project.title,
        "slug": project.slug,
        "summary": project.summary,
        "description": project.description,
        "is_published": "on" if project.is_published else "",
        "status": project.status,
        "start_date": project.start_date.isoformat() if project.start_date else "",
        "end_date": project.end_date.isoformat() if project.end_date else "",
        "lead_organisation": project.lead_organisation_id,
        "partners": [p.pk for p in project.partners.all()],
        "areas": [a.pk for a in project.areas.all()],
        "contacts": [c.pk for c in project.contacts.all()],
        "programme": project.programme_id,
        "budget": "",
        "funding_awarded": "",
        "website": project.website,
        "topics": [t.name for t in project.topics.all()],
        "outcomes": project.outcomes,
        "last_reviewed_on": project.last_reviewed_on.isoformat(),
        "related_links-TOTAL_FORMS": "0",
        "related_links-INITIAL_FORMS": "0",
        "related_links-MIN_NUM_FORMS": "0",
        "related_links-MAX_NUM_FORMS": "1000",
    }
    data.update(changes)
    return {key: value for key, value in data.items() if value not in ("", None)}


def test_an_editor_lists_only_their_organisations_projects(newham_editor, projects):
    html = newham_editor.get(CHANGELIST).text
    assert "Newham smart cards" in html
    assert "Camden kiosks" not in html


@pytest.mark.parametrize("action", ["change", "delete", "history"])
def test_an_editor_cannot_reach_another_organisations_project_by_url(
    newham_editor, projects, action
):
    url = reverse(f"admin:projects_project_{action}", args=[projects["camden"].pk])
    assert newham_editor.get(url).status_code in (302, 403, 404)


def test_an_editor_cannot_change_or_delete_another_organisations_project_by_post(
    newham_editor, projects
):
    camden = projects["camden"]
    newham_editor.post(change_url(camden), form_data(camden, title="Hijacked"))
    newham_editor.post(reverse("admin:projects_project_delete", args=[camden.pk]), {"post": "yes"})
    camden.refresh_from_db()
    assert camden.title == "Camden kiosks"


def test_an_editor_cannot_give_a_project_to_another_organisation(newham_editor, projects, org):
    project = projects["newham"]
    response = newham_editor.post(
        change_url(project), form_data(project, lead_organisation=org("camden").pk)
    )
    assert response.status_code == 200
    assert "You can only choose an organisation whose records you edit" in response.text
    project.refresh_from_db()
    assert project.lead_organisation == org("newham")


def test_an_editor_cannot_add_a_project_for_another_organisation(newham_editor, org):
    response = newham_editor.post(
        ADD,
        {
            "title": "Camden by the back door",
            "slug": "camden-by-the-back-door",
            "summary": "Should not be saved.",
            "is_published": "on",
            "status": ProjectStatus.ACTIVE,
            "lead_organisation": org("camden").pk,
            "programme": programme("local").pk,
            "last_reviewed_on": timezone.localdate().isoformat(),
            "related_links-TOTAL_FORMS": "0",
            "related_links-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 200
    assert "You can only choose an organisation whose records you edit" in response.text
    assert not Project.objects.filter(slug="camden-by-the-back-door").exists()


def test_bulk_actions_touch_only_the_editors_projects(newham_editor, projects):
    long_ago = timezone.localdate() - datetime.timedelta(days=500)
    Project.objects.update(last_reviewed_on=long_ago)
    newham_editor.post(
        CHANGELIST,
        {
            "action": "mark_reviewed",
            "_selected_action": [projects["newham"].pk, projects["camden"].pk],
        },
    )
    projects["newham"].refresh_from_db()
    projects["camden"].refresh_from_db()
    assert projects["newham"].last_reviewed_on == timezone.localdate()
    assert projects["camden"].last_reviewed_on == long_ago


def test_needs_review_filter_and_mark_reviewed(client, admin_login, org):
    admin_login(client, SuperUserFactory())
    today = timezone.localdate()
    stale = ProjectFactory(
        title="Stale project",
        lead_organisation=org("newham"),
        last_reviewed_on=today - datetime.timedelta(days=400),
    )
    ProjectFactory(title="Fresh project", lead_organisation=org("newham"))

    html = client.get(CHANGELIST + "?review=due").text
    assert "Stale project" in html and "Fresh project" not in html
    assert "Fresh project" in client.get(CHANGELIST + "?review=current").text

    response = client.post(
        CHANGELIST + "?review=due",
        {"action": "mark_reviewed", "_selected_action": [stale.pk]},
        follow=True,
    )
    assert "1 project marked as reviewed today." in response.text
    stale.refresh_from_db()
    assert stale.last_reviewed_on == today
    assert stale.history.first().last_reviewed_on == today, "the review is in the history"


def test_the_owner_edits_and_history_records_who_changed_what(newham_editor, projects, org):
    project = projects["newham"]
    RelatedLinkFactory(project=project, title="Old report")
    response = newham_editor.get(change_url(project))
    assert response.status_code == 200

    response = newham_editor.post(
        change_url(project),
        form_data(
            project,
            status=ProjectStatus.COMPLETED,
            end_date="2006-03-31",
            partners=[org("hackney").pk],
            topics=["smart cards", "a brand new topic"],
        ),
    )
    assert response.status_code == 302, response.text[:3000]

    project.refresh_from_db()
    assert project.status == ProjectStatus.COMPLETED
    assert {t.name for t in project.topics.all()} == {"smart cards", "a brand new topic"}
    latest = project.history.filter(status=ProjectStatus.COMPLETED).earliest("history_date")
    assert latest.history_user == newham_editor.editor
    previous = latest.prev_record
    changed = {change.field for change in latest.diff_against(previous).changes}
    assert {"status", "end_date"} <= changed

    history = newham_editor.get(reverse("admin:projects_project_history", args=[project.pk])).text
    assert newham_editor.editor.full_name in history
    assert "Completed" in history or "completed" in history


def test_change_form_offers_autocomplete_for_organisations_contacts_and_topics(
    client, admin_login, projects
):
    admin_login(client, SuperUserFactory())
    html = client.get(change_url(projects["newham"])).text
    for name in ("lead_organisation", "partners", "areas", "contacts"):
        assert f'name="{name}"' in html
    assert html.count('class="admin-autocomplete') >= 5
    assert 'data-ajax--url="/admin/projects/project/topics-autocomplete/"' in html
    assert 'data-tags="true"' in html


def test_an_editor_picks_the_lead_from_their_own_organisations(newham_editor, projects):
    html = newham_editor.get(change_url(projects["newham"])).text
    lead_select = html.split('name="lead_organisation"')[1].split("</select>")[0]
    assert "London Borough of Newham" in lead_select
    assert "Camden" not in lead_select


def test_topic_autocomplete_finds_shared_topics(newham_editor, projects):
    Tag.objects.create(name="smart cards", slug="smart-cards")
    Tag.objects.create(name="smart meters", slug="smart-meters")
    Tag.objects.create(name="broadband", slug="broadband")
    url = reverse("admin:projects_project_topics_autocomplete")

    data = newham_editor.get(url, {"term": "smart"}).json()

    assert [r["id"] for r in data["results"]] == ["smart cards", "smart meters"]
    assert data["pagination"] == {"more": False}


def test_topic_autocomplete_is_for_editors_only(client, admin_login):
    url = reverse("admin:projects_project_topics_autocomplete")
    assert client.get(url).status_code == 302
    admin_login(client, UserFactory(is_staff=True))
    assert client.get(url).status_code == 403


def test_london_wide_with_areas_is_refused(client, admin_login, projects, org):
    admin_login(client, SuperUserFactory())
    project = projects["newham"]
    response = client.post(
        change_url(project), form_data(project, london_wide="on", areas=[org("newham").pk])
    )
    assert response.status_code == 200
    assert "A London-wide project covers every area" in response.text


def test_contacts_autocomplete_offers_the_people_an_editor_may_see(newham_editor, org):
    ContactFactory(name="Nia Newham", organisation=org("newham"))
    ContactFactory(name="Cai Camden", organisation=org("camden"))
    ContactFactory(name="Sam Staff", organisation=org("camden"), listing_visibility="staff")
    response = newham_editor.get(
        reverse("admin:autocomplete"),
        {
            "app_label": "projects",
            "model_name": "project",
            "field_name": "contacts",
            "term": "",
        },
    )
    names = {result["text"] for result in response.json()["results"]}
    assert names == {"Nia Newham", "Cai Camden"}


def test_areas_autocomplete_offers_local_authorities_only(newham_editor):
    def found(term):
        response = newham_editor.get(
            reverse("admin:autocomplete"),
            {"app_label": "projects", "model_name": "project", "field_name": "areas", "term": term},
        )
        return {result["text"] for result in response.json()["results"]}

    assert found("newham") == {"London Borough of Newham"}
    assert found("Greater London") == set()
    assert found("London Councils") == set()


def test_problem_reports_are_seen_by_the_owners_editors_only(newham_editor, projects):
    mine = ProblemReport.objects.create(project=projects["newham"], details="Wrong date.")
    theirs = ProblemReport.objects.create(project=projects["camden"], details="Wrong name.")
    listing = newham_editor.get(reverse("admin:projects_problemreport_changelist")).text
    assert "Newham smart cards" in listing and "Camden kiosks" not in listing
    url = reverse("admin:projects_problemreport_change", args=[theirs.pk])
    assert newham_editor.get(url).status_code in (302, 403, 404)
    mine_url = reverse("admin:projects_problemreport_change", args=[mine.pk])
    assert newham_editor.post(mine_url, {"resolved": "on"}).status_code == 302
    mine.refresh_from_db()
    assert mine.resolved
