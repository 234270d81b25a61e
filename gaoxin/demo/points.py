"""The demo's innovation points and payouts (issue 13): an example point scheme (labelled 示例:
the national guideline's 18 indicators and weights are not known, domain-rules §5), banks'
consents and 积分贷 of 20 亿元 for high-scoring firms, and the 2024 payouts of the article:
科技奖励资金 2000 万元 to 高企 and 创新积分奖励 268 万元 to the highest-scoring firms.

Design: the 2024 rewards and loans rest on the points of 2023 (the last complete year when
they were decided); the points page opens on 2024, the year before the evaluation date.
- 科技奖励资金: 80 高企 valid on 31 December 2024 (by name) × 25 万元 = 2000 万元.
- 创新积分奖励: the 22 best of 2023 (all stages, by points): 8 × 16 + 14 × 10 = 268 万元.
- 积分贷: the 100 best of 2023, 3485 − 30 × rank 万元 (3485 … 515) = 200000 万元 = 20 亿元, each
  from the bank the firm consented to; 20 more firms consented without a loan yet.
"""

import datetime
from decimal import Decimal

from gaoxin.enterprises.models import Enterprise
from gaoxin.payouts.models import BudgetLine, Payout, Programme
from gaoxin.points.models import Consent, Indicator, PointLoan, PointScheme, StageRule, Tier
from gaoxin.points.services import points_compute
from gaoxin.zone.models import Department

BANKS = ["工商银行随州分行", "农业银行随州分行", "建设银行随州分行", "湖北银行随州分行"]
AWARD_TOTAL, POINTS_REWARD_TOTAL, LOANS_TOTAL = Decimal(2000), Decimal(268), Decimal(200000)

# code, name, group, fact, method, reference, bands, weights (初创, 成长, 稳定) — an example only
INDICATORS = [
    ("rd_ratio", "研发投入强度", "tech", "rd_ratio", "linear", 6, [], (20, 15, 12)),
    ("rd_staff", "研发人员占比", "tech", "rd_staff_share", "linear", 15, [], (10, 8, 6)),
    ("ip1", "Ⅰ类知识产权", "tech", "ip_class1", "bands", None, [[1, 50], [3, 80], [5, 100]], (10, 12, 12)),
    ("ip2", "Ⅱ类知识产权", "tech", "ip_class2", "linear", 20, [], (10, 8, 6)),
    ("sci_staff", "科技人员占比", "tech", "sci_tech_staff_share", "linear", 30, [], (10, 7, 4)),
    ("revenue_growth", "营业收入增长率", "growth", "revenue_growth", "linear", 30, [], (15, 12, 10)),
    (
        "revenue",
        "营业收入规模",
        "growth",
        "operating_revenue",
        "bands",
        None,
        [[0, 20], [2000, 50], [10000, 80], [50000, 100]],
        (5, 10, 15),
    ),
    ("margin", "营业收入净利润率", "growth", "net_profit_margin", "linear", 10, [], (5, 8, 10)),
    ("tax_growth", "实缴税金增长率", "growth", "tax_growth", "linear", 30, [], (5, 10, 15)),
    ("quals", "有效资质数", "aux", "qualifications", "bands", None, [[1, 60], [2, 80], [3, 100]], (5, 5, 5)),
    ("ht_share", "高新技术产品收入占比", "aux", "high_tech_revenue_share", "linear", 60, [], (5, 5, 5)),
]
STAGE_RULES = [
    {"stage": "startup", "max_age": 5, "max_revenue": Decimal(2000)},
    {"stage": "growth", "max_revenue": Decimal(20000)},
    {"stage": "stable", "min_revenue": Decimal(20000)},
]
TIERS = [("A", 70), ("B", 55), ("C", 40)]


def example_scheme() -> PointScheme:
    scheme = PointScheme.objects.create(
        name="创新积分示例方案",
        version=1,
        valid_from=datetime.date(2023, 1, 1),
        is_example=True,
        source="示例：结构依据科技部《企业创新积分制工作指引（全国试行版）》（2024）的三类指标和三个阶段；"
        "18项指标及权重未取得，此处指标、权重、阶段划分和档次均为演示用示例，须按正式文件替换。",
    )
    for order, (code, name, group, fact, method, reference, bands, weights) in enumerate(INDICATORS):
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
    for order, rule in enumerate(STAGE_RULES):
        StageRule.objects.create(scheme=scheme, sort_order=order, **rule)
    for stage in ("startup", "growth", "stable"):
        for code, points in TIERS:
            Tier.objects.create(scheme=scheme, stage=stage, code=code, min_points=points)
    return scheme


