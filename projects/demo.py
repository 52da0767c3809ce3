"""Demo projects for `manage.py seed_demo`: fictional projects owned by real organisations.

Titles pair a made-up code name with a subject ("Kestrel: joint smart card scheme"), every
description says the project is fictional, slugs end in "-demo", and links point at
example.org (reserved for examples, RFC 2606). Each record is derived from its position in
the sequence, so a run at scale 2 after scale 1 adds only the second half, and a repeated
run creates nothing. At scale 1: 60 projects over the 33 boroughs, every programme and status.
"""

import datetime
import random
from decimal import Decimal

from django.utils import timezone
from django.utils.text import slugify

from contacts.models import Contact, Organisation, OrganisationKind

from .models import LinkKind, Programme, Project, ProjectStatus, RelatedLink
from .programmes import ensure_programmes

PROJECTS_PER_SCALE = 60

CODE_NAMES = (
    "Kestrel", "Heron", "Lapwing", "Merlin", "Nightjar", "Osprey", "Plover", "Redshank",
    "Siskin", "Teal", "Wagtail", "Avocet", "Bittern", "Curlew", "Dunlin", "Egret",
    "Fieldfare", "Goldcrest", "Hobby", "Kittiwake", "Linnet", "Moorhen", "Nuthatch",
    "Ouzel", "Pipit", "Redpoll", "Shelduck", "Turnstone", "Warbler", "Whimbrel",
    "Yellowhammer", "Bunting", "Chiffchaff", "Dipper", "Firecrest", "Gannet", "Hoopoe",
    "Jackdaw", "Knot", "Lark", "Martin",
)  # fmt: skip
# (subject, topics): 41 code names and 20 subjects are coprime, so titles repeat only
# after 820 projects.
SUBJECTS = (
    ("joint smart card scheme", ("smart cards", "customer services")),
    ("citizen smart card pilot", ("smart cards", "digital inclusion")),
    ("shared contact centre", ("customer services", "e-government")),
    ("online planning applications", ("e-government", "open standards")),
    ("common address gazetteer", ("information sharing", "open standards")),
    ("e-procurement marketplace", ("e-procurement",)),
    ("community broadband links", ("broadband", "digital inclusion")),
    ("accessible council websites", ("web accessibility", "e-government")),
    ("children's services information sharing", ("information sharing", "data protection")),
    ("online payments engine", ("e-government", "customer services")),
    ("library learning centres", ("digital inclusion", "broadband")),
    ("mobile working for care staff", ("e-government", "information sharing")),
    ("e-democracy webcasting", ("e-government", "digital inclusion")),
    ("schools admissions online", ("e-government", "customer services")),
    ("shared GIS mapping service", ("open standards", "information sharing")),
    ("records management programme", ("data protection", "information sharing")),
    ("housing repairs online", ("customer services",)),
    ("council tax self-service", ("customer services", "e-government")),
    ("voluntary sector ICT support", ("digital inclusion", "broadband")),
    ("smart card concessionary travel", ("smart cards",)),
)  # fmt: skip
# How often each status occurs.
STATUS_MIX = (
    (ProjectStatus.ACTIVE, 5),
    (ProjectStatus.COMPLETED, 3),
    (ProjectStatus.PROPOSED, 2),
    (ProjectStatus.CLOSED, 1),
)
LINK_TITLES = (
    ("Business case", LinkKind.REPORT),
    ("Evaluation report", LinkKind.RESEARCH),
    ("Information sharing protocol", LinkKind.POLICY),
    ("Project newsletter", LinkKind.OTHER),
    ("User survey findings", LinkKind.RESEARCH),
)
PARTNER_KINDS = (
    OrganisationKind.GLA_GROUP,
    OrganisationKind.HEALTH,
    OrganisationKind.POLICE,
    OrganisationKind.FIRE,
    OrganisationKind.TRANSPORT,
    OrganisationKind.VOLUNTARY,
    OrganisationKind.LIBRARY,
    OrganisationKind.EDUCATION,
    OrganisationKind.OTHER,
)


def project_title(index):
    code_name = CODE_NAMES[index % len(CODE_NAMES)]
    subject = SUBJECTS[index % len(SUBJECTS)][0]
    cycle = index // (len(CODE_NAMES) * len(SUBJECTS))
    return f"{code_name}: {subject}" + (f" (phase {cycle + 1})" if cycle else "")


