from django.db import migrations

from funding.applicants import APPLICANT_KINDS, ensure_applicant_kinds


def add_applicant_kinds(apps, schema_editor):
    ensure_applicant_kinds(apps.get_model("funding", "ApplicantKind"))


def remove_applicant_kinds(apps, schema_editor):
    ApplicantKind = apps.get_model("funding", "ApplicantKind")
    ApplicantKind.objects.filter(
        slug__in=[slug for slug, _ in APPLICANT_KINDS], funding_sources__isnull=True
    ).delete()


class Migration(migrations.Migration):
    dependencies = [("funding", "0001_initial")]

    operations = [migrations.RunPython(add_applicant_kinds, remove_applicant_kinds)]
