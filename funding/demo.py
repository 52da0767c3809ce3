"""Demo funding for `manage.py seed_demo`: fictional funds kept by real organisations.

Names pair a made-up fund name with a subject ("Larkspur Fund for smart cards"), every
summary says the fund is fictional, slugs end in "-demo", and links point at example.org
(RFC 2606). Rounds are placed around today: some open and closing within days or weeks,
some opening later, some rolling, some closed, so every filter has examples. Each record is
derived from its position, so a repeated run creates nothing and scale 2 adds the rest.
At scale 1: 40 funding sources.
"""

import datetime
import random
from decimal import Decimal

from django.utils import timezone
from django.utils.text import slugify

from contacts.models import Contact, Organisation, OrganisationKind

from .applicants import ensure_applicant_kinds
from .models import ApplicantKind, FundingKind, FundingRound, FundingScope, FundingSource

SOURCES_PER_SCALE = 40

FUND_NAMES = (
    "Larkspur", "Foxglove", "Bluebell", "Campion", "Celandine", "Cowslip", "Harebell",
    "Meadowsweet", "Primrose", "Sorrel", "Teasel", "Vetch", "Yarrow",
)  # fmt: skip
# (subject, scope, kind, funder name when not in the directory, topics); 13 names and 10
# subjects are coprime, so names repeat only after 130 funds.
SUBJECTS = (
    ("smart cards", FundingScope.UK_NATIONAL, FundingKind.GRANT, "", ("smart cards",)),
    ("digital inclusion", FundingScope.LOTTERY, FundingKind.GRANT,
     "Fictional Community Lottery Trust", ("digital inclusion",)),
    ("cross-border e-services", FundingScope.EUROPEAN, FundingKind.MATCH_FUNDING,
     "European Commission (fictional programme)", ("e-government", "open standards")),
    ("broadband for public buildings", FundingScope.LONDON, FundingKind.GRANT, "",
     ("broadband",)),
    ("joined-up customer services", FundingScope.UK_NATIONAL, FundingKind.LOAN, "",
     ("customer services",)),
    ("innovation in e-democracy", FundingScope.PRIVATE, FundingKind.PRIZE,
     "Fictional Technology Foundation", ("e-government",)),
    ("shared infrastructure", FundingScope.LONDON, FundingKind.PROCUREMENT_FRAMEWORK, "",
     ("e-procurement", "information sharing")),
    ("community learning centres", FundingScope.EUROPEAN, FundingKind.GRANT,
     "European Social Fund (fictional call)", ("digital inclusion", "broadband")),
    ("information sharing in care", FundingScope.UK_NATIONAL, FundingKind.GRANT, "",
     ("information sharing", "data protection")),
    ("voluntary sector ICT", FundingScope.LOTTERY, FundingKind.GRANT,
     "Fictional Charitable Foundation", ("digital inclusion",)),
)  # fmt: skip
FUNDER_KINDS = (OrganisationKind.GLA_GROUP, OrganisationKind.CENTRAL_GOVERNMENT)
# Days from today to each round's deadline, by pattern: rounds open and closing soon, later,
# opening in the future, rolling (None), and closed.
ROUND_PATTERNS = (
    ((-20, 5),),
    ((-40, 12), (60, 150)),
    ((-10, 28),),
    ((None, None),),
    ((-90, 45),),
    ((-200, -30), (20, 90)),
    ((-60, 2),),
    ((-300, -100),),
    ((-30, 75),),
    ((-5, 19), (-400, -200)),
)
DEADLINE_TIMES = (datetime.time(12, 0), datetime.time(17, 0), datetime.time(23, 59))


def source_name(index):
    name = FUND_NAMES[index % len(FUND_NAMES)]
    subject = SUBJECTS[index % len(SUBJECTS)][0]
    cycle = index // (len(FUND_NAMES) * len(SUBJECTS))
    return f"{name} Fund for {subject}" + (f" ({cycle + 1})" if cycle else "")


def seed(scale, rng, stdout):
    base_seed = rng.random()
    today = timezone.localdate()
    keepers = list(
        Organisation.objects.active()
        .filter(kind__in=(OrganisationKind.LOCAL_AUTHORITY, *FUNDER_KINDS))
        .order_by("slug")
    )
    funders = [o for o in keepers if o.kind in FUNDER_KINDS]
    ensure_applicant_kinds(ApplicantKind)
    applicants = list(ApplicantKind.objects.order_by("order"))
    if not keepers or not applicants:
        return 0
    people = {}
    for contact in Contact.objects.public().order_by("slug"):
        people.setdefault(contact.organisation_id, []).append(contact)
    existing = set(
        FundingSource.objects.filter(slug__endswith="-demo").values_list("slug", flat=True)
    )
    created = 0
    for index in range(SOURCES_PER_SCALE * scale):
        name = source_name(index)
        slug = f"{slugify(name)}-demo"
        if slug in existing:
            continue
        record_rng = random.Random(f"{base_seed}:funding:{index}")
        _create(index, name, slug, record_rng, today, keepers, funders, applicants, people)
        created += 1
    return created


def _create(index, name, slug, rng, today, keepers, funders, applicants, people):
    subject, scope, kind, funder_name, topics = SUBJECTS[index % len(SUBJECTS)]
    owner = keepers[index % len(keepers)]
    funder = None if funder_name else (funders[index % len(funders)] if funders else owner)
    if funder is None and not funder_name:
        funder_name = "Fictional Funding Agency"
    largest = Decimal(rng.randrange(10_000, 2_000_000, 5_000))
    reviewed_days_ago = rng.randint(400, 700) if index % 9 == 4 else rng.randint(0, 300)
    source = FundingSource.objects.create(
        name=name,
        slug=slug,
        owner=owner,
        funder=funder,
        funder_name=funder_name,
        scope=scope,
        kind=kind,
        summary=(
            f"A fictional fund in the LondonConnects demo data, for {subject}.\n\n"
            "It shows how a source of e-funding is described: what the money is for, who "
            "may apply and when."
        ),
        eligibility=(
            "- bids led by a public body, alone or in partnership\n"
            "- projects that start within six months of the award\n\n"
            "This fund is **fictional**: do not apply."
        ),
        min_amount=(largest / 20).quantize(Decimal("1")) if rng.random() < 0.7 else None,
        max_amount=largest,
        total_pot=largest * rng.choice((5, 10, 20)),
        match_funding_percent=rng.choice((None, None, 25, 50)),
        application_url=f"https://www.example.org/funding/{slug}/apply",
        guidance_url=f"https://www.example.org/funding/{slug}/guidance"
        if rng.random() < 0.7
        else "",
        contact=(people.get(owner.pk) or [None])[0],
        last_reviewed_on=today - datetime.timedelta(days=reviewed_days_ago),
    )
    first = index % len(applicants)
    source.eligible_applicants.add(*(applicants[first:] + applicants[:first])[: rng.randint(1, 4)])
    source.topics.add(*topics)
    for number, (opens, closes) in enumerate(ROUND_PATTERNS[index % len(ROUND_PATTERNS)], 1):
        if closes is None:
            FundingRound.objects.create(source=source, name="Rolling programme", is_rolling=True)
            continue
        closing_day = today + datetime.timedelta(days=closes)
        closes_at = timezone.make_aware(
            datetime.datetime.combine(closing_day, DEADLINE_TIMES[index % len(DEADLINE_TIMES)])
        )
        FundingRound.objects.create(
            source=source,
            name=f"Round {number}",
            opens_on=today + datetime.timedelta(days=opens),
            closes_at=closes_at,
            decision_on=closing_day + datetime.timedelta(days=rng.randint(30, 90)),
        )
