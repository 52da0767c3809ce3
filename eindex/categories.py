"""The category tree the partnership set: the e-index's headings and their sub-categories.

Migration 0002 creates it, and the demo data and the browser tests' flushed databases
create it again when it is missing; both call `seed` with an app registry (a migration's
historical one, or the live one), so the list lives here once.
"""

from django.apps import apps as live_apps

TREE = (
    ("Government legislation, policies, standards and infrastructure",
     "legislation-policies-standards-and-infrastructure",
     "The law, policy and standards that e-government works within, and the shared "
     "infrastructure it runs on.",
     (("Legislation", "legislation", "Acts and regulations that shape e-government."),
      ("Policies and strategies", "policies-and-strategies",
       "National, London and local e-government strategies."),
      ("Standards and interoperability", "standards-and-interoperability",
       "Technical, data, accessibility and metadata standards."),
      ("Infrastructure and shared services", "infrastructure-and-shared-services",
       "Networks, identity, payments and other services built once and shared."))),
    ("Government knowledge network and best practice", "knowledge-network-and-best-practice",
     "Where people who do e-government share what works.",
     (("Partnerships and networks", "partnerships-and-networks",
       "Professional networks, partnerships and communities of practice."),
      ("Case studies", "case-studies", "Projects written up so others can learn."),
      ("Guidance and toolkits", "guidance-and-toolkits",
       "How-to guides, templates and toolkits."))),
    ("Surveys and research", "surveys-and-research",
     "Evidence: surveys, statistics and research on e-government and its users.",
     (("Surveys and statistics", "surveys-and-statistics",
       "Official statistics and regular surveys."),
      ("Research and evaluation", "research-and-evaluation",
       "Academic and independent research, and evaluations of programmes."),
      ("Benchmarking", "benchmarking", "Comparisons of public services online."))),
    ("National e-government services", "national-e-government-services",
     "Services for the public run nationally, which London's services link to.",
     (("Central government services", "central-government-services",
       "Services of government departments and agencies."),
      ("Local government services", "local-government-services",
       "National services delivered through or for councils."),
      ("Health, police and emergency services", "health-police-and-emergency-services",
       "Online services of the NHS, police and fire and rescue services."))),
)  # fmt: skip


def seed(apps, schema_editor=None):
    """Create the headings and sub-categories that are missing; existing ones are kept."""
    Category = apps.get_model("eindex", "Category")
    for position, (name, slug, description, children) in enumerate(TREE, start=1):
        heading, _ = Category.objects.get_or_create(
            slug=slug,
            defaults={"name": name, "description": description, "position": position * 10},
        )
        for child_position, (child_name, child_slug, child_description) in enumerate(
            children, start=1
        ):
            Category.objects.get_or_create(
                slug=child_slug,
                defaults={
                    "name": child_name,
                    "description": child_description,
                    "parent": heading,
                    "position": child_position * 10,
                },
            )


def unseed(apps, schema_editor=None):
    """Remove the seeded categories that nothing was filed under."""
    Category = apps.get_model("eindex", "Category")
    slugs = [slug for _, slug, _, children in TREE for _, slug, _ in children]
    Category.objects.filter(slug__in=slugs, primary_entries__isnull=True).delete()
    Category.objects.filter(
        slug__in=[slug for _, slug, _, _ in TREE], children__isnull=True
    ).delete()


def ensure_default_categories():
    """Create the seeded headings if they are missing: a flushed database (the browser tests'
    transactional runs) loses rows that a migration made. Existing categories are kept."""
    seed(live_apps)
