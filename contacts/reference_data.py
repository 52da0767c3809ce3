"""Facts about the bodies in London's e-government partnership, and the loader that keeps
the database in step with them.

Facts only: names, kinds, sub-regions, parents, closing dates and successors. Where a
date is known only to the month or year, its precision says so; where no date can be
justified, the body is recorded without one (see the sources in
contacts/management/commands/load_reference_data.py).
"""

import datetime
from dataclasses import dataclass

from django.db import transaction

from .models import (
    DatePrecision,
    Organisation,
    OrganisationKind,
    OrganisationStatus,
    RoleArea,
    SubRegion,
)

Kind = OrganisationKind


@dataclass(frozen=True)
class Body:
    slug: str
    name: str
    kind: str
    short_name: str = ""
    sub_region: str = ""
    website: str = ""
    summary: str = ""
    parent: str = ""
    closed_on: datetime.date | None = None
    closed_on_precision: str = DatePrecision.DAY
    successor: str = ""


def _borough(slug, name, short_name, sub_region, website):
    return Body(
        slug=slug,
        name=name,
        short_name=short_name,
        kind=Kind.LOCAL_AUTHORITY,
        sub_region=sub_region,
        website=website,
        summary=f"One of the 32 London borough councils; in the {SubRegion(sub_region).label} "
        "sub-region of the London Plan (2004).",
    )


C, E, N, S, W = SubRegion.CENTRAL, SubRegion.EAST, SubRegion.NORTH, SubRegion.SOUTH, SubRegion.WEST

