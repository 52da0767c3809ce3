"""The programmes and funding streams London's e-government projects came from. The data
migration loads them, and seed_demo loads any that are missing (a flushed test database
has lost what migrations put in); site administrators may add more in admin."""

PROGRAMMES = (
    ("pathfinder", "Pathfinder", "Local e-government Pathfinder projects."),
    ("invest-to-save", "Invest to Save", "Projects funded through Invest to Save."),
    ("isb", "ISB", "Invest to Save Budget funding recorded as ISB."),
    ("ec-funded", "EC funded", "European Commission programmes and structural funds."),
    (
        "national-e-government-programme",
        "National e-government programme",
        "National projects and priority outcomes of the e-government programme.",
    ),
    ("local", "Local", "Paid for by the partners themselves."),
    ("other", "Other", "Any other programme or funding stream."),
)


def ensure_programmes(programme_model) -> int:
    """Create the programmes that are missing; `programme_model` may be a migration's."""
    created = 0
    for order, (slug, name, description) in enumerate(PROGRAMMES, start=1):
        _, was_created = programme_model.objects.get_or_create(
            slug=slug, defaults={"name": name, "description": description, "order": order * 10}
        )
        created += was_created
    return created
