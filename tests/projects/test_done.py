"""The issue's "done means", end to end: an officer finds all active Invest to Save projects
in the East sub-region on smart cards in one URL, exports them to CSV, and the owner of one
of them updates it in admin, with the change recorded."""

import csv
import datetime
import io

import pytest
from django.urls import reverse

from projects.models import ProjectStatus
from tests.factories import PartnerEditorFactory
from tests.londonconnects.html import assert_sound_page, elements

from .factories import ProjectFactory, programme

pytestmark = pytest.mark.django_db


@pytest.fixture
def register(org):
    invest = programme("invest-to-save")
    wanted = {
        "newham": ProjectFactory(
            title="Newham citizen smart card",
            lead_organisation=org("newham"),
            programme=invest,
            areas=[org("newham")],
            topics=["smart cards"],
        ),
        "wide": ProjectFactory(
            title="Pan-London smart card platform",
            lead_organisation=org("gla"),
            programme=invest,
            london_wide=True,
            topics=["smart cards", "e-government"],
        ),
    }
    # Each misses exactly one of the four conditions.
    ProjectFactory(title="Completed card", status=ProjectStatus.COMPLETED,
                   end_date=datetime.date(2005, 1, 1), programme=invest,
                   areas=[org("hackney")], topics=["smart cards"])  # fmt: skip
    ProjectFactory(title="Pathfinder card", programme=programme("pathfinder"),
                   areas=[org("hackney")], topics=["smart cards"])  # fmt: skip
    ProjectFactory(title="West London card", programme=invest, areas=[org("ealing")],
                   topics=["smart cards"])  # fmt: skip
    ProjectFactory(title="East broadband", programme=invest, areas=[org("newham")],
                   topics=["broadband"])  # fmt: skip
    return wanted


def test_find_export_and_update(client, admin_login, register, org):
    # 1. The officer fills in the filter form on /projects/ and submits it (a GET form).
    form_page = assert_sound_page(client.get(reverse("projects:project_list")))
    assert elements(form_page, "input", name="status", value="active")
    assert elements(form_page, "option", value="invest-to-save")
    assert elements(form_page, "option", value="east")
    assert elements(form_page, "option", value="smart-cards")
    one_url = (
        reverse("projects:project_list")
        + "?status=active&programme=invest-to-save&sub_region=east&topic=smart-cards"
    )
    html = assert_sound_page(client.get(one_url))
    found = [h2["text"] for h2 in elements(html, "h2", class_="lc-result-list__title")]
    assert sorted(found) == ["Newham citizen smart card", "Pan-London smart card platform"]
    assert elements(html, "p", id="result-count")[0]["text"] == "2 projects"

    # 2. The same URL, bookmarked by another officer, gives the same list.
    assert client.get(one_url).text.count("lc-result-list__title") == 2

    # 3. They export it to CSV from the link on that page.
    export_link = next(a for a in elements(html, "a") if "export.csv" in a["attrs"]["href"])
    export_href = export_link["attrs"]["href"]
    assert "download" in export_link["attrs"] and export_href.endswith(
        "?status=active&programme=invest-to-save&sub_region=east&topic=smart-cards"
    )
    response = client.get(export_href)
    body = b"".join(response.streaming_content)
    assert body.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(body.decode("utf-8-sig"), newline="")))
    assert sorted(row["Title"] for row in rows) == sorted(found)
    assert {row["Programme or funding stream"] for row in rows} == {"Invest to Save"}
    assert {row["Status"] for row in rows} == {"Active"}
    assert all("East London" in row["Sub-regions"] for row in rows)
    assert all("smart cards" in row["Topics"] for row in rows)

    # 4. Newham's editor updates Newham's project in admin.
    project = register["newham"]
    editor = PartnerEditorFactory(full_name="Nadia Newham-Editor", organisations=[org("newham")])
    admin_login(client, editor)
    change = reverse("admin:projects_project_change", args=[project.pk])
    assert client.get(change).status_code == 200
    response = client.post(
        change,
        {
            "title": project.title,
            "slug": project.slug,
            "summary": "Now also used for school meals.",
            "description": project.description,
            "is_published": "on",
            "status": ProjectStatus.ACTIVE,
            "start_date": "2004-04-01",
            "end_date": "2007-03-31",
            "lead_organisation": org("newham").pk,
            "partners": [org("tower-hamlets").pk],
            "areas": [org("newham").pk, org("tower-hamlets").pk],
            "programme": project.programme_id,
            "topics": ["smart cards", "school meals"],
            "last_reviewed_on": "2026-01-01",
            "related_links-TOTAL_FORMS": "1",
            "related_links-INITIAL_FORMS": "0",
            "related_links-0-title": "Evaluation",
            "related_links-0-url": "https://www.example.org/evaluation",
            "related_links-0-kind": "research",
            "related_links-0-order": "0",
        },
    )
    assert response.status_code == 302, response.text[:2000]

    # 5. The change is recorded: who, when, and what.
    project.refresh_from_db()
    assert project.summary == "Now also used for school meals."
    record = project.history.filter(summary="Now also used for school meals.").earliest(
        "history_date"
    )
    assert record.history_user == editor and record.history_type == "~"
    changed = {c.field for c in record.diff_against(record.prev_record).changes}
    assert {"summary", "end_date"} <= changed
    partners_record = project.history.latest("history_date")
    assert [p.organisation.slug for p in partners_record.partners.all()] == ["tower-hamlets"]
    history_page = client.get(reverse("admin:projects_project_history", args=[project.pk])).text
    assert "Nadia Newham-Editor" in history_page
    assert "Now also used for school meals." in history_page

    # 6. Visitors see the update, and the project is still found by the same URL.
    client.logout()
    page = client.get(project.get_absolute_url()).text
    assert "Now also used for school meals." in page
    assert elements(page, "a", href="https://www.example.org/evaluation")
    assert elements(page, "a", href="/organisations/tower-hamlets/")
    first = elements(client.get(one_url).text, "h2", class_="lc-result-list__title")[0]
    assert first["text"] == "Newham citizen smart card", "recently updated comes first"
