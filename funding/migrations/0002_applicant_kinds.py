"""The kinds of applicant funders name; site administrators may add to the list in admin."""

from django.db import migrations

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


def add_applicant_kinds(apps, schema_editor):
    ApplicantKind = apps.get_model("funding", "ApplicantKind")
    for order, (slug, name) in enumerate(APPLICANT_KINDS, start=1):
        ApplicantKind.objects.get_or_create(slug=slug, defaults={"name": name, "order": order * 10})


def remove_applicant_kinds(apps, schema_editor):
    ApplicantKind = apps.get_model("funding", "ApplicantKind")
    ApplicantKind.objects.filter(
        slug__in=[slug for slug, _ in APPLICANT_KINDS], funding_sources__isnull=True
    ).delete()


class Migration(migrations.Migration):
    dependencies = [("funding", "0001_initial")]

    operations = [migrations.RunPython(add_applicant_kinds, remove_applicant_kinds)]
