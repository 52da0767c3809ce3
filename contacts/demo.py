"""Demo contacts and groups for `manage.py seed_demo`: clearly fictional people and groups,
spread over the real organisations of the reference data.

The people are made up: names from the fixed lists below, e-mail addresses at example.org
(reserved for examples, RFC 2606) and telephone numbers in Ofcom's range for drama
(020 7946 0000 to 0999). Every record is derived from its position in the sequence, so a
run at scale 2 after scale 1 adds only the second half, and a repeated run creates nothing.
"""

import datetime
import random

from django.contrib.contenttypes.models import ContentType
from django.utils import timezone
from django.utils.text import slugify
from simple_history.utils import bulk_create_with_history

from .models import (
    Contact,
    Group,
    GroupKind,
    LawfulBasis,
    Organisation,
    OrganisationKind,
    RoleArea,
    SubRegion,
    Visibility,
)
from .reference_data import load_reference_data

CONTACTS_PER_SCALE = 40
GROUPS_PER_SCALE = 6
BATCH = 1000

FIRST_NAMES = (
    "Adaeze", "Alasdair", "Amara", "Bronwen", "Caius", "Delphine", "Dorcas", "Eamon",
    "Efua", "Fenella", "Florian", "Gideon", "Hollis", "Ines", "Isidore", "Jessamy",
    "Kwabena", "Leocadia", "Linus", "Marisol", "Morwenna", "Niamh", "Oisin", "Oluwaseun",
    "Perpetua", "Quillon", "Rosalind", "Saoirse", "Tobias", "Ulrika", "Vashti", "Wendell",
    "Xanthe", "Yusuf", "Zenobia", "Barnaby", "Clemency", "Desmond", "Evadne", "Ferdinand",
)  # fmt: skip
LAST_NAMES = (
    "Abernethy", "Ballantyne", "Cartwright-Osei", "Delacroix", "Entwhistle", "Fairweather",
    "Gallimore", "Hathersage", "Ingleby", "Jessop-Mensah", "Kettleborough", "Lindqvist",
    "Marchbanks", "Nettleford", "Oyelaran", "Pemberton-Quaye", "Quartermaine", "Rathbone",
    "Sallowfield", "Thistlewood", "Umberleigh", "Vanterpool", "Wetherall", "Yardley-Okoro",
    "Zabini-Hart", "Ashdown", "Brightwater", "Colquhoun", "Dunstable", "Elderfield",
    "Fortescue", "Greenhalgh", "Hollingworth", "Inchbald", "Jollife", "Kingsolver",
    "Lovibond", "Merriweather", "Northcote", "Ormerod", "Pettigrew", "Ravenscroft",
    "Stallybrass", "Tremayne", "Underhill", "Verity", "Wainwright", "Yelverton", "Zouch",
    "Marchmont",
)  # fmt: skip
JOB_TITLES = (
    "Head of e-Government",
    "E-Government Programme Manager",
    "Chief Information Officer",
    "Head of ICT",
    "Web Manager",
    "Information Governance Officer",
    "Head of Customer Services",
    "Policy Officer",
    "Procurement Manager",
    "Research Officer",
    "Partnership Manager",
    "Head of Transformation",
)
TOPICS = (
    "e-government",
    "customer services",
    "web accessibility",
    "information sharing",
    "broadband",
    "e-procurement",
    "smart cards",
    "digital inclusion",
    "open standards",
    "data protection",
)
CROSS_SECTOR_GROUPS = (
    ("London Information Sharing Forum", "Councils, police and health bodies agreeing how "
     "to share information safely."),
    ("London Web Managers' Group", "Web managers from London's public bodies comparing "
     "notes on accessible, usable sites."),
    ("Capital Customer Contact Network", "Customer services leads working on shared contact "
     "centres and joined-up enquiries."),
    ("London E-Procurement Circle", "Procurement teams buying together and sharing "
     "e-procurement tools."),
    ("Digital Inclusion Alliance for London", "Public and voluntary bodies helping "
     "Londoners get online."),
)  # fmt: skip
SHAREWARE_PROJECTS = (
    "Shared planning applications portal",
    "Common address gazetteer",
    "Joint e-payments engine",
    "Shared CRM for contact centres",
    "Open-source content management kit",
    "Reusable online forms library",
    "Shared schools admissions system",
    "Joint GIS mapping service",
)
# (listing visibility, e-mail visibility, phone visibility) and how often each occurs:
# most entries are public with contact details for staff only; some show more, some less.
VISIBILITY_MIX = (
    ((Visibility.PUBLIC, Visibility.STAFF, Visibility.STAFF), 10),
    ((Visibility.PUBLIC, Visibility.PARTNERS, Visibility.STAFF), 4),
    ((Visibility.PUBLIC, Visibility.PUBLIC, Visibility.PUBLIC), 2),
    ((Visibility.PARTNERS, Visibility.PARTNERS, Visibility.PARTNERS), 3),
    ((Visibility.STAFF, Visibility.STAFF, Visibility.STAFF), 1),
)
DEMO_SOURCE = "Fictional demo entry created by seed_demo"


