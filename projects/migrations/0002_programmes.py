"""The programmes and funding streams London's e-government projects came from; site
administrators may add to the list in admin."""

from django.db import migrations

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


def add_programmes(apps, schema_editor):
    Programme = apps.get_model("projects", "Programme")
    for order, (slug, name, description) in enumerate(PROGRAMMES, start=1):
        Programme.objects.get_or_create(
            slug=slug, defaults={"name": name, "description": description, "order": order * 10}
        )


def remove_programmes(apps, schema_editor):
    Programme = apps.get_model("projects", "Programme")
    Programme.objects.filter(
        slug__in=[slug for slug, _, _ in PROGRAMMES], projects__isnull=True
    ).delete()


class Migration(migrations.Migration):
    dependencies = [("projects", "0001_initial")]

    operations = [migrations.RunPython(add_programmes, remove_programmes)]
