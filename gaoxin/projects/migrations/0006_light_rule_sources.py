"""The default light rules name their sources in words a clerk reads (the city, the year and
what it is), not a reference to the developers' research notes; a zone's own wording is kept."""

from django.db import migrations

CHANGES = {
    "investment": (
        "三亚 2022：累计投资达到或超过序时进度为绿，低于序时50%以内为黄，低于50%以上为红（domain-rules §9）",
        "三亚 2022 年重点项目亮灯规则：累计投资达到或超过序时进度为绿，低于序时50%以内为黄，低于50%以上为红（外地做法，可调整）",
    ),
    "nodes": (
        "银川 2025：当月应完成节点未完成为黄，逾期连续3个月为红（domain-rules §9）",
        "银川 2025 年重点项目亮灯规则：当月应完成节点未完成为黄，逾期连续3个月为红（外地做法，可调整）",
    ),
    "statistics": (
        "银川 2025：开工1个月后未纳统为黄，超过2个月为红（domain-rules §9）",
        "银川 2025 年重点项目亮灯规则：开工1个月后未纳统为黄，超过2个月为红（外地做法，可调整）",
    ),
}


def forward(apps, schema_editor):
    rules = apps.get_model("projects", "LightRule").objects
    for code, (old, new) in CHANGES.items():
        rules.filter(code=code, source=old).update(source=new)


def backward(apps, schema_editor):
    rules = apps.get_model("projects", "LightRule").objects
    for code, (old, new) in CHANGES.items():
        rules.filter(code=code, source=new).update(source=old)


class Migration(migrations.Migration):
    dependencies = [("projects", "0005_problem_rule_wording")]
    operations = [migrations.RunPython(forward, backward)]
