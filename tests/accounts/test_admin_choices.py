"""The records a partner editor may link to from a scoped admin form are those they may see:
contacts their audience may see, published records and their own drafts, groups their
organisations convene or belong to. A crafted form can neither save another choice nor get
its name shown back, and the autocomplete suggests the same records the form accepts."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from contacts.audiences import Visibility
from events.models import Event
from papers.models import Paper
from projects.models import Project
from tests.accounts.test_admin_scoping import form_data
from tests.events.factories import EventFactory
from tests.factories import (
    ContactFactory,
    GroupFactory,
    SuperUserFactory,
)
from tests.papers.factories import PaperFactory
from tests.projects.factories import ProjectFactory

pytestmark = pytest.mark.django_db

AUTOCOMPLETE = reverse("admin:autocomplete")


@pytest.fixture
def people(newham):
    """Newham's directory: a public entry, a partners-only one, a staff-only one, a lapsed one."""
    lapsed_on = timezone.localdate() - datetime.timedelta(days=1)
    return {
        "public": ContactFactory(name="Pat Public", organisation=newham),
        "partners": ContactFactory(
            name="Parveen Partners", organisation=newham, listing_visibility=Visibility.PARTNERS
        ),
        "staff": ContactFactory(
            name="Stella Staffonly", organisation=newham, listing_visibility=Visibility.STAFF
        ),
        "lapsed": ContactFactory(name="Larry Lapsed", organisation=newham, review_by=lapsed_on),
    }


HIDDEN_PEOPLE = ("Stella Staffonly", "Larry Lapsed")


def suggestions(client, model, field_name, term=""):
    app_label, model_name = model._meta.app_label, model._meta.model_name
    response = client.get(
        AUTOCOMPLETE,
        {"app_label": app_label, "model_name": model_name, "field_name": field_name, "term": term},
    )
    assert response.status_code == 200
    return {result["text"] for result in response.json()["results"]}


def change_url(record):
    opts = record._meta
    return reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[record.pk])


# Contacts


def test_a_crafted_form_does_not_show_the_names_of_hidden_contacts(camden_editor, camden, people):
    project = ProjectFactory(title="Camden kiosks", lead_organisation=camden)
    url = change_url(project)
    everyone = [str(contact.pk) for contact in people.values()]

    # An empty title keeps the form on the page, showing back the chosen contacts.
    response = camden_editor.post(
        url, form_data(camden_editor.get(url), title="", contacts=everyone)
    )

    assert response.status_code == 200
    for name in HIDDEN_PEOPLE:
        assert name not in response.text
    assert "Pat Public" in response.text


def test_an_editor_cannot_link_a_hidden_contact(camden_editor, camden, people):
    project = ProjectFactory(title="Camden kiosks", lead_organisation=camden)
    url = change_url(project)

    response = camden_editor.post(
        url, form_data(camden_editor.get(url), contacts=[str(people["staff"].pk)])
    )

    assert response.status_code == 200
    assert "contacts" in response.context["adminform"].form.errors
    assert not project.contacts.exists()


def test_an_editor_links_contacts_their_audience_may_see(camden_editor, camden, people):
    project = ProjectFactory(title="Camden kiosks", lead_organisation=camden)
    url = change_url(project)
    visible = [people["public"], people["partners"]]

    response = camden_editor.post(
        url, form_data(camden_editor.get(url), contacts=[str(c.pk) for c in visible])
    )

    assert response.status_code == 302
    assert set(project.contacts.all()) == set(visible)


def test_contact_autocomplete_suggests_what_the_editors_audience_may_see(camden_editor, people):
    expected = {"Pat Public", "Parveen Partners"}

    assert suggestions(camden_editor, Project, "contacts") == expected


def test_a_single_contact_field_rejects_a_hidden_contact_and_does_not_name_it(
    camden_editor, camden, people
):
    group = GroupFactory(name="Camden partnership", convenor=camden)
    url = change_url(group)

    response = camden_editor.post(
        url, form_data(camden_editor.get(url), convenor_contact=str(people["staff"].pk))
    )

    assert response.status_code == 200
    assert "convenor_contact" in response.context["adminform"].form.errors
    assert "Stella Staffonly" not in response.text
    group.refresh_from_db()
    assert group.convenor_contact is None


