"""Defaults every zone starts with (all editable): promotion regions and the response
deadline of each lead stage (the issue's example: respond within 1 day, assess within 3,
feed back within 7, report progress every 14)."""

from django.db import migrations

REGIONS = [
    ("jjj", "京津冀"),
    ("yrd", "长三角"),
    ("gba", "大湾区/粤港澳"),
    ("cy", "成渝"),
    ("central", "中部地区"),
    ("overseas", "境外"),
]
DEADLINES = [
    ("clue", 1, "首次响应"),
    ("contact", 3, "完成初步研判"),
    ("inspection", 7, "反馈考察意见"),
    ("negotiation", 14, "报告洽谈进展"),
    ("signed", 14, "报告落地进展"),
    ("registered", 30, "报告开工准备"),
    ("started", 30, "报告建设进展"),
]


def load(apps, schema_editor):
    Region = apps.get_model("attraction", "Region")
    for i, (code, name) in enumerate(REGIONS):
        Region.objects.get_or_create(code=code, defaults={"name": name, "sort_order": i * 10})
    Deadline = apps.get_model("attraction", "StageDeadline")
    for stage, days, meaning in DEADLINES:
        Deadline.objects.get_or_create(stage=stage, defaults={"days": days, "meaning": meaning})


class Migration(migrations.Migration):
    dependencies = [("attraction", "0001_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
