"""The partnership's e-policy themes as the first categories (forums/themes.py)."""

from django.db import migrations

from forums.themes import add_themes, remove_unused_themes


class Migration(migrations.Migration):
    dependencies = [("forums", "0001_initial")]

    operations = [migrations.RunPython(add_themes, remove_unused_themes)]
