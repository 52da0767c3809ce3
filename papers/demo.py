"""Demo papers for `manage.py seed_demo`: fictional papers of real organisations and groups.

Every summary and every file says the paper is fictional; slugs end in "-demo"; links point
at example.org (RFC 2606). Four papers in five have a small real PDF made here (papers/pdf.py)
whose text is read at once, as the background task would, so search finds words inside it;
the fifth links to an address instead. Each record is derived from its position, so a
repeated run creates nothing and scale 2 adds the rest. At scale 1: 80 papers.
"""

import datetime
import random

from django.core.files.base import ContentFile
from django.utils import timezone
from django.utils.text import slugify

from contacts.models import Group, Organisation, OrganisationKind

from .models import Extraction, Paper, PaperKind
from .pdf import text_pdf
from .tasks import extract_now

PAPERS_PER_SCALE = 80

# (kind, title pattern, topics); {org} is the publisher's short name, {group} the group's.
PATTERNS = (
    (PaperKind.STRATEGY, "{org} Business and IT strategy {year}", ("e-government",)),
    (PaperKind.ANNUAL_REVIEW, "{org} annual review of e-activity {year}", ("e-government",)),
    (PaperKind.GROUP_PAPER, "{group}: options for shared services", ("information sharing",)),
    (PaperKind.RESEARCH, "Survey of smart card take-up in {org}", ("smart cards",)),
    (PaperKind.GUIDANCE, "Guidance on accessible web pages ({org})", ("web accessibility",)),
    (PaperKind.MINUTES, "{group}: minutes of the {month} meeting", ("e-government",)),
    (PaperKind.RESEARCH, "Broadband in {org}'s libraries: a study", ("broadband",)),
    (PaperKind.GROUP_PAPER, "{group}: data sharing protocol", ("data protection",)),
)
MONTHS = ("January", "March", "May", "July", "September", "November")
SENTENCES = (
    "This is a fictional paper in the LondonConnects demo data.",
    "It shows how a partner's paper is listed, downloaded and found by search.",
    "The partners agreed to use common data standards before buying new systems.",
    "Front-line staff were involved early, and customers were asked what they needed.",
    "A joined-up contact centre answered most enquiries at the first call.",
    "The smart card scheme was used in libraries, leisure centres and on local transport.",
    "Take-up grew fastest where the card replaced several older cards.",
    "Broadband links reached every library and most community centres.",
)


def seed(scale, rng, stdout):
    from projects.models import Project

    base_seed = rng.random()
    today = timezone.localdate()
    authorities = list(Organisation.objects.active().local_authorities().order_by("slug"))
    others = list(
        Organisation.objects.active()
        .filter(kind__in=(OrganisationKind.GLA_GROUP, OrganisationKind.HEALTH))
        .order_by("slug")
    )
    groups = list(Group.objects.filter(is_active=True).select_related("convenor").order_by("slug"))
    if not authorities:
        return 0
    projects = list(Project.objects.public().filter(slug__endswith="-demo").order_by("slug")[:60])
    existing = set(Paper.objects.filter(slug__endswith="-demo").values_list("slug", flat=True))
    created = 0
    for index in range(PAPERS_PER_SCALE * scale):
        record_rng = random.Random(f"{base_seed}:paper:{index}")
        kind, pattern, topics = PATTERNS[index % len(PATTERNS)]
        group = groups[index % len(groups)] if groups and "{group}" in pattern else None
        if group is not None:
            publisher = group.convenor
        elif index % 7 == 3 and others:
            publisher = others[index % len(others)]
        else:
            publisher = authorities[(index * 5) % len(authorities)]
        year = today.year - (index // len(PATTERNS)) % 6
        title = pattern.format(
            org=publisher.short_name,
            group=group.name if group else "",
            year=year,
            month=MONTHS[index % len(MONTHS)],
        )
        slug = f"{slugify(title)[:200]}-{index}-demo"
        if slug in existing:
            continue
        published_on = datetime.date(year, 1 + index % 12, 1 + index % 28)
        if published_on > today:
            published_on = today - datetime.timedelta(days=index % 60)
        _create(
            index, title, slug, kind, publisher, group, published_on, topics, record_rng, projects
        )
        created += 1
    return created


def _create(index, title, slug, kind, publisher, group, published_on, topics, rng, projects):
    chosen = rng.sample(SENTENCES[2:], k=3)
    paper = Paper(
        title=title,
        slug=slug,
        kind=kind,
        publisher=publisher,
        group=group,
        published_on=published_on,
        summary=f"{SENTENCES[0]} {chosen[0]}",
        last_reviewed_on=timezone.localdate() - datetime.timedelta(days=rng.randint(0, 500)),
    )
    if index % 5 == 4:
        paper.external_url = f"https://www.example.org/papers/{slug}"
        paper.save()
    else:
        pages = [
            [title, "", SENTENCES[0], SENTENCES[1], "", *chosen],
            [f"Appendix to {title[:60]}", "", f"Reference {slug} (fictional).", *chosen[::-1]],
        ][: 1 + index % 2]
        content = text_pdf(title, pages)
        paper.file_format, paper.file_size = "pdf", len(content)
        paper.extraction = Extraction.PENDING
        paper.file.save(f"{slug}.pdf", ContentFile(content), save=False)
        paper.save()
        extract_now(paper)
    paper.topics.add(*topics)
    if projects and index % 3 == 0:
        paper.related_projects.add(projects[index % len(projects)])
