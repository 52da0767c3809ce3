"""Demo events for `manage.py seed_demo`: fictional events run by real organisations.

Every summary says the event is fictional, slugs end in "-demo", and links point at
example.org (RFC 2606). The London e-Government Conference comes once a year (the next one
and past years'), with workshops, seminars and meetings before and after today; past events
carry papers from the demo papers. Each record is derived from its position, so a repeated
run creates nothing and scale 2 adds the rest. At scale 1: 20 events.
"""

import datetime
import random

from django.utils import timezone
from django.utils.text import slugify

from contacts.models import Organisation, OrganisationKind

from .models import Event, EventKind

EVENTS_PER_SCALE = 20
CONFERENCES_PER_SCALE = 5

SUBJECTS = (
    ("Smart cards in practice", EventKind.WORKSHOP, ("smart cards",)),
    ("Sharing information safely", EventKind.SEMINAR, ("information sharing", "data protection")),
    ("Accessible council websites", EventKind.WORKSHOP, ("web accessibility",)),
    ("Sub-regional e-government leads", EventKind.MEETING, ("e-government",)),
    ("Broadband for libraries", EventKind.SEMINAR, ("broadband", "digital inclusion")),
    ("Buying together online", EventKind.CONFERENCE, ("e-procurement",)),
)
VENUES = (
    ("City Hall", "The Queen's Walk\nLondon\nSE1 2AA"),
    ("Fictional Conference Centre", "1 Example Street\nLondon\nEC1A 1AA"),
    ("Town hall committee room 2", ""),
)


def seed(scale, rng, stdout):
    from papers.models import Paper, PaperKind

    base_seed = rng.random()
    now = timezone.now()
    organisers = list(
        Organisation.objects.active()
        .filter(kind__in=(OrganisationKind.LOCAL_AUTHORITY, OrganisationKind.GLA_GROUP))
        .order_by("slug")
    )
    if not organisers:
        return 0
    gla = next((o for o in organisers if o.kind == OrganisationKind.GLA_GROUP), organisers[0])
    minutes = list(
        Paper.objects.public()
        .filter(kind__in=(PaperKind.MINUTES, PaperKind.GROUP_PAPER), slug__endswith="-demo")
        .order_by("slug")[:40]
    )
    existing = set(Event.objects.filter(slug__endswith="-demo").values_list("slug", flat=True))
    created = 0
    for index in range(EVENTS_PER_SCALE * scale):
        record_rng = random.Random(f"{base_seed}:event:{index}")
        if index < CONFERENCES_PER_SCALE * scale:
            event = _conference(index, now, gla, record_rng, existing)
        else:
            event = _event(index, now, organisers, record_rng, existing)
        if event is None:
            continue
        created += 1
        if event.is_past and minutes and index % 2 == 0:
            event.papers.add(minutes[index % len(minutes)])
    return created


def _london(day, hour, minute=0):
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, minute)))


def _conference(index, now, gla, rng, existing):
    # The next conference this coming spring or autumn, and one a year before it.
    year = timezone.localdate(now).year + 1 - index
    title = f"London e-Government Conference {year}"
    slug = f"{slugify(title)}-demo"
    if slug in existing:
        return None
    day = datetime.date(year, 3, 14)
    event = Event.objects.create(
        title=title,
        slug=slug,
        kind=EventKind.ANNUAL_CONFERENCE,
        starts_at=_london(day, 9, 30),
        ends_at=_london(day, 17, 0),
        organiser=gla,
        venue=VENUES[0][0],
        address=VENUES[0][1],
        summary=f"A fictional conference in the LondonConnects demo data: the {year} "
        "gathering of London's e-government partners.",
        agenda="# Morning\n\n- Welcome\n- Keynote: joined-up London\n\n# Afternoon\n\n"
        "- Workshops\n- Awards",
        booking_url=f"https://www.example.org/events/{slug}/book",
        capacity=400,
    )
    event.topics.add("e-government")
    return event


def _event(index, now, organisers, rng, existing):
    title_base, kind, topics = SUBJECTS[index % len(SUBJECTS)]
    offset = (index - 10) * 9 + rng.randint(-3, 3)
    day = timezone.localdate(now) + datetime.timedelta(days=offset)
    title = f"{title_base} ({day:%B %Y})"
    slug = f"{slugify(title)}-{index}-demo"
    if slug in existing:
        return None
    organiser = organisers[(index * 3) % len(organisers)]
    venue, address = VENUES[index % len(VENUES)]
    online = index % 4 == 1
    start_hour = (10, 14, 9)[index % 3]
    event = Event.objects.create(
        title=title,
        slug=slug,
        kind=kind,
        starts_at=_london(day, start_hour),
        ends_at=_london(day, start_hour + 3),
        organiser=organiser,
        venue="" if online and index % 8 == 1 else venue,
        address="" if online and index % 8 == 1 else address,
        online_url=f"https://meet.example.org/{slug}" if online else "",
        summary=f"A fictional {kind.label.lower()} in the LondonConnects demo data, run by "
        f"{organiser.short_name}: {title_base.lower()}.",
        agenda="1. Introductions\n2. What partners have learned\n3. Next steps",
        booking_url=f"https://www.example.org/events/{slug}/book" if rng.random() < 0.6 else "",
        capacity=rng.choice((None, 30, 60, 120)),
    )
    event.topics.add(*topics)
    return event
