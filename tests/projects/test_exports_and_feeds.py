"""/projects/export.csv and /projects/feed/: the filtered list for spreadsheets and feed
readers, read back as those programs would read them."""

import csv
import datetime
import io
import xml.etree.ElementTree as ET
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils.dateparse import parse_datetime

from core.exports import cell, neutralise
from projects.models import ProjectStatus

from .factories import ProjectFactory, programme

pytestmark = pytest.mark.django_db

EXPORT = reverse("projects:project_export")
FEED = reverse("projects:project_feed")
ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture
def projects(org):
    newham, camden = org("newham"), org("camden")
    return {
        "smart": ProjectFactory(
            title="Newham smart cards – phase 2",
            lead_organisation=newham,
            programme=programme("invest-to-save"),
            partners=[org("hackney"), org("gla")],
            areas=[newham, org("hackney")],
            topics=["smart cards", "customer services"],
            budget=Decimal("1200000.00"),
            funding_awarded=Decimal("800000.50"),
            start_date=datetime.date(2004, 4, 1),
            end_date=datetime.date(2006, 3, 31),
            website="https://smart.example.org/",
        ),
        "wide": ProjectFactory(
            title="London-wide gazetteer",
            lead_organisation=org("gla"),
            london_wide=True,
            status=ProjectStatus.COMPLETED,
            end_date=datetime.date(2005, 1, 1),
        ),
        "camden": ProjectFactory(title="Camden kiosks", lead_organisation=camden, areas=[camden]),
        "draft": ProjectFactory(title="Hidden draft", lead_organisation=newham, is_published=False),
    }


def read_csv(response):
    assert response.status_code == 200
    assert response.streaming, "exports are streamed, not built in memory"
    body = b"".join(response.streaming_content)
    assert body.startswith(b"\xef\xbb\xbf"), "UTF-8 with a byte-order mark for Excel"
    return list(csv.DictReader(io.StringIO(body.decode("utf-8-sig"), newline="")))


def test_the_export_is_the_filtered_list_one_row_a_project(client, projects):
    response = client.get(EXPORT + "?sub_region=east&sort=title")

    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith('attachment; filename="londonconnects-')
    rows = read_csv(response)
    assert [row["Title"] for row in rows] == [
        "London-wide gazetteer",
        "Newham smart cards – phase 2",
    ]
    smart = rows[1]
    assert smart["Programme or funding stream"] == "Invest to Save"
    assert smart["Lead organisation"] == "London Borough of Newham"
    assert smart["Partners"] == "Greater London Authority; London Borough of Hackney"
    assert smart["Areas covered"] == "Hackney; Newham"
    assert smart["Sub-regions"] == "East London"
    assert smart["London-wide"] == "No"
    assert smart["Total budget (GBP)"] == "1200000.00"
    assert smart["Funding awarded (GBP)"] == "800000.50"
    assert smart["Start date"] == "2004-04-01" and smart["End date"] == "2006-03-31"
    assert smart["Topics"] == "customer services; smart cards"
    assert (
        smart["Page on LondonConnects"]
        == "http://testserver" + projects["smart"].get_absolute_url()
    )
    assert rows[0]["London-wide"] == "Yes"
    assert rows[0]["Sub-regions"].split("; ") == [
        "North London", "East London", "South London", "West London", "Central London"
    ]  # fmt: skip


def test_the_unfiltered_export_has_every_published_project_and_no_draft(client, projects):
    titles = {row["Title"] for row in read_csv(client.get(EXPORT))}
    assert titles == {"Newham smart cards – phase 2", "London-wide gazetteer", "Camden kiosks"}


@pytest.mark.parametrize(
    "dangerous",
    ["=HYPERLINK(\"http://evil.example\",\"Click\")", "+44 20 7946 0000", "-2+3", "@SUM(A1:A9)",
     "\tTabbed", "\rReturned"],
)  # fmt: skip
def test_cells_that_a_spreadsheet_would_run_are_neutralised(client, org, dangerous):
    ProjectFactory(title=dangerous, summary=dangerous, lead_organisation=org("newham"))
    row = read_csv(client.get(EXPORT))[0]
    assert row["Title"] == "'" + dangerous
    assert row["Summary"] == "'" + dangerous


def test_a_formula_in_a_joined_list_is_neutralised(client, org):
    ProjectFactory(lead_organisation=org("newham"), topics=["=cmd|' /C calc'!A0"])
    assert read_csv(client.get(EXPORT))[0]["Topics"] == "'=cmd|' /C calc'!A0"


def test_cell_values():
    assert neutralise("=1+1") == "'=1+1" and neutralise("Plain text") == "Plain text"
    assert cell(Decimal("-12.50")) == Decimal("-12.50"), "numbers are values, not formulas"
    assert cell(None) == "" and cell(True) == "Yes" and cell(["a", "b"]) == "a; b"
    assert cell(datetime.date(2004, 4, 1)) == "2004-04-01"


# The Atom feed


def parse_feed(response):
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    root = ET.fromstring(response.content)  # noqa: S314 - the site's own feed, under test
    assert root.tag == f"{ATOM}feed"
    for required in ("id", "title", "updated"):
        assert root.find(f"{ATOM}{required}") is not None, f"feed has no <{required}>"
        assert root.find(f"{ATOM}{required}").text.strip()
    assert parse_datetime(root.find(f"{ATOM}updated").text) is not None
    links = {link.get("rel"): link.get("href") for link in root.findall(f"{ATOM}link")}
    assert links["self"].startswith("http://testserver/projects/feed/")
    entries = root.findall(f"{ATOM}entry")
    for entry in entries:
        for required in ("id", "title", "updated"):
            assert entry.find(f"{ATOM}{required}").text.strip(), f"entry has no <{required}>"
        assert parse_datetime(entry.find(f"{ATOM}updated").text) is not None
        assert entry.find(f"{ATOM}link").get("href").startswith("http://testserver/projects/")
        # Entries without a feed-level author need their own (RFC 4287, 4.1.1).
        assert entry.find(f"{ATOM}author/{ATOM}name").text.strip()
    return root, links, entries


def test_the_feed_is_valid_atom_of_published_projects_newest_change_first(client, projects):
    projects["camden"].summary = "Changed last."
    projects["camden"].save()
    root, links, entries = parse_feed(client.get(FEED))

    titles = [entry.find(f"{ATOM}title").text for entry in entries]
    assert titles[0] == "Camden kiosks"
    assert set(titles) == {"Newham smart cards – phase 2", "London-wide gazetteer", "Camden kiosks"}
    assert links["alternate"] == "http://testserver/projects/"
    assert root.find(f"{ATOM}title").text == "LondonConnects projects"


def test_the_feed_takes_the_list_filters(client, projects):
    root, links, entries = parse_feed(
        client.get(FEED + "?status=active&sub_region=east&topic=smart-cards&page=3")
    )

    assert [entry.find(f"{ATOM}title").text for entry in entries] == [
        "Newham smart cards – phase 2"
    ]
    assert links["alternate"] == (
        "http://testserver/projects/?status=active&sub_region=east&topic=smart-cards"
    )
    title = root.find(f"{ATOM}title").text
    assert "Status: Active" in title and "Sub-region: East London" in title
    entry = entries[0]
    categories = {category.get("term") for category in entry.findall(f"{ATOM}category")}
    assert {"Invest to Save", "smart cards"} <= categories
    assert entry.find(f"{ATOM}author/{ATOM}name").text == "London Borough of Newham"


def test_an_empty_feed_is_still_valid(client, projects):
    _, _, entries = parse_feed(client.get(FEED + "?q=nothing-matches-this"))
    assert entries == []