def _person_name(index):
    """A fictional name, unique for the first len(FIRST) * len(LAST) indexes."""
    first = FIRST_NAMES[index % len(FIRST_NAMES)]
    cycle = index // len(FIRST_NAMES)
    # 41 (len(FIRST_NAMES) + 1) and 50 are coprime, so each cycle pairs every first name
    # with a different surname.
    last = LAST_NAMES[(index + cycle) % len(LAST_NAMES)]
    rounds = index // (len(FIRST_NAMES) * len(LAST_NAMES))
    middle = f" {chr(ord('A') + (rounds - 1) % 26)}." if rounds else ""
    return f"{first}{middle} {last}"


def _topic_tags(names):
    """The taggit tags of `names`, made if missing (matched as taggit matches them)."""
    from taggit.models import Tag

    tags = {}
    for name in names:
        tags[name] = Tag.objects.filter(name__iexact=name).first() or Tag.objects.create(name=name)
    return tags


def seed_contacts(scale, base_seed, organisations, role_areas):
    """Contacts in bulk (with their history rows), then their role areas and topics: the
    search benchmark seeds 20,000 of them."""
    today = timezone.localdate()
    weighted = [mix for mix, weight in VISIBILITY_MIX for _ in range(weight)]
    existing = set(Contact.objects.filter(slug__endswith="-demo").values_list("slug", flat=True))
    contacts, areas_of, topics_of = [], [], []
    for index in range(CONTACTS_PER_SCALE * scale):
        name = _person_name(index)
        slug = f"{slugify(name)}-demo"
        if slug in existing:
            continue
        rng = random.Random(f"{base_seed}:contact:{index}")
        listing, email_visibility, phone_visibility = rng.choice(weighted)
        # One in twenty is past its review date, to show how lapsed entries drop out of view.
        lapsed = rng.random() < 0.05
        days_to_review = -rng.randint(1, 60) if lapsed else rng.randint(30, 365)
        contacts.append(
            Contact(
                name=name,
                slug=slug,
                job_title=rng.choice(JOB_TITLES),
                organisation=organisations[index % len(organisations)],
                email=f"{slug.removesuffix('-demo')}@example.org",
                phone=f"020 7946 0{index % 1000:03d}",
                profile=f"{name.split()[0]} is a fictional person in the LondonConnects demo data.",
                listing_visibility=listing,
                email_visibility=email_visibility,
                phone_visibility=phone_visibility,
                lawful_basis=LawfulBasis.PUBLIC_TASK,
                source=DEMO_SOURCE,
                recorded_on=today - datetime.timedelta(days=rng.randint(0, 300)),
                review_by=today + datetime.timedelta(days=days_to_review),
            )
        )
        areas_of.append(rng.sample(role_areas, k=rng.randint(1, 2)))
        topics_of.append(rng.sample(TOPICS, k=rng.randint(1, 3)))
    if not contacts:
        return 0
    bulk_create_with_history(contacts, Contact, batch_size=BATCH)
    by_slug = dict(
        Contact.objects.filter(slug__in=[c.slug for c in contacts]).values_list("slug", "pk")
    )
    RoleAreas = Contact.role_areas.through
    RoleAreas.objects.bulk_create(
        [
            RoleAreas(contact_id=by_slug[contact.slug], rolearea_id=area.pk)
            for contact, areas in zip(contacts, areas_of, strict=True)
            for area in areas
        ],
        batch_size=BATCH,
    )
    tags = _topic_tags(TOPICS)
    TaggedItem = Contact.topics.through
    content_type = ContentType.objects.get_for_model(Contact)
    TaggedItem.objects.bulk_create(
        [
            TaggedItem(tag=tags[name], content_type=content_type, object_id=by_slug[contact.slug])
            for contact, names in zip(contacts, topics_of, strict=True)
            for name in names
        ],
        batch_size=BATCH,
    )
    return len(contacts)