# The 32 boroughs and the City of London, by London Plan (2004) sub-region: 6 + 10 + 4 + 7 + 6.
# The 2004 Plan put the City of London in East London, Lambeth in South and Wandsworth in
# Central; the 2008 and 2011 alterations redrew them.
LOCAL_AUTHORITIES = (
    # Central
    _borough("camden", "London Borough of Camden", "Camden", C, "https://www.camden.gov.uk/"),
    _borough(
        "islington", "London Borough of Islington", "Islington", C, "https://www.islington.gov.uk/"
    ),
    _borough(
        "kensington-and-chelsea",
        "Royal Borough of Kensington and Chelsea",
        "Kensington and Chelsea",
        C,
        "https://www.rbkc.gov.uk/",
    ),
    _borough(
        "southwark", "London Borough of Southwark", "Southwark", C, "https://www.southwark.gov.uk/"
    ),
    _borough(
        "westminster", "City of Westminster", "Westminster", C, "https://www.westminster.gov.uk/"
    ),
    _borough(
        "wandsworth",
        "London Borough of Wandsworth",
        "Wandsworth",
        C,
        "https://www.wandsworth.gov.uk/",
    ),
    # East
    Body(
        slug="city-of-london",
        name="City of London Corporation",
        short_name="City of London",
        kind=Kind.LOCAL_AUTHORITY,
        sub_region=E,
        website="https://www.cityoflondon.gov.uk/",
        summary="The local authority for the City of London; in the East London sub-region "
        "of the London Plan (2004).",
    ),
    _borough(
        "barking-and-dagenham",
        "London Borough of Barking and Dagenham",
        "Barking and Dagenham",
        E,
        "https://www.lbbd.gov.uk/",
    ),
    _borough("bexley", "London Borough of Bexley", "Bexley", E, "https://www.bexley.gov.uk/"),
    _borough(
        "greenwich",
        "Royal Borough of Greenwich",
        "Greenwich",
        E,
        "https://www.royalgreenwich.gov.uk/",
    ),
    _borough("hackney", "London Borough of Hackney", "Hackney", E, "https://www.hackney.gov.uk/"),
    _borough(
        "havering", "London Borough of Havering", "Havering", E, "https://www.havering.gov.uk/"
    ),
    _borough(
        "lewisham", "London Borough of Lewisham", "Lewisham", E, "https://www.lewisham.gov.uk/"
    ),
    _borough("newham", "London Borough of Newham", "Newham", E, "https://www.newham.gov.uk/"),
    _borough(
        "redbridge", "London Borough of Redbridge", "Redbridge", E, "https://www.redbridge.gov.uk/"
    ),
    _borough(
        "tower-hamlets",
        "London Borough of Tower Hamlets",
        "Tower Hamlets",
        E,
        "https://www.towerhamlets.gov.uk/",
    ),
    # North
    _borough("barnet", "London Borough of Barnet", "Barnet", N, "https://www.barnet.gov.uk/"),
    _borough("enfield", "London Borough of Enfield", "Enfield", N, "https://www.enfield.gov.uk/"),
    _borough(
        "haringey", "London Borough of Haringey", "Haringey", N, "https://www.haringey.gov.uk/"
    ),
    _borough(
        "waltham-forest",
        "London Borough of Waltham Forest",
        "Waltham Forest",
        N,
        "https://www.walthamforest.gov.uk/",
    ),
    # South
    _borough("lambeth", "London Borough of Lambeth", "Lambeth", S, "https://www.lambeth.gov.uk/"),
    _borough("bromley", "London Borough of Bromley", "Bromley", S, "https://www.bromley.gov.uk/"),
    _borough("croydon", "London Borough of Croydon", "Croydon", S, "https://www.croydon.gov.uk/"),
    _borough(
        "kingston-upon-thames",
        "Royal Borough of Kingston upon Thames",
        "Kingston upon Thames",
        S,
        "https://www.kingston.gov.uk/",
    ),
    _borough("merton", "London Borough of Merton", "Merton", S, "https://www.merton.gov.uk/"),
    _borough(
        "richmond-upon-thames",
        "London Borough of Richmond upon Thames",
        "Richmond upon Thames",
        S,
        "https://www.richmond.gov.uk/",
    ),
    _borough("sutton", "London Borough of Sutton", "Sutton", S, "https://www.sutton.gov.uk/"),
    # West
    _borough("brent", "London Borough of Brent", "Brent", W, "https://www.brent.gov.uk/"),
    _borough("ealing", "London Borough of Ealing", "Ealing", W, "https://www.ealing.gov.uk/"),
    _borough(
        "hammersmith-and-fulham",
        "London Borough of Hammersmith and Fulham",
        "Hammersmith and Fulham",
        W,
        "https://www.lbhf.gov.uk/",
    ),
    _borough("harrow", "London Borough of Harrow", "Harrow", W, "https://www.harrow.gov.uk/"),
    _borough(
        "hillingdon",
        "London Borough of Hillingdon",
        "Hillingdon",
        W,
        "https://www.hillingdon.gov.uk/",
    ),
    _borough(
        "hounslow", "London Borough of Hounslow", "Hounslow", W, "https://www.hounslow.gov.uk/"
    ),
)

