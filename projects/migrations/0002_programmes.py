from django.db import migrations

from projects.programmes import PROGRAMMES, ensure_programmes


def add_programmes(apps, schema_editor):
    ensure_programmes(apps.get_model("projects", "Programme"))


def remove_programmes(apps, schema_editor):
    Programme = apps.get_model("projects", "Programme")
    Programme.objects.filter(
        slug__in=[slug for slug, _, _ in PROGRAMMES], projects__isnull=True
    ).delete()


class Migration(migrations.Migration):
    dependencies = [("projects", "0001_initial")]

    operations = [migrations.RunPython(add_programmes, remove_programmes)]
