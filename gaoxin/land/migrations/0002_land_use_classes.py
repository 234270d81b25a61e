"""The land-use classes a zone meets most (GB/T 21010-2017 土地利用现状分类, second level),
written from memory of the standard: an administrator corrects or adds classes (the page says
so). ``industrial`` marks the classes counted in the industrial land reserve."""

from django.db import migrations

CLASSES = [
    ("0601", "工业用地", True),
    ("0602", "采矿用地", False),
    ("0604", "仓储用地", True),
    ("0505", "商务金融用地", False),
    ("0507", "其他商服用地", False),
    ("0701", "城镇住宅用地", False),
    ("0804", "科研用地", False),
    ("0809", "公用设施用地", False),
    ("0810", "公园与绿地", False),
    ("1004", "城镇村道路用地", False),
]


def load(apps, schema_editor):
    LandUseClass = apps.get_model("land", "LandUseClass")
    for code, name, industrial in CLASSES:
        LandUseClass.objects.update_or_create(code=code, defaults={"name": name, "industrial": industrial})


class Migration(migrations.Migration):
    dependencies = [("land", "0001_initial")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