# Successors are listed before the bodies that name them, and parents before their children,
# but the loader does not depend on the order: it links parents and successors in a second pass.
PARTNERS = (
    Body(
        slug="gla",
        name="Greater London Authority",
        short_name="GLA",
        kind=Kind.GLA_GROUP,
        website="https://www.london.gov.uk/",
        summary="The Mayor of London and the London Assembly: London's strategic authority "
        "since 2000.",
    ),
    Body(
        slug="transport-for-london",
        name="Transport for London",
        short_name="TfL",
        kind=Kind.TRANSPORT,
        parent="gla",
        website="https://tfl.gov.uk/",
        summary="The GLA body responsible for London's transport system.",
    ),
    Body(
        slug="metropolitan-police",
        name="Metropolitan Police Service",
        short_name="Metropolitan Police",
        kind=Kind.POLICE,
        website="https://www.met.police.uk/",
        summary="The police force for Greater London, outside the City of London.",
    ),
    Body(
        slug="mayors-office-for-policing-and-crime",
        name="Mayor's Office for Policing and Crime",
        short_name="MOPAC",
        kind=Kind.POLICE,
        parent="gla",
        summary="The GLA body that oversees the Metropolitan Police; it replaced the "
        "Metropolitan Police Authority in 2012.",
    ),
    Body(
        slug="metropolitan-police-authority",
        name="Metropolitan Police Authority",
        short_name="MPA",
        kind=Kind.POLICE,
        parent="gla",
        summary="The police authority for the Metropolitan Police, a GLA body from 2000.",
        closed_on=datetime.date(2012, 1, 16),
        successor="mayors-office-for-policing-and-crime",
    ),
    Body(
        slug="london-fire-commissioner",
        name="London Fire Commissioner",
        kind=Kind.FIRE,
        parent="gla",
        website="https://www.london-fire.gov.uk/",
        summary="The fire and rescue authority for London; it replaced the London Fire and "
        "Emergency Planning Authority in 2018.",
    ),
    Body(
        slug="lfepa",
        name="London Fire and Emergency Planning Authority",
        short_name="LFEPA",
        kind=Kind.FIRE,
        parent="gla",
        summary="The GLA body that ran the London Fire Brigade and London's emergency planning "
        "from 2000.",
        closed_on=datetime.date(2018, 4, 1),
        successor="london-fire-commissioner",
    ),
    Body(
        slug="nhs-in-london",
        name="NHS in London",
        kind=Kind.HEALTH,
        summary="The National Health Service bodies serving London.",
    ),
    Body(
        slug="lvsc",
        name="London Voluntary Service Council",
        short_name="LVSC",
        kind=Kind.VOLUNTARY,
        summary="The umbrella body for voluntary and community organisations working in London.",
        closed_on=datetime.date(2017, 10, 31),
    ),
    Body(
        slug="london-libraries-development-agency",
        name="London Libraries Development Agency",
        kind=Kind.LIBRARY,
        summary="The agency for the development of London's public libraries.",
    ),
    Body(
        slug="lgfl",
        name="London Grid for Learning",
        short_name="LGfL",
        kind=Kind.EDUCATION,
        website="https://www.lgfl.net/",
        summary="The London boroughs' broadband and learning network for schools.",
    ),
    # IDeA is "other", not central government: it was created by local government for local
    # government and is a company controlled by the Local Government Association.
    Body(
        slug="idea",
        name="Improvement and Development Agency",
        short_name="IDeA",
        kind=Kind.OTHER,
        summary="Local government's own improvement agency, part of the Local Government "
        "Association group.",
    ),
    Body(
        slug="socitm-london",
        name="SOCITM London",
        kind=Kind.OTHER,
        summary="The London branch of the Society of IT Management (SOCITM), for public sector "
        "ICT managers.",
    ),
    Body(
        slug="london-councils",
        name="London Councils",
        kind=Kind.OTHER,
        website="https://www.londoncouncils.gov.uk/",
        summary="The cross-party body representing the 32 London borough councils and the City "
        "of London.",
    ),
    Body(
        slug="alg",
        name="Association of London Government",
        short_name="ALG",
        kind=Kind.OTHER,
        summary="The body representing the London borough councils and the City of London "
        "from 1995.",
        closed_on=datetime.date(2006, 10, 1),
        closed_on_precision=DatePrecision.MONTH,
        successor="london-councils",
    ),
    Body(
        slug="government-office-for-london",
        name="Government Office for London",
        kind=Kind.CENTRAL_GOVERNMENT,
        summary="Central government's regional office in London.",
        closed_on=datetime.date(2011, 3, 31),
    ),
    Body(
        slug="mhclg",
        name="Ministry of Housing, Communities and Local Government",
        short_name="MHCLG",
        kind=Kind.CENTRAL_GOVERNMENT,
        website="https://www.gov.uk/government/organisations/"
        "ministry-of-housing-communities-local-government",
        summary="The government department for housing, communities and local government in "
        "England.",
    ),
    Body(
        slug="dclg",
        name="Department for Communities and Local Government",
        short_name="DCLG",
        kind=Kind.CENTRAL_GOVERNMENT,
        summary="The government department for communities and local government from 2006.",
        closed_on=datetime.date(2018, 1, 8),
        successor="mhclg",
    ),
    Body(
        slug="odpm",
        name="Office of the Deputy Prime Minister",
        short_name="ODPM",
        kind=Kind.CENTRAL_GOVERNMENT,
        summary="The government department responsible for local government, housing, "
        "planning and the regions.",
        closed_on=datetime.date(2006, 5, 5),
        successor="dclg",
    ),
    Body(
        slug="e-government-unit",
        name="e-Government Unit",
        kind=Kind.CENTRAL_GOVERNMENT,
        summary="The Cabinet Office unit that took over the work of the Office of the e-Envoy "
        "in 2004.",
    ),
    Body(
        slug="office-of-the-e-envoy",
        name="Office of the e-Envoy",
        kind=Kind.CENTRAL_GOVERNMENT,
        summary="The Cabinet Office team set up in 1999 to get government services online.",
        closed_on=datetime.date(2004, 1, 1),
        closed_on_precision=DatePrecision.YEAR,
        successor="e-government-unit",
    ),
)

