"""The partnership's e-policy themes: the categories the forums start with.

Migration 0002 creates them and the demo data reads them, so the list lives here once.
"""

THEMES = (
    (
        "Smart cards",
        "smart-cards",
        "Citizen smart cards for transport, libraries, leisure and proof of entitlement: "
        "shared schemes across boroughs, Oyster, and keeping cardholders' data private.",
    ),
    (
        "E-democracy",
        "e-democracy",
        "Online consultation, webcast council meetings, e-petitions and e-voting pilots: "
        "bringing Londoners closer to the decisions that affect them.",
    ),
    (
        "Social inclusion",
        "social-inclusion",
        "Making sure nobody is left out: access in libraries and UK online centres, "
        "accessibility, community languages and skills.",
    ),
    (
        "Information sharing",
        "information-sharing",
        "Sharing information between councils, police, health and the voluntary sector "
        "safely and lawfully: protocols, consent and data protection.",
    ),
    (
        "Shared services",
        "shared-services",
        "Councils and partners running services together: shared back offices, contact "
        "centres and systems built once and used by many.",
    ),
    (
        "E-procurement",
        "e-procurement",
        "Buying online: purchasing cards, e-marketplaces, e-tendering and working with "
        "London's small suppliers.",
    ),
    (
        "Customer access and CRM",
        "customer-access-and-crm",
        "Contact centres, one-stop shops and customer relationship management: joining up "
        "how Londoners reach their public services.",
    ),
    (
        "Open standards and interoperability",
        "open-standards",
        "The e-Government Interoperability Framework, XML schemas, the address gazetteer "
        "and getting partners' systems to talk to each other.",
    ),
    (
        "General discussion",
        "general-discussion",
        "Anything else about e-government in London, and introductions from new members.",
    ),
)


def add_themes(apps, schema_editor=None):
    """Create the theme categories that are missing (with `apps`, a migration's registry)."""
    Category = apps.get_model("forums", "Category")
    for position, (name, slug, description) in enumerate(THEMES, start=1):
        Category.objects.get_or_create(
            slug=slug,
            defaults={"name": name, "description": description, "position": position * 10},
        )


def remove_unused_themes(apps, schema_editor=None):
    Category = apps.get_model("forums", "Category")
    Category.objects.filter(slug__in=[slug for _, slug, _ in THEMES], threads__isnull=True).delete()
