"""The demo's support policies (惠企政策): two policy documents built from the article's
programmes, eleven clauses, and disbursements at every stage.

The article names the programmes (科技奖励资金 2000 万元 in 2024, 创新积分奖励 268 万元, 规上
入库, 高企 and 专精特新 recognition) but not the clauses' amounts: every amount and budget here
is marked 示例 in its clause's note. The ledger of the article's 2024 payouts (2000 万元 and
268 万元) is the payouts module's (branch ``points``); this demo does not pay them again.

A clause is matched for a year: its facts are that year's annual facts, its recognitions
those of that year. The demo's firms have facts up to 2024, so the fact-based clauses are
matched for 2024 (paid in 2025); 规上工业首次入库 and the 高企 clauses also run for 2025,
whose 应享未享 list (firms that joined 规上 on 1 January 2025) is not empty. The 研发投入增长奖励
of 2024 is over its budget (1,325 of 800 万元): the matching page's warning.
"""

import datetime
from decimal import Decimal

from django.contrib.auth.models import User

from gaoxin.policies import services
from gaoxin.policies.matching import UNPAID, match
from gaoxin.policies.models import Clause, Disbursement, Policy

TECH_POLICY = (
    "随州高新区促进科技创新若干政策（示例）",
    "随州高新区管委会",
    "随高新发〔2024〕5号（示例）",
    datetime.date(2024, 3, 1),
)
GROWTH_POLICY = (
    "随州高新区支持企业升规入库和专精特新发展办法（示例）",
    "随州高新区经济发展局",
    "随高新经发〔2024〕12号（示例）",
    datetime.date(2024, 4, 15),
)

# policy, code, title, rule, formula, budget (万元), budget line, repeatable
CLAUSES = [
    (
        "tech",
        "第三条",
        "首次认定高新技术企业奖励",
        "高企首次认定年份 == 年度 and 是否高企",
        "20",
        "1200",
        "2060199",
        False,
    ),
    (
        "tech",
        "第四条",
        "研发投入增长奖励",
        "研发费用增长额 > 0 and 研发费用 >= 100",
        "研发费用增长额 * 0.1 > 50 ? 50 : 研发费用增长额 * 0.1",
        "800",
        "2060199",
        True,
    ),
    (
        "tech",
        "第五条",
        "高新技术产品收入奖励",
        "是否高企 and 营业收入 >= 5000 and 高新技术产品收入 / 营业收入 >= 0.6",
        "10",
        "800",
        "2060199",
        True,
    ),
    (
        "tech",
        "第六条",
        "科技型中小企业入库奖励",
        "科小首次认定年份 == 年度 and 是否科小",
        "1",
        "600",
        "2060199",
        False,
    ),
    ("tech", "第七条", "瞪羚企业认定奖励", "瞪羚首次认定年份 == 年度", "20", "200", "2060199", False),
    (
        # the article's "创新积分位于成长期前10% → 积分奖励": the points of the scheme valid on the
        # year's evaluation day (policies/catalogue_points.py)
        "tech",
        "第八条",
        "创新积分成长期前10%奖励",
        '积分阶段 == "成长期" and 积分阶段内排名百分比 <= 10',
        "5",
        "300",
        "2060199",
        True,
    ),
    (
        "growth",
        "第二条",
        "规上工业企业首次入库奖励",
        "规上工业首次认定年份 == 年度",
        "10",
        "300",
        "2150899",
        False,
    ),
    (
        "growth",
        "第三条",
        "规上服务业企业首次入库奖励",
        "规上服务业首次认定年份 == 年度",
        "5",
        "100",
        "2150899",
        False,
    ),
    (
        "growth",
        "第四条",
        "专精特新中小企业认定奖励",
        "专精特新首次认定年份 == 年度",
        "10",
        "400",
        "2150899",
        False,
    ),
    (
        "growth",
        "第五条",
        "省级专精特新“小巨人”认定奖励",
        "省小巨人首次认定年份 == 年度",
        "30",
        "1200",
        "2150899",
        False,
    ),
    (
        "growth",
        "第六条",
        "税收贡献增长奖励",
        "是否规上工业 and 税收 >= 300 and 税收增长率 >= 10",
        "税收增长额 * 0.05 > 30 ? 30 : 税收增长额 * 0.05",
        "500",
        "2150899",
        True,
    ),
]