BODIES = LOCAL_AUTHORITIES + PARTNERS

ROLE_AREAS = (
    ("e-government-lead", "E-government lead"),
    ("chief-information-officer", "Chief information officer"),
    ("web-manager", "Web manager"),
    ("information-governance", "Information governance"),
    ("customer-services", "Customer services"),
    ("policy", "Policy"),
    ("procurement", "Procurement"),
    ("research", "Research"),
    ("partnership-manager", "Partnership manager"),
)


@dataclass
class LoadResult:
    created: int = 0
    updated: int = 0
    unchanged: int = 0

    @property
    def changed(self):
        return self.created + self.updated

    def count(self, created, changed):
        if created:
            self.created += 1
        elif changed:
            self.updated += 1
        else:
            self.unchanged += 1


def _sync(model, slug, values):
    """Create or update one row by slug; save only when something differs, so a second run
    writes nothing (no history rows, no index updates). Returns (object, created, changed)."""
    obj = model.objects.filter(slug=slug).first()
    if obj is None:
        return model.objects.create(slug=slug, **values), True, True
    changed = {name for name, value in values.items() if getattr(obj, name) != value}
    if changed:
        for name in changed:
            setattr(obj, name, values[name])
        obj.save()
    return obj, False, bool(changed)


@transaction.atomic
def load_reference_data() -> LoadResult:
    """Bring organisations and role areas in line with the facts above (idempotent)."""
    result = LoadResult()
    organisations = {}
    for body in BODIES:
        values = {
            "name": body.name,
            "short_name": body.short_name or body.name,
            "kind": body.kind,
            "sub_region": body.sub_region,
            "website": body.website,
            "summary": body.summary,
            "status": OrganisationStatus.CLOSED if body.closed_on else OrganisationStatus.ACTIVE,
            "closed_on": body.closed_on,
            "closed_on_precision": body.closed_on_precision,
        }
        organisation, created, changed = _sync(Organisation, body.slug, values)
        organisations[body.slug] = (organisation, created, changed)

    for body in BODIES:
        organisation, created, changed = organisations[body.slug]
        links = {
            "parent_id": organisations[body.parent][0].pk if body.parent else None,
            "successor_id": organisations[body.successor][0].pk if body.successor else None,
        }
        stale = {name for name, pk in links.items() if getattr(organisation, name) != pk}
        for name in stale:
            setattr(organisation, name, links[name])
        # The facts must pass the same rules as an edit in the admin (closed needs a date ...).
        organisation.full_clean()
        if stale:
            organisation.save()
        result.count(created, changed or bool(stale))

    for slug, name in ROLE_AREAS:
        _, created, changed = _sync(RoleArea, slug, {"name": name})
        result.count(created, changed)
    return result