def test_a_record_keeps_a_contact_it_already_lists_after_the_entry_is_hidden(
    camden_editor, camden, people
):
    project = ProjectFactory(lead_organisation=camden, contacts=[people["public"]])
    people["public"].listing_visibility = Visibility.STAFF
    people["public"].save()
    url = change_url(project)

    response = camden_editor.post(url, form_data(camden_editor.get(url), summary="New summary."))

    assert response.status_code == 302
    assert list(project.contacts.all()) == [people["public"]]


# Owned records: published ones, and the editor's own drafts


@pytest.fixture
def papers(camden, newham):
    return {
        "public": PaperFactory(title="Newham published paper", publisher=newham),
        "their_draft": PaperFactory(
            title="Newham draft paper", publisher=newham, is_published=False
        ),
        "our_draft": PaperFactory(title="Camden draft paper", publisher=camden, is_published=False),
    }


def test_an_event_cannot_list_another_organisations_draft_paper(camden_editor, camden, papers):
    event = EventFactory(title="Camden workshop", organiser=camden)
    url = change_url(event)
    data = form_data(camden_editor.get(url), title="", papers=[str(p.pk) for p in papers.values()])

    shown = camden_editor.post(url, data)
    saved = camden_editor.post(url, {**data, "title": "Camden workshop"})

    assert "Newham draft paper" not in shown.text
    assert "Newham published paper" in shown.text and "Camden draft paper" in shown.text
    assert saved.status_code == 200
    assert "papers" in saved.context["adminform"].form.errors
    assert not event.papers.exists()


def test_paper_autocomplete_suggests_published_papers_and_the_editors_drafts(camden_editor, papers):
    assert suggestions(camden_editor, Event, "papers") == {
        "Newham published paper",
        "Camden draft paper",
    }


def test_a_paper_cannot_name_another_organisations_draft_project(camden_editor, camden, newham):
    ProjectFactory(title="Newham secret plan", lead_organisation=newham, is_published=False)
    ProjectFactory(title="Newham open plan", lead_organisation=newham)

    assert suggestions(camden_editor, Paper, "related_projects") == {"Newham open plan"}


# Groups


def test_an_editor_cannot_file_a_paper_under_another_organisations_group(
    camden_editor, camden, newham
):
    theirs = GroupFactory(name="East London Partnership", convenor=newham)
    paper = PaperFactory(title="Camden strategy", publisher=camden)
    url = change_url(paper)

    response = camden_editor.post(url, form_data(camden_editor.get(url), group=str(theirs.pk)))

    assert response.status_code == 200
    assert "group" in response.context["adminform"].form.errors
    paper.refresh_from_db()
    assert paper.group is None


def test_group_autocomplete_suggests_groups_the_editors_organisations_are_in(
    camden_editor, camden, newham
):
    GroupFactory(name="Camden convened", convenor=camden)
    GroupFactory(name="Newham convened, Camden a member", convenor=newham, members=[camden])
    GroupFactory(name="East London Partnership", convenor=newham)

    assert suggestions(camden_editor, Paper, "group") == {
        "Camden convened",
        "Newham convened, Camden a member",
    }


# What stays open


def test_partners_may_be_any_organisation(camden_editor, camden, newham):
    project = ProjectFactory(lead_organisation=camden)
    url = change_url(project)

    response = camden_editor.post(url, form_data(camden_editor.get(url), partners=[str(newham.pk)]))

    assert response.status_code == 302
    assert list(project.partners.all()) == [newham]
    assert "London Borough of Newham" in suggestions(camden_editor, Project, "partners")


def test_site_administrators_may_choose_any_record(client, admin_login, people, papers):
    admin_login(client, SuperUserFactory())

    assert suggestions(client, Project, "contacts") == {contact.name for contact in people.values()}
    assert "Newham draft paper" in suggestions(client, Event, "papers")
