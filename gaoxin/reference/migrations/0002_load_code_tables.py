"""Load GB/T 4754-2017 (with Amendment No. 1) and GB/T 2260 (1981-2024) from data/."""

from django.db import migrations


def load(apps, schema_editor):
    from gaoxin.reference import services

    services.load_industries(apps.get_model("reference", "Industry"))
    services.load_regions(apps.get_model("reference", "Region"))


class Migration(migrations.Migration):
    dependencies = [("reference", "0001_initial")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
