"""The survey a zone starts with (大走访问卷). Questions are data: the zone rewords, reorders,
adds or retires them on /visits/questions/ (a retired question keeps its answers)."""

from django.db import migrations

# code, text, kind, choices, unit, flag, flag answers, request category code
QUESTIONS = [
    (
        "expansion",
        "企业是否有扩产计划（扩大产能、新上生产线）",
        "yes_no",
        [],
        "",
        "expansion",
        [],
        "govservice",
    ),
    ("land_need", "用地需求", "number", [], "亩", "", [], "land"),
    ("staff_need", "用工需求", "number", [], "人", "", [], "labour"),
    ("financing_need", "是否有融资需求", "yes_no", [], "", "", [], "finance"),
    ("risk", "是否存在减产、停产等经营风险", "yes_no", [], "", "risk", [], "other"),
    ("relocation", "是否有外迁意向", "yes_no", [], "", "relocation", [], "other"),
    (
        "satisfaction",
        "对园区服务的满意度",
        "choice",
        ["满意", "基本满意", "不满意"],
        "",
        "",
        [],
        "govservice",
    ),
    ("other_problems", "其他困难和问题", "text", [], "", "", [], "other"),
]


def seed(apps, schema_editor):
    VisitQuestion = apps.get_model("visits", "VisitQuestion")
    RequestCategory = apps.get_model("portal", "RequestCategory")
    categories = {c.code: c for c in RequestCategory.objects.all()}
    for order, (code, text, kind, choices, unit, flag, flag_answers, category) in enumerate(
        QUESTIONS, start=1
    ):
        VisitQuestion.objects.get_or_create(
            code=code,
            defaults={
                "text": text,
                "kind": kind,
                "choices": choices,
                "unit": unit,
                "flag": flag,
                "flag_answers": flag_answers,
                "request_category": categories.get(category),
                "sort_order": order * 10,
            },
        )


def unseed(apps, schema_editor):
    apps.get_model("visits", "VisitQuestion").objects.filter(code__in=[q[0] for q in QUESTIONS]).delete()


class Migration(migrations.Migration):
    dependencies = [("visits", "0001_initial"), ("portal", "0002_seed_categories")]

    operations = [migrations.RunPython(seed, unseed)]
