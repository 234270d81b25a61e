import datetime
from decimal import Decimal

from gaoxin.points.models import Indicator, PointScheme, StageRule, Tier

RULES = [
    {"stage": "startup", "max_age": 3},
    {"stage": "growth", "min_age": 3, "max_revenue": Decimal(5000)},
    {"stage": "stable", "min_age": 3, "min_revenue": Decimal(5000)},
]


def example_scheme() -> PointScheme:
    """Three indicators (R&D ratio linear to 10%, revenue growth linear to 50%, Class I IP in
    bands), weights 50/30/20, 40/30/30, 30/30/40; stages by age 3 and revenue 5000 万元; tiers of
    the growth stage A ≥ 80, B ≥ 60, C ≥ 40."""
    scheme = PointScheme.objects.create(
        name="示例积分方案", version=1, valid_from=datetime.date(2024, 1, 1), is_example=True
    )
    specs = [
        ("rd", "研发投入强度", "tech", "rd_ratio", "linear", Decimal(10), [], (50, 40, 30)),
        ("growth", "营业收入增长率", "growth", "revenue_growth", "linear", Decimal(50), [], (30, 30, 30)),
        (
            "ip1",
            "一类知识产权",
            "tech",
            "ip_class1",
            "bands",
            None,
            [[0, 0], [1, 60], [3, 100]],
            (20, 30, 40),
        ),
    ]
    for order, (code, name, group, fact, method, reference, bands, weights) in enumerate(specs):
        Indicator.objects.create(
            scheme=scheme,
            code=code,
            name=name,
            group=group,
            fact=fact,
            method=method,
            reference=reference,
            bands=bands,
            weight_startup=weights[0],
            weight_growth=weights[1],
            weight_stable=weights[2],
            sort_order=order,
        )
    for order, rule in enumerate(RULES):
        StageRule.objects.create(scheme=scheme, sort_order=order, **rule)
    for code, points in (("A", 80), ("B", 60), ("C", 40)):
        Tier.objects.create(scheme=scheme, stage="growth", code=code, min_points=points)
    return scheme