def programmes() -> tuple[BudgetLine, BudgetLine]:
    department = Department.objects.filter(name="科技创新局").first()
    award = Programme.objects.create(
        code="tech_award",
        name="科技奖励资金",
        kind=Programme.Kind.AWARD,
        department=department,
        description="对高新技术企业等科技创新主体的奖励（演示数据）。",
    )
    reward = Programme.objects.create(
        code="points_reward",
        name="创新积分奖励",
        kind=Programme.Kind.POINTS_REWARD,
        department=department,
        description="按企业创新积分排名发放的奖励（演示数据；积分方案为示例）。",
    )
    return (
        BudgetLine.objects.create(programme=award, year=2024, code="2060999", amount=AWARD_TOTAL),
        BudgetLine.objects.create(programme=reward, year=2024, code="2069999", amount=POINTS_REWARD_TOTAL),
    )


def pay(
    line: BudgetLine, firm_ids: list[int], amounts: list[Decimal], day: datetime.date, number: str
) -> int:
    for firm_id, amount in zip(firm_ids, amounts, strict=True):
        payout = Payout(
            enterprise_id=firm_id,
            programme=line.programme,
            budget_line=line,
            amount=amount,
            paid_on=day,
            document_number=number,
        )
        payout.full_clean()
        payout.save()
    return len(firm_ids)


def award_payouts(line: BudgetLine) -> int:
    high_tech = (
        Enterprise.objects.with_qualification("high_tech", datetime.date(2024, 12, 31))
        .order_by("name")
        .values_list("pk", flat=True)[:80]
    )
    ids = list(high_tech)
    return pay(
        line, ids, [AWARD_TOTAL / len(ids)] * len(ids), datetime.date(2024, 11, 28), "随高新发〔2024〕36号"
    )


def ranked(scheme: PointScheme) -> list:
    sheets = [s for s in points_compute(scheme=scheme, year=2023) if s.stage]
    return sorted(sheets, key=lambda s: (-s.total, s.name))


def reward_payouts(line: BudgetLine, best: list) -> int:
    amounts = [Decimal(16)] * 8 + [Decimal(10)] * 14
    ids = [s.enterprise_id for s in best[: len(amounts)]]
    return pay(line, ids, amounts, datetime.date(2024, 12, 20), "随高新发〔2024〕41号")


def consents_and_loans(best: list) -> tuple[int, int]:
    loans = 0
    for rank, sheet in enumerate(best[:120]):
        bank = BANKS[rank % len(BANKS)]
        Consent.objects.create(
            enterprise_id=sheet.enterprise_id,
            bank=bank,
            granted_on=datetime.date(2024, 1, 10) + datetime.timedelta(days=rank % 60),
            note="企业书面授权（演示）",
        )
        if rank < 100:
            PointLoan.objects.create(
                enterprise_id=sheet.enterprise_id,
                bank=bank,
                amount=Decimal(3485 - 30 * rank),
                granted_on=datetime.date(2024, 3, 1) + datetime.timedelta(days=(rank * 3) % 270),
                term_months=(12, 24, 36)[rank % 3],
                note="积分贷（演示）",
            )
            loans += 1
    return 120, loans


def load(user) -> dict:
    """The example scheme, programmes, 2024 payouts, consents and 积分贷; returns counts."""
    scheme = example_scheme()
    award_line, reward_line = programmes()
    best = ranked(scheme)
    consents, loans = consents_and_loans(best)
    return {
        "point_indicators": len(INDICATORS),
        "award_payouts": award_payouts(award_line),
        "points_reward_payouts": reward_payouts(reward_line, best),
        "point_consents": consents,
        "point_loans": loans,
    }


def reset() -> None:
    """Remove the demo's points and payouts (before the registry: payouts protect firms)."""
    Payout.objects.all().delete()
    BudgetLine.objects.all().delete()
    Programme.objects.all().delete()
    PointLoan.objects.all().delete()
    Consent.objects.all().delete()
    PointScheme.objects.all().delete()
