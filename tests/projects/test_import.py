"""CSV import in admin: every bad row and field reported, nothing imported until the whole
file is clean, the owner rule applied to every row, and history kept of what came in."""

import csv
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from projects.imports import CHANGE_REASON, COLUMN_NAMES
from projects.models import Project, ProjectStatus
from tests.factories import PartnerEditorFactory, SuperUserFactory, UserFactory

from .factories import ProjectFactory

pytestmark = pytest.mark.django_db

IMPORT = reverse("admin:projects_project_import")
TEMPLATE = reverse("admin:projects_project_import_template")


def csv_file(rows, header=COLUMN_NAMES, encoding="utf-8-sig"):
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(header)
    for row in rows:
        writer.writerow([row.get(name, "") for name in header])
    return SimpleUploadedFile("projects.csv", buffer.getvalue().encode(encoding), "text/csv")


def good_row(**values):
    row = {
        "title": "Hackney and Newham smart cards",
        "summary": "One card for two boroughs.",
        "status": "active",
        "programme": "Invest to Save",
        "lead_organisation": "newham",
        "partners": "hackney; Greater London Authority",
        "areas": "newham; Hackney",
        "start_date": "01/04/2004",
        "end_date": "2006-03-31",
        "budget": "£1,200,000",
        "funding_awarded": "800000.50",
        "website": "https://cards.example.org/",
        "topics": "smart cards; customer services",
    }
    row.update(values)
    return row


@pytest.fixture
def newham_editor(client, admin_login, org):
    editor = PartnerEditorFactory(organisations=[org("newham")])
    admin_login(client, editor)
    client.editor = editor
    return client


def problems(response):
    """(row, column, message) triples from the page's table of problems."""
    html = response.text
    assert 'id="import-errors"' in html, html[html.find('id="content-main"') :][:2000]
    table = html.split('id="import-errors"')[1].split("</table>")[0]
    found = []
    for tr in table.split("<tr>")[2:]:
        cells = [cell.split("</td>")[0] for cell in tr.split("<td>")[1:]]
        found.append((int(cells[0]), cells[1], cells[2]))
    return found


def test_a_clean_file_is_previewed_then_imported_with_history(newham_editor, org):
    upload = csv_file([good_row(), good_row(title="Newham kiosks", areas="London-wide",
                                            partners="", topics="kiosks")])  # fmt: skip
    preview = newham_editor.post(IMPORT, {"file": upload})

    assert preview.status_code == 200
    assert "The file is ready to import" in preview.text
    assert "Import 2 projects" in preview.text
    assert not Project.objects.exists(), "nothing is saved before the editor confirms"

    done = newham_editor.post(IMPORT, {"confirm": "1"})

    assert done.status_code == 302
    cards = Project.objects.get(slug="hackney-and-newham-smart-cards")
    assert cards.lead_organisation == org("newham")
    assert {o.slug for o in cards.partners.all()} == {"hackney", "gla"}
    assert {o.slug for o in cards.areas.all()} == {"newham", "hackney"}
    assert str(cards.budget) == "1200000.00" and str(cards.funding_awarded) == "800000.50"
    assert cards.start_date.isoformat() == "2004-04-01"
    assert cards.programme.slug == "invest-to-save"
    assert {t.name for t in cards.topics.all()} == {"smart cards", "customer services"}
    kiosks = Project.objects.get(slug="newham-kiosks")
    assert kiosks.london_wide and not kiosks.areas.exists()
    record = cards.history.earliest("history_date")
    assert record.history_user == newham_editor.editor
    assert record.history_change_reason == CHANGE_REASON


