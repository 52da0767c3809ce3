"""Demo e-index entries for `manage.py seed_demo`: well-known public e-government pages and
clearly fictional ones (hosts under example.org, example.com and example.net, reserved for
examples by RFC 2606, titles marked "(demo)").

Seeding never fetches anything: links are registered with checks deferred. So that the demo
shows every state a link can be in, the fictional links get made-up check results; the
real ones stay "not checked yet" until the checker runs.
"""

import datetime

from django.utils import timezone

from contacts.models import Organisation
from linkcheck.models import Link
from linkcheck.outcomes import ErrorKind, Outcome
from linkcheck.registry import checks_deferred

from .categories import ensure_default_categories
from .models import Category, Entry

# (title, url, category slug, description, topics, preferred owner slug)
WELL_KNOWN = (
    ("Freedom of Information Act 2000", "https://www.legislation.gov.uk/ukpga/2000/36/contents",
     "legislation", "The Act that gives everyone the right to ask public bodies for "
     "information they hold.", ("freedom of information",), "london-councils"),
    ("Data Protection Act 2018", "https://www.legislation.gov.uk/ukpga/2018/12/contents",
     "legislation", "How personal data must be handled, alongside the UK GDPR.",
     ("data protection",), "london-councils"),
    ("Web Content Accessibility Guidelines (WCAG) 2.2", "https://www.w3.org/TR/WCAG22/",
     "standards-and-interoperability", "The W3C's standard for accessible web content, "
     "which public sector sites must meet.", ("web accessibility", "open standards"),
     "socitm-london"),
    ("The Service Standard", "https://www.gov.uk/service-manual/service-standard",
     "standards-and-interoperability", "The points a government service must meet to help "
     "people use it.", ("customer services",), "london-councils"),
    ("Open Standards principles",
     "https://www.gov.uk/government/publications/open-standards-principles",
     "standards-and-interoperability", "Government's principles for choosing open standards "
     "for software interoperability, data and documents.", ("open standards",), "socitm-london"),
    ("London Datastore", "https://data.london.gov.uk/", "surveys-and-statistics",
     "Open data about London, published by the Greater London Authority.",
     ("open data",), "gla"),
    ("Office for National Statistics", "https://www.ons.gov.uk/", "surveys-and-statistics",
     "The UK's national statistics, including internet use by households and people.",
     ("digital inclusion",), "gla"),
    ("GOV.UK", "https://www.gov.uk/", "central-government-services",
     "The website for central government services and information.",
     ("customer services",), "london-councils"),
    ("Find your local council", "https://www.gov.uk/find-local-council",
     "local-government-services", "Finds the council for a postcode.",
     ("customer services",), "london-councils"),
    ("NHS website", "https://www.nhs.uk/", "health-police-and-emergency-services",
     "Health information and NHS services online.", ("health",), "nhs-in-london"),
    ("Report a crime to the Metropolitan Police", "https://www.met.police.uk/ro/report/",
     "health-police-and-emergency-services", "Reporting crime and incidents online.",
     ("customer services",), "metropolitan-police"),
    ("Local Government Association", "https://www.local.gov.uk/", "partnerships-and-networks",
     "The national voice of local government, with its improvement support.",
     ("e-government",), "london-councils"),
    ("National Audit Office", "https://www.nao.org.uk/", "research-and-evaluation",
     "Independent reports on the value for money of public spending, digital programmes "
     "included.", ("e-government",), "london-councils"),
    ("London Grid for Learning", "https://www.lgfl.net/", "infrastructure-and-shared-services",
     "The broadband and learning network of London's schools.", ("broadband",), "lgfl"),
)  # fmt: skip

