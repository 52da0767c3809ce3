"""/organisations/export.csv: the directory's organisations as a spreadsheet, with the list's
filters (kind, sub-region), closed bodies included, streamed in fixed queries per chunk."""

import datetime

import pytest
from django.urls import reverse

from contacts import views
from contacts.models import Organisation, OrganisationKind, OrganisationStatus, SubRegion
from tests.factories import LocalAuthorityFactory, OrganisationFactory
from tests.londonconnects.html import elements
from tests.londonconnects.open_data import export_queries, read_csv

pytestmark = pytest.mark.django_db

EXPORT = reverse("contacts:organisation_export")
LIST = reverse("contacts:organisation_list")


@pytest.fixture
def organisations(db):
    newham = LocalAuthorityFactory(
        name="London Borough of Newham",
        short_name="Newham",
        sub_region=SubRegion.EAST,
        address="Newham Dockside\n1000 Dockside Road",
    )
    newham.topics.add("smart cards")
    barnet = LocalAuthorityFactory(
        name="London Borough of Barnet", short_name="barnet", sub_region=SubRegion.NORTH
    )
    successor = OrganisationFactory(name="Digital London", kind=OrganisationKind.OTHER)
    closed = OrganisationFactory(
        name="London Connects Agency",
        kind=OrganisationKind.OTHER,
        status=OrganisationStatus.CLOSED,
        closed_on=datetime.date(2006, 10, 1),
        successor=successor,
        parent=newham,
        summary="@SUM(1+1) was its motto",
    )
    return {"newham": newham, "barnet": barnet, "closed": closed, "successor": successor}


def test_the_export_has_every_organisation_a_to_z(client, organisations):
    rows = read_csv(client.get(EXPORT))
    names = [row["Short name"] for row in rows]
    # Case-blind, as the page sorts: "barnet" before "Digital London".
    assert names == sorted(names, key=str.casefold)
    assert names.index("barnet") < names.index("Digital London") < names.index("Newham")
    newham = next(row for row in rows if row["Short name"] == "Newham")
    assert newham["Name"] == "London Borough of Newham"
    assert newham["Kind"] == "Local authority"
    assert newham["Sub-region"] == "East London"
    assert newham["Status"] == "Active"
    assert newham["Address"] == "Newham Dockside, 1000 Dockside Road"
    assert newham["Topics"] == "smart cards"
    assert newham["Page on LondonConnects"] == (
        f"http://testserver{organisations['newham'].get_absolute_url()}"
    )
    closed = next(row for row in rows if row["Name"] == "London Connects Agency")
    assert closed["Status"] == "Closed"
    assert closed["Closed"] == "1 October 2006"
    assert closed["Work taken over by"] == "Digital London"
    assert closed["Part of"] == "London Borough of Newham"
    assert closed["Summary"] == "'@SUM(1+1) was its motto"


def test_the_export_takes_the_lists_filters(client, organisations):
    rows = read_csv(client.get(EXPORT + "?kind=local_authority&sub_region=east"))
    assert [row["Short name"] for row in rows] == ["Newham"]
    rows = read_csv(client.get(EXPORT + "?sub_region=east&sub_region=north"))
    assert [row["Short name"] for row in rows] == ["barnet", "Newham"]


def test_the_list_links_to_the_export_with_its_filters(client, organisations):
    html = client.get(LIST + "?kind=local_authority&sub_region=east").content.decode()
    assert elements(html, "a", href=f"{EXPORT}?kind=local_authority&sub_region=east")
    assert elements(client.get(LIST).content.decode(), "a", href=EXPORT)


def test_the_export_takes_a_fixed_number_of_queries_per_chunk(client, monkeypatch):
    monkeypatch.setattr(views, "EXPORT_CHUNK", 5)

    def queries_for(count):
        Organisation.objects.all().delete()
        for n in range(count):
            OrganisationFactory().topics.add(f"topic {n % 3}")
        return export_queries(client, EXPORT)

    one_chunk, two_chunks, ten_chunks = queries_for(5), queries_for(10), queries_for(50)
    per_chunk = two_chunks - one_chunk
    assert 0 < per_chunk <= 1
    assert ten_chunks == one_chunk + 9 * per_chunk
