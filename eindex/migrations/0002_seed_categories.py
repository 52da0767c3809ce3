from django.db import migrations

# A copy of the tree as it was when this migration was written (eindex/categories.py may
# change later; a migration must not).
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


def seed(apps, schema_editor):
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


def unseed(apps, schema_editor):
    Category = apps.get_model("eindex", "Category")
    slugs = [slug for _, slug, _, children in TREE for _, slug, _ in children]
    Category.objects.filter(slug__in=slugs, primary_entries__isnull=True).delete()
    Category.objects.filter(
        slug__in=[slug for _, slug, _, _ in TREE], children__isnull=True
    ).delete()


class Migration(migrations.Migration):
    dependencies = [("eindex", "0001_initial")]

    operations = [migrations.RunPython(seed, unseed)]