# Fictional links, each with the made-up result the demo shows for it.
FICTIONAL = (
    ("London e-government strategy (demo)", "https://strategy.example.org/london-2004/",
     "policies-and-strategies", "A fictional pan-London strategy document.",
     ("e-government",), "london-councils", "working"),
    ("Shared address gazetteer case study (demo)", "https://casestudies.example.org/gazetteer",
     "case-studies", "How five fictional boroughs built one address gazetteer.",
     ("information sharing",), "camden", "redirected"),
    ("Accessible online forms toolkit (demo)", "https://toolkits.example.net/accessible-forms",
     "guidance-and-toolkits", "A fictional toolkit of accessible form patterns.",
     ("web accessibility",), "socitm-london", "broken"),
    ("Citizens' online survey (demo)", "https://research.example.com/online-survey",
     "surveys-and-statistics", "A fictional survey of how Londoners use council websites.",
     ("digital inclusion",), "gla", "unverified"),
    ("Borough websites benchmark (demo)", "https://benchmark.example.org/boroughs/",
     "benchmarking", "A fictional comparison of London borough websites.",
     ("web accessibility", "customer services"), "london-councils", "working"),
    ("Smart card pilots evaluation (demo)", "https://research.example.com/smart-cards",
     "research-and-evaluation", "A fictional evaluation of smart card pilots in London.",
     ("smart cards",), "newham", "working"),
)  # fmt: skip
GENERATED_PER_SCALE = 20


def _made_up_result(state, now, rng):
    checked = now - datetime.timedelta(hours=rng.randint(2, 60))
    if state == "working":
        return {"outcome": Outcome.WORKING, "status_code": 200, "last_working_at": checked}
    if state == "redirected":
        return {
            "outcome": Outcome.WORKING,
            "status_code": 200,
            "last_working_at": checked,
            "redirect_chain": [{"status": 301, "url": "https://cases.example.org/gazetteer/"}],
            "final_url": "https://cases.example.org/gazetteer/",
            "suggested_url": "https://cases.example.org/gazetteer/",
        }
    if state == "broken":
        return {
            "outcome": Outcome.BROKEN,
            "status_code": 404,
            "error_kind": ErrorKind.HTTP_STATUS,
            "error_detail": "HTTP 404",
            "consecutive_failures": 4,
            "first_failed_at": now - datetime.timedelta(days=12),
        }
    return {
        "outcome": Outcome.UNVERIFIED,
        "status_code": 403,
        "error_kind": ErrorKind.HTTP_STATUS,
        "error_detail": "HTTP 403",
    }


def _specs(scale, categories):
    for title, url, category, description, topics, owner in WELL_KNOWN:
        yield title, url, category, description, topics, owner, None
    yield from FICTIONAL
    subcategories = sorted(slug for slug, c in categories.items() if c.parent_id)
    for n in range(1, GENERATED_PER_SCALE * (scale - 1) + 1):
        yield (
            f"Demo resource {n}",
            f"https://resources.example.org/{n}/",
            subcategories[n % len(subcategories)],
            "A fictional resource generated for larger demo data sets.",
            ("e-government",),
            "",
            "working",
        )


def seed(scale, rng, stdout):
    if not Category.objects.exists():
        ensure_default_categories()
    categories = {c.slug: c for c in Category.objects.all()}
    organisations = {o.slug: o for o in Organisation.objects.active()}
    if not organisations:
        return 0
    fallbacks = sorted(organisations)
    existing = set(Entry.objects.values_list("url", flat=True))
    now = timezone.now()
    today = timezone.localdate()
    created, made_up = 0, {}
    with checks_deferred():
        for index, spec in enumerate(_specs(scale, categories)):
            title, url, category, description, topics, owner_slug, state = spec
            if state:
                made_up[url] = state
            if url in existing or category not in categories:
                continue
            owner = (
                organisations.get(owner_slug) or organisations[fallbacks[index % len(fallbacks)]]
            )
            entry = Entry.objects.create(
                title=title,
                url=url,
                description=description,
                primary_category=categories[category],
                owner=owner,
                added_on=today - datetime.timedelta(days=rng.randint(0, 400)),
            )
            entry.topics.add(*topics)
            created += 1
    for link in Link.objects.filter(url__in=made_up, outcome=Outcome.UNCHECKED):
        for field, value in _made_up_result(made_up[link.url], now, rng).items():
            setattr(link, field, value)
        link.last_checked_at = now - datetime.timedelta(hours=rng.randint(1, 30))
        link.next_check_due = now + datetime.timedelta(days=rng.randint(1, 7))
        link.save()
    return created