def _dates(rng, status, today):
    if status == ProjectStatus.PROPOSED:
        start = today + datetime.timedelta(days=rng.randint(30, 400))
        return (start if rng.random() < 0.6 else None), None
    start = today - datetime.timedelta(days=rng.randint(200, 2400))
    if status == ProjectStatus.ACTIVE:
        end = today + datetime.timedelta(days=rng.randint(60, 900)) if rng.random() < 0.8 else None
        return start, end
    end = min(
        today - datetime.timedelta(days=30), start + datetime.timedelta(days=rng.randint(180, 1100))
    )
    return start, end


def _money(rng):
    budget = Decimal(rng.randrange(50_000, 4_000_000, 5_000))
    share = Decimal(rng.choice((0, 25, 50, 75, 100)))
    return budget, (budget * share / 100).quantize(Decimal("1")) if share else None


def seed(scale, rng, stdout):
    base_seed = rng.random()
    ensure_programmes(Programme)
    today = timezone.localdate()
    authorities = list(Organisation.objects.active().local_authorities().order_by("slug"))
    others = list(Organisation.objects.active().filter(kind__in=PARTNER_KINDS).order_by("slug"))
    programmes = list(Programme.objects.order_by("order", "pk"))
    if not authorities or not programmes:
        return 0
    public_people = {}
    for contact in Contact.objects.public().order_by("slug"):
        public_people.setdefault(contact.organisation_id, []).append(contact)
    statuses = [status for status, weight in STATUS_MIX for _ in range(weight)]
    existing = set(Project.objects.filter(slug__endswith="-demo").values_list("slug", flat=True))
    created = 0
    for index in range(PROJECTS_PER_SCALE * scale):
        title = project_title(index)
        slug = f"{slugify(title)}-demo"
        if slug in existing:
            continue
        record_rng = random.Random(f"{base_seed}:project:{index}")
        created += 1
        _create(index, title, slug, record_rng, today, authorities, others, programmes,
                statuses, public_people)  # fmt: skip
    return created


def _create(index, title, slug, rng, today, authorities, others, programmes, statuses, people):
    # Every borough leads at least one project; one in six is led by a partner body.
    if index % 6 == 5 and others:
        lead = others[index % len(others)]
    else:
        borough_number = index - (index + 1) // 6  # counting borough-led projects only
        lead = authorities[borough_number % len(authorities)]
    status = statuses[index % len(statuses)]
    start, end = _dates(rng, status, today)
    budget, funding = _money(rng)
    london_wide = index % 10 == 7
    subject, topics = SUBJECTS[index % len(SUBJECTS)]
    # One in six is past its review date, so the "not reviewed" notice has examples.
    reviewed_days_ago = rng.randint(400, 900) if index % 6 == 2 else rng.randint(0, 300)
    project = Project.objects.create(
        title=title,
        slug=slug,
        summary=f"A fictional project for the demo data: {subject}, led by {lead.short_name}.",
        description=(
            f"**{title}** is a fictional project in the LondonConnects demo data.\n\n"
            f"It shows how a {subject} would be described: what it does, for whom, and how "
            "the partners share the work.\n\n"
            "- one shared service instead of several\n- common standards\n"
        ),
        status=status,
        start_date=start,
        end_date=end,
        lead_organisation=lead,
        london_wide=london_wide,
        programme=programmes[index % len(programmes)],
        budget=budget,
        funding_awarded=funding,
        website=f"https://www.example.org/projects/{slug}" if rng.random() < 0.7 else "",
        outcomes=(
            "Fictional lessons: agree data standards before buying systems; involve front-line "
            "staff early."
            if status in (ProjectStatus.COMPLETED, ProjectStatus.CLOSED)
            else ""
        ),
        last_reviewed_on=today - datetime.timedelta(days=reviewed_days_ago),
    )
    partner_pool = [o for o in authorities + others if o.pk != lead.pk]
    project.partners.add(*rng.sample(partner_pool, k=rng.randint(0, 4)))
    if not london_wide:
        areas = [lead] if lead.kind == OrganisationKind.LOCAL_AUTHORITY else []
        neighbours = (
            [a for a in authorities if a.sub_region == areas[0].sub_region]
            if areas
            else authorities
        )
        areas += rng.sample(neighbours, k=min(len(neighbours), rng.randint(0, 3)))
        project.areas.add(*{area.pk for area in areas})
    project.topics.add(*topics)
    lead_people = people.get(lead.pk, [])
    if lead_people:
        project.contacts.add(*lead_people[: rng.randint(1, 2)])
    for order, (link_title, kind) in enumerate(rng.sample(LINK_TITLES, k=rng.randint(0, 3))):
        RelatedLink.objects.create(
            project=project,
            title=link_title,
            url=f"https://www.example.org/projects/{slug}/{slugify(link_title)}",
            kind=kind,
            order=order,
        )