def test_every_bad_row_and_field_is_reported_and_nothing_is_imported(newham_editor, org):
    ProjectFactory(slug="camdens-own", title="Camden's own", lead_organisation=org("camden"))
    upload = csv_file(
        [
            good_row(title="A good row"),
            good_row(title="Bad status", status="finished"),
            good_row(title="Unknown partner", partners="hackney; Atlantis Council"),
            good_row(title="Bad dates", start_date="31/31/2004", end_date="2003-01-01"),
            good_row(title="Bad money", budget="lots", funding_awarded="-5"),
            good_row(title="", summary=""),
            good_row(title="Not my project", slug="camdens-own"),
            good_row(title="Someone else's lead", lead_organisation="camden"),
            good_row(title="Area that is not a borough", areas="Greater London Authority"),
            good_row(title="A good row"),
            good_row(title="Bad address", website="not a url", london_wide="perhaps"),
        ]
    )

    response = newham_editor.post(IMPORT, {"file": upload})
    found = problems(response)
    columns = {(row, column) for row, column, _ in found}

    assert "Nothing has been imported" in response.text
    assert (3, "status") in columns
    assert (4, "partners") in columns
    assert any("Atlantis Council" in message for _, _, message in found)
    assert (5, "start_date") in columns
    assert (6, "budget") in columns and (6, "funding_awarded") in columns
    assert (7, "title") in columns and (7, "summary") in columns
    assert (8, "slug") in columns
    assert (9, "lead_organisation") in columns
    assert (10, "areas") in columns
    assert (11, "slug") in columns, "the same slug twice in one file"
    assert (12, "website") in columns and (12, "london_wide") in columns
    assert not any(row == 2 for row, _, _ in found), "the good row has no problem"
    assert Project.objects.count() == 1, "nothing imported, not even the good rows"
    assert "Import " not in response.text.split("Nothing has been imported")[1][:200]

    # Confirming without a clean file imports nothing either.
    newham_editor.post(IMPORT, {"confirm": "1"})
    assert Project.objects.count() == 1


def test_an_end_before_the_start_is_reported(newham_editor):
    response = newham_editor.post(
        IMPORT, {"file": csv_file([good_row(start_date="2005-01-01", end_date="2004-01-01")])}
    )
    assert (2, "end_date", "The end date must be on or after the start date.") in problems(response)


def test_a_row_with_an_existing_slug_updates_that_project(newham_editor, org):
    project = ProjectFactory(
        slug="newham-cards", title="Old title", lead_organisation=org("newham")
    )
    newham_editor.post(
        IMPORT,
        {"file": csv_file([good_row(slug="newham-cards", title="New title", status="Completed")])},
    )
    newham_editor.post(IMPORT, {"confirm": "1"})

    project.refresh_from_db()
    assert project.title == "New title" and project.status == ProjectStatus.COMPLETED
    assert Project.objects.count() == 1
    assert project.history.latest("history_date").history_change_reason == CHANGE_REASON


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"title,summary\nA,B\n", "The file has no column for: status, programme"),
        (b"title,colour,summary,status,programme,lead_organisation\n",
         "columns this import does not know: colour"),
        ("Titel;Zusammenfassung\n".encode("latin-1"), "columns this import does not know"),
        (b"title,summary,status,programme,lead_organisation\n", "no projects"),
        ("title,summary,status,programme,lead_organisation\nCaf\xe9,x,active,local,newham\n"
         .encode("cp1252"), "is not UTF-8"),
        (b"", "The file is empty"),
    ],
)  # fmt: skip
def test_a_file_that_cannot_be_read_gets_a_clear_message(newham_editor, content, message):
    upload = SimpleUploadedFile("projects.csv", content, "text/csv")
    response = newham_editor.post(IMPORT, {"file": upload})
    assert response.status_code == 200
    assert message in response.text
    assert not Project.objects.exists()


def test_the_template_downloads_and_imports_cleanly(client, admin_login, reference_data):
    admin_login(client, SuperUserFactory())
    response = client.get(TEMPLATE)
    assert response.content.startswith(b"\xef\xbb\xbf")
    upload = SimpleUploadedFile("template.csv", response.content, "text/csv")
    preview = client.post(IMPORT, {"file": upload})
    assert "The file is ready to import" in preview.text
    client.post(IMPORT, {"confirm": "1"})
    assert Project.objects.get().title == "Example: shared smart card scheme"


def test_only_editors_may_import(client, admin_login):
    admin_login(client, UserFactory(is_staff=True))
    assert client.get(IMPORT).status_code == 403
    assert client.get(TEMPLATE).status_code == 403


def test_the_changelist_offers_the_import(newham_editor):
    html = newham_editor.get(reverse("admin:projects_project_changelist")).text
    assert f'href="{IMPORT}"' in html


def test_a_slug_taken_by_another_organisation_does_not_name_its_owner(newham_editor, org):
    ProjectFactory(
        slug="camden-secret-plan",
        title="Camden secret plan",
        lead_organisation=org("camden"),
        is_published=False,
    )

    response = newham_editor.post(
        IMPORT, {"file": csv_file([good_row(title="My plan", slug="camden-secret-plan")])}
    )

    slug_problems = [message for _, column, message in problems(response) if column == "slug"]
    assert slug_problems == ["The slug “camden-secret-plan” is taken: choose another."]
    assert "Camden" not in response.text.split('id="import-errors"')[1]
    assert not Project.objects.filter(title="My plan").exists()
