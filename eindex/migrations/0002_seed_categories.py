from django.db import migrations

from eindex.categories import seed, unseed


class Migration(migrations.Migration):
    dependencies = [("eindex", "0001_initial")]

    operations = [migrations.RunPython(seed, unseed)]
