"""Default configuration every zone starts with (all editable): problem categories, the
four light rules with the thresholds of domain-rules §9, two node templates, and the
monthly data set through which completed investment is filed and approved."""

from decimal import Decimal

from django.db import migrations

CATEGORIES = [
    ("land", "土地"),
    ("funds", "资金"),
    ("approval", "审批"),
    ("utilities", "水电气"),
    ("labour", "用工"),
    ("demolition", "拆迁"),
    ("other", "其他"),
]

RULES = [
    (
        "investment",
        Decimal(100),
        Decimal(50),
        "三亚 2022：累计投资达到或超过序时进度为绿，低于序时50%以内为黄，低于50%以上为红（domain-rules §9）",
    ),
    (
        "nodes",
        Decimal(0),
        Decimal(3),
        "银川 2025：当月应完成节点未完成为黄，逾期连续3个月为红（domain-rules §9）",
    ),
    (
        "statistics",
        Decimal(1),
        Decimal(2),
        "银川 2025：开工1个月后未纳统为黄，超过2个月为红（domain-rules §9）",
    ),
    (
        "problems",
        Decimal(0),
        Decimal(30),
        "本区自定：有逾期未销号问题为黄，逾期超过30天为红（无官方来源，可调整）",
    ),
]

# code, name, duration (days after its predecessors), predecessors, anchor, gate stage
INDUSTRIAL = [
    ("sign", "签约", 0, [], False, "signed"),
    ("register", "注册", 15, ["sign"], False, ""),
    ("approval", "立项/备案", 30, ["register"], False, ""),
    ("assessment", "能评/环评", 45, ["approval"], False, ""),
    ("land", "土地摘牌", 60, ["approval"], False, ""),
    ("planning", "规划许可", 30, ["land"], False, ""),
    ("permit", "施工许可", 30, ["planning", "assessment"], False, "construction"),
    ("start", "开工", 15, ["permit"], False, "construction"),
    ("structure", "主体完工", 240, ["start"], False, ""),
    ("equipment", "设备安装", 90, ["structure"], False, ""),
    ("acceptance", "竣工验收", 30, ["equipment"], True, "production"),
    ("production", "投产", 15, ["acceptance"], False, "production"),
    ("capacity", "达产", 180, ["production"], False, "capacity"),
    ("statistics", "纳统", 30, ["start"], False, ""),
]
RENOVATION = [
    ("approval", "立项/备案", 0, [], False, ""),
    ("assessment", "能评/环评", 30, ["approval"], False, ""),
    ("start", "开工", 15, ["assessment"], False, "construction"),
    ("equipment", "设备安装", 120, ["start"], False, ""),
    ("acceptance", "竣工验收", 30, ["equipment"], True, "production"),
    ("production", "投产", 15, ["acceptance"], False, "production"),
    ("statistics", "纳统", 30, ["start"], False, ""),
]


def load(apps, schema_editor):
    Category = apps.get_model("projects", "ProblemCategory")
    for i, (code, name) in enumerate(CATEGORIES):
        Category.objects.get_or_create(code=code, defaults={"name": name, "sort_order": i * 10})
    Rule = apps.get_model("projects", "LightRule")
    for code, yellow, red, source in RULES:
        Rule.objects.get_or_create(
            code=code, defaults={"yellow_value": yellow, "red_value": red, "source": source}
        )
    Template = apps.get_model("projects", "ScheduleTemplate")
    Node = apps.get_model("projects", "TemplateNode")
    for code, name, nodes in (
        ("industrial", "工业项目（新建、扩建）", INDUSTRIAL),
        ("renovation", "技改项目", RENOVATION),
    ):
        template, created = Template.objects.get_or_create(code=code, defaults={"name": name})
        if not created:
            continue
        made = {}
        for i, (ncode, nname, days, _preds, anchor, gate) in enumerate(nodes):
            made[ncode] = Node.objects.create(
                template=template,
                code=ncode,
                name=nname,
                sequence=(i + 1) * 10,
                duration_days=days,
                is_anchor=anchor,
                gate_stage=gate,
            )
        for ncode, _n, _d, preds, _a, _g in nodes:
            if preds:
                made[ncode].predecessors.set([made[p] for p in preds])
    DataSet = apps.get_model("indicators", "DataSet")
    DataSet.objects.get_or_create(
        code="project_investment",
        defaults={
            "name": "重点项目投资月报",
            "scope": "zone",
            "due_day": 5,
            "combine_jan_feb": False,
            "sort_order": 90,
        },
    )


class Migration(migrations.Migration):
    dependencies = [
        ("projects", "0001_initial"),
        ("indicators", "0002_file_submission_permission"),
    ]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