def make_policy(spec) -> Policy:
    title, issuer, number, issued = spec
    return Policy.objects.create(
        title=title,
        issuer=issuer,
        number=number,
        issued_on=issued,
        effective_on=issued,
        status=Policy.Status.PUBLISHED,
        summary="示例政策：条款、金额与预算均为演示用示例，非正式文件。",
    )


def make_clauses() -> list[Clause]:
    policies = {"tech": make_policy(TECH_POLICY), "growth": make_policy(GROWTH_POLICY)}
    made = []
    for key, code, title, rule, formula, budget, line, repeatable in CLAUSES:
        clause = Clause(
            policy=policies[key],
            code=code,
            title=title,
            rule=rule,
            formula=formula,
            budget_amount=Decimal(budget),
            budget_line=line,
            repeatable=repeatable,
            note="金额与预算为示例",
        )
        clause.full_clean()
        clause.save()
        made.append(clause)
    return made


PAID_2025 = (
    datetime.date(2025, 5, 20),
    datetime.date(2025, 6, 3),
    datetime.date(2025, 6, 16),
    datetime.date(2025, 6, 30),
)
PAID_2024 = (
    datetime.date(2024, 4, 10),
    datetime.date(2024, 4, 15),
    datetime.date(2024, 4, 29),
    datetime.date(2024, 5, 15),
)


def walk(clause: Clause, year: int, clerk, leader, *, paid: int, on_notice: int, dates=PAID_2025) -> int:
    """Propose the first ``paid + on_notice`` unpaid firms; pay ``paid`` of them (proposed,
    on notice, approved and paid on ``dates``: June 2025 by default), leave the others on
    public notice from 22 September 2025."""
    proposed, notice, approved, paid_on = dates
    result = match([clause], year)[0]
    firms = [result.values.ids[i] for i in result.rows(UNPAID)][: paid + on_notice]
    for n, firm_id in enumerate(firms):
        made = services.disbursement_propose(
            clause=clause, enterprise_id=firm_id, year=year, user=clerk, date=proposed
        )
        if n < paid:
            services.disbursement_notice(disbursement=made, user=clerk, start=notice)
            services.disbursement_approve(disbursement=made, user=leader, date=approved)
            services.disbursement_pay(
                disbursement=made,
                user=leader,
                date=paid_on,
                bank_ref=f"SZGX{paid_on:%Y%m%d}{n:04d}",
                document_no=f"随高新财〔{paid_on.year}〕21号（示例）",
            )
        else:
            services.disbursement_notice(disbursement=made, user=clerk, start=datetime.date(2025, 9, 22))
    return len(firms)


def load(admin) -> dict:
    clauses = make_clauses()
    clerk, leader = User.objects.get(username="clerk"), User.objects.get(username="leader")
    named = {c.title: c for c in clauses}
    # the 2023 awards paid in May 2024: the 政策效益 page compares their firms' 2024 with 2023
    walked = walk(
        named["首次认定高新技术企业奖励"], 2023, clerk, leader, paid=15, on_notice=0, dates=PAID_2024
    )
    walked += walk(named["首次认定高新技术企业奖励"], 2024, clerk, leader, paid=20, on_notice=0)
    walked += walk(named["研发投入增长奖励"], 2024, clerk, leader, paid=12, on_notice=3)
    walked += walk(named["规上工业企业首次入库奖励"], 2025, clerk, leader, paid=0, on_notice=3)
    unpaid_2025 = sum(len(r.rows(UNPAID)) for r in match(Clause.objects.published(), 2025))
    return {"clauses": len(clauses), "disbursements": walked, "unpaid_2025": unpaid_2025}


def reset() -> None:
    Disbursement.objects.all().delete()
    Clause.objects.all().delete()
    Policy.objects.all().delete()
