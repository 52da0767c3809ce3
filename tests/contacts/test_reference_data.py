"""The reference data: London's 33 authorities by London Plan (2004) sub-region, the GLA and
the partner bodies, loaded idempotently by `manage.py load_reference_data`."""

import datetime
from io import StringIO

import pytest
from django.core.management import call_command

from contacts.models import (
    DatePrecision,
    Organisation,
    OrganisationKind,
    OrganisationStatus,
    RoleArea,
    SubRegion,
)

pytestmark = pytest.mark.django_db

LONDON_PLAN_SUB_REGIONS = {
    SubRegion.CENTRAL: {
        "Camden",
        "Islington",
        "Kensington and Chelsea",
        "Southwark",
        "Wandsworth",
        "Westminster",
    },
    SubRegion.EAST: {
        "Barking and Dagenham",
        "Bexley",
        "City of London",
        "Greenwich",
        "Hackney",
        "Havering",
        "Lewisham",
        "Newham",
        "Redbridge",
        "Tower Hamlets",
    },
    SubRegion.NORTH: {"Barnet", "Enfield", "Haringey", "Waltham Forest"},
    SubRegion.SOUTH: {
        "Bromley",
        "Croydon",
        "Kingston upon Thames",
        "Lambeth",
        "Merton",
        "Richmond upon Thames",
        "Sutton",
    },
    SubRegion.WEST: {
        "Brent",
        "Ealing",
        "Hammersmith and Fulham",
        "Harrow",
        "Hillingdon",
        "Hounslow",
    },
}


def load():
    out = StringIO()
    call_command("load_reference_data", stdout=out)
    return out.getvalue()


def test_exactly_33_local_authorities_each_with_a_sub_region():
    load()
    authorities = Organisation.objects.local_authorities()

    assert authorities.count() == 33
    assert not authorities.filter(sub_region="").exists()
    assert not Organisation.objects.exclude(kind=OrganisationKind.LOCAL_AUTHORITY).exclude(
        sub_region=""
    )


def test_sub_regions_are_the_london_plan_2004_ones():
    load()

    for sub_region, names in LONDON_PLAN_SUB_REGIONS.items():
        in_database = set(
            Organisation.objects.local_authorities()
            .in_sub_region(sub_region)
            .values_list("short_name", flat=True)
        )
        assert in_database == names, sub_region
    sizes = [len(LONDON_PLAN_SUB_REGIONS[s]) for s in ("central", "east", "north", "south", "west")]
    assert sizes == [6, 10, 4, 7, 6]


@pytest.mark.parametrize(
    ("slug", "name"),
    [
        ("camden", "London Borough of Camden"),
        ("kensington-and-chelsea", "Royal Borough of Kensington and Chelsea"),
        ("greenwich", "Royal Borough of Greenwich"),
        ("kingston-upon-thames", "Royal Borough of Kingston upon Thames"),
        ("westminster", "City of Westminster"),
        ("city-of-london", "City of London Corporation"),
        ("richmond-upon-thames", "London Borough of Richmond upon Thames"),
    ],
)
def test_councils_have_their_proper_names(slug, name):
    load()
    assert Organisation.objects.get(slug=slug).name == name


def test_the_partner_bodies_and_their_kinds():
    load()
    kinds = dict(Organisation.objects.values_list("slug", "kind"))

    assert kinds["gla"] == OrganisationKind.GLA_GROUP
    assert kinds["nhs-in-london"] == OrganisationKind.HEALTH
    assert kinds["metropolitan-police"] == OrganisationKind.POLICE
    assert kinds["metropolitan-police-authority"] == OrganisationKind.POLICE
    assert kinds["lfepa"] == OrganisationKind.FIRE
    assert kinds["transport-for-london"] == OrganisationKind.TRANSPORT
    assert kinds["lvsc"] == OrganisationKind.VOLUNTARY
    assert kinds["london-libraries-development-agency"] == OrganisationKind.LIBRARY
    assert kinds["lgfl"] == OrganisationKind.EDUCATION
    assert kinds["idea"] == OrganisationKind.OTHER
    assert kinds["socitm-london"] == OrganisationKind.OTHER
    assert kinds["alg"] == OrganisationKind.OTHER
    assert kinds["london-councils"] == OrganisationKind.OTHER
    for slug in ("government-office-for-london", "odpm", "dclg", "office-of-the-e-envoy"):
        assert kinds[slug] == OrganisationKind.CENTRAL_GOVERNMENT
    assert Organisation.objects.get(slug="transport-for-london").parent.slug == "gla"


@pytest.mark.parametrize(
    ("slug", "closed_on", "precision", "successor"),
    [
        ("alg", datetime.date(2006, 10, 1), DatePrecision.MONTH, "london-councils"),
        ("odpm", datetime.date(2006, 5, 5), DatePrecision.DAY, "dclg"),
        ("government-office-for-london", datetime.date(2011, 3, 31), DatePrecision.DAY, None),
        (
            "office-of-the-e-envoy",
            datetime.date(2004, 1, 1),
            DatePrecision.YEAR,
            "e-government-unit",
        ),
        ("lfepa", datetime.date(2018, 4, 1), DatePrecision.DAY, "london-fire-commissioner"),
    ],
)
def test_bodies_that_closed_point_to_their_successors(slug, closed_on, precision, successor):
    load()
    body = Organisation.objects.select_related("successor").get(slug=slug)

    assert body.status == OrganisationStatus.CLOSED
    assert body.closed_on == closed_on
    assert body.closed_on_precision == precision
    assert (body.successor.slug if body.successor else None) == successor


def test_the_odpm_leads_to_the_department_of_today():
    load()
    assert Organisation.objects.get(slug="odpm").current_body().slug == "mhclg"


def test_every_body_passes_the_same_validation_as_the_admin():
    load()
    for organisation in Organisation.objects.all():
        organisation.full_clean()


def test_role_areas_are_seeded():
    load()
    assert {
        "E-government lead",
        "Chief information officer",
        "Web manager",
        "Information governance",
        "Customer services",
        "Policy",
        "Procurement",
        "Research",
        "Partnership manager",
    } == set(RoleArea.objects.values_list("name", flat=True))


def test_a_second_run_changes_nothing_and_says_so():
    first = load()
    history_rows = Organisation.history.count()
    stamps = dict(Organisation.objects.values_list("slug", "updated_at"))

    second = load()

    assert "created" in first
    assert "nothing changed" in second
    assert Organisation.history.count() == history_rows
    assert dict(Organisation.objects.values_list("slug", "updated_at")) == stamps
    assert Organisation.objects.count() == len(stamps)


def test_a_run_puts_an_edited_fact_right():
    load()
    Organisation.objects.filter(slug="camden").update(sub_region=SubRegion.EAST)
    Organisation.objects.filter(slug="alg").update(successor=None)

    output = load()

    assert "2 updated" in output
    assert Organisation.objects.get(slug="camden").sub_region == SubRegion.CENTRAL
    assert Organisation.objects.get(slug="alg").successor.slug == "london-councils"
