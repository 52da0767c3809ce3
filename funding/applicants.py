"""The kinds of applicant funders name. The data migration loads them, and seed_demo loads
any that are missing (a flushed test database has lost what migrations put in); site
administrators may add more in admin."""

APPLICANT_KINDS = (
    ("local-authorities", "Local authorities"),
    ("nhs", "NHS and health bodies"),
    ("police-and-fire", "Police, fire and emergency services"),
    ("voluntary-sector", "Voluntary and community sector"),
    ("partnerships", "Partnerships"),
    ("schools-and-colleges", "Schools, colleges and universities"),
    ("housing-associations", "Housing associations"),
    ("businesses", "Businesses"),
)


def ensure_applicant_kinds(applicant_kind_model) -> int:
    """Create the kinds that are missing; `applicant_kind_model` may be a migration's."""
    created = 0
    for order, (slug, name) in enumerate(APPLICANT_KINDS, start=1):
        _, was_created = applicant_kind_model.objects.get_or_create(
            slug=slug, defaults={"name": name, "order": order * 10}
        )
        created += was_created
    return created