def _nth_name(names, n):
    """The n-th name of a fixed list, numbered once the list runs out: 'X', ..., 'X 2'."""
    name = names[n % len(names)]
    return name if n < len(names) else f"{name} {n // len(names) + 1}"


def _group_specs(scale):
    """Five sub-regional partnerships, then cross-sector groups and shareware clubs in turn."""
    for sub_region in SubRegion:
        yield {
            "kind": GroupKind.SUB_REGIONAL,
            "name": f"{sub_region.label} e-Government Partnership (demo)",
            "sub_region": sub_region,
            "summary": f"A fictional partnership of the councils of {sub_region.label}.",
        }
    cross_sector_names = [name for name, _ in CROSS_SECTOR_GROUPS]
    for index in range(GROUPS_PER_SCALE * scale - len(SubRegion) + 1):
        nth = index // 2
        if index % 2 == 0:
            yield {
                "kind": GroupKind.CROSS_SECTOR,
                "name": f"{_nth_name(cross_sector_names, nth)} (demo)",
                "summary": CROSS_SECTOR_GROUPS[nth % len(CROSS_SECTOR_GROUPS)][1],
            }
        else:
            project = _nth_name(SHAREWARE_PROJECTS, nth)
            yield {
                "kind": GroupKind.SHAREWARE_CLUB,
                "name": f"{project} club (demo)",
                "shared_project": project,
                "summary": "A fictional shareware club of councils sharing one project.",
            }


def seed_groups(scale, base_seed):
    authorities = list(Organisation.objects.active().local_authorities().order_by("slug"))
    partners = list(
        Organisation.objects.active()
        .exclude(kind=OrganisationKind.LOCAL_AUTHORITY)
        .order_by("slug")
    )
    existing = set(Group.objects.values_list("slug", flat=True))
    created = 0
    for index, spec in enumerate(_group_specs(scale)):
        slug = slugify(spec["name"])
        if slug in existing:
            continue
        rng = random.Random(f"{base_seed}:group:{index}")
        if spec["kind"] == GroupKind.SUB_REGIONAL:
            members = [a for a in authorities if a.sub_region == spec["sub_region"]]
        elif spec["kind"] == GroupKind.CROSS_SECTOR:
            members = rng.sample(authorities, k=4) + rng.sample(partners, k=3)
        else:
            members = rng.sample(authorities, k=rng.randint(3, 6))
        convenor = members[0]
        convenor_contact = (
            Contact.objects.public().filter(organisation=convenor).order_by("slug").first()
        )
        group = Group.objects.create(
            slug=slug,
            convenor=convenor,
            convenor_contact=convenor_contact,
            **spec,
        )
        group.members.add(*members)
        group.topics.add(*rng.sample(TOPICS, k=2))
        created += 1
    return created


def seed(scale, rng, stdout, group_scale=None):
    """The contacts seeder: reference data first, so it works on an empty database.

    `group_scale` (default: `scale`) sets the groups apart: the search benchmark's 20,000
    contacts come with the few dozen groups a real partnership has."""
    reference = load_reference_data()
    if reference.changed:
        stdout.write(f"reference data: {reference.created} created, {reference.updated} updated")
    base_seed = rng.random()
    organisations = list(Organisation.objects.active().order_by("slug"))
    role_areas = list(RoleArea.objects.order_by("slug"))
    return seed_contacts(scale, base_seed, organisations, role_areas) + seed_groups(
        scale if group_scale is None else group_scale, base_seed
    )
