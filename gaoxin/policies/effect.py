"""政策效益: what a policy reached in a year and how its paid firms did the year after, beside
the unpaid firms of the same tier — an observation, never a causal claim.

For a policy and an award year ``Y`` (the disbursements' eligibility year):

* **reached**: the distinct firms with a paid disbursement of one of the policy's clauses for
  ``Y``; **paid**: their amounts (万元).
* **tier**: a firm's highest cultivation title valid on ``Y``'s evaluation day, by the ladder
  ``TIER_LADDER`` (国家小巨人 > 省小巨人 > 专精特新 > 创新型 > 高企 > 科小 > 规上工业), "未获梯度资质"
  without one. The comparison group of a tier is every active firm of that tier not paid by the
  policy for ``Y``.
* **growth the year after** of operating revenue, tax and R&D: (Σ value of ``Y+1`` ÷ Σ value
  of ``Y`` − 1) × 100 over the group's firms that have both values (the same firms in both
  years, the statistics' 同口径), rounded half up to 0.1; a group whose base sum is zero or
  negative, or has no firm with both years, has no growth (named, never zero). The difference
  is in percentage points (百分点).

Seven queries whatever the number of firms: paid sums, paid firms, active firms, the zone's
evaluation day, the ladder's names, qualifications, facts.
"""

import datetime
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Count, Sum

TIER_LADDER = (
    "little_giant_national",
    "little_giant_provincial",
    "srdi_sme",
    "innovative_sme",
    "high_tech",
    "tech_sme",
    "above_scale_industry",
)
NO_TIER = "未获梯度资质"
MEASURES = (("operating_revenue", "营业收入"), ("tax_paid", "税收"), ("rd_expense", "研发费用"))
TENTH = Decimal("0.1")


@dataclass
class Growth:
    firms: int  # firms with both years' values
    base: Decimal
    after: Decimal
    rate: Decimal | None  # %, one decimal; None when not computable (see ``words``)

    @property
    def words(self) -> str:
        if self.firms == 0:
            return "无两年均有数据的企业"
        if self.rate is None:
            return "基期合计为零或负数，不计算增长率"
        return f"{self.rate}%"


@dataclass
class Comparison:
    key: str
    name: str
    paid: Growth
    others: Growth

    @property
    def difference(self) -> Decimal | None:
        if self.paid.rate is None or self.others.rate is None:
            return None
        return self.paid.rate - self.others.rate


@dataclass
class TierRow:
    tier: str
    paid_firms: int
    other_firms: int
    comparisons: list[Comparison] = field(default_factory=list)


@dataclass
class PolicyEffect:
    policy: object
    year: int
    reached: int
    paid: Decimal
    clauses: list[tuple[str, int, Decimal]]  # clause, firms, amount
    tiers: list[TierRow]
    has_next_year: bool

    @property
    def after_year(self) -> int:
        return self.year + 1


def growth(ids, base: dict, after: dict) -> Growth:
    pairs = [(base[i], after[i]) for i in ids if base.get(i) is not None and after.get(i) is not None]
    before = sum((b for b, _a in pairs), Decimal(0))
    later = sum((a for _b, a in pairs), Decimal(0))
    rate = None
    if pairs and before > 0:
        rate = ((later / before - 1) * 100).quantize(TENTH, rounding=ROUND_HALF_UP)
    return Growth(len(pairs), before, later, rate)


def tier_names() -> dict[str, str]:
    """The ladder's codes → short names (one query; a code without a row keeps its code)."""
    from gaoxin.enterprises.models import QualificationType

    names = dict(QualificationType.objects.filter(code__in=TIER_LADDER).values_list("code", "short_name"))
    return {code: names.get(code) or code for code in TIER_LADDER}


def tiers_on(day: datetime.date, ids: list[int], names: dict[str, str]) -> dict[int, str]:
    """Each firm's highest title of the ladder valid on ``day`` (its short name), else NO_TIER."""
    from gaoxin.enterprises.models import Qualification

    rank = {code: n for n, code in enumerate(TIER_LADDER)}
    best: dict[int, str] = {}
    held = Qualification.objects.valid_on(day).filter(type__code__in=TIER_LADDER)
    for eid, code in held.values_list("enterprise_id", "type__code"):
        if eid not in best or rank[code] < rank[best[eid]]:
            best[eid] = code
    return {i: names[best[i]] if i in best else NO_TIER for i in ids}


def facts_by_year(years, measures=MEASURES) -> dict[tuple[int, str], dict[int, Decimal]]:
    from gaoxin.enterprises.models import AnnualFacts

    keys = [k for k, _n in measures]
    out: dict[tuple[int, str], dict[int, Decimal]] = defaultdict(dict)
    for row in AnnualFacts.objects.filter(year__in=years).values_list("enterprise_id", "year", *keys):
        for key, value in zip(keys, row[2:], strict=True):
            out[(row[1], key)][row[0]] = value
    return out


def policy_effect(policy, year: int) -> PolicyEffect:
    """The effect sheet of ``policy`` for award year ``year`` (see the module's docstring)."""
    from gaoxin.enterprises.models import Enterprise
    from gaoxin.zone.models import evaluation_day

    from .models import Disbursement, DisbursementStage

    paid_rows = Disbursement.objects.filter(clause__policy=policy, year=year, stage=DisbursementStage.PAID)
    by_clause = list(
        paid_rows.values("clause__code", "clause__title")
        .annotate(firms=Count("enterprise", distinct=True), amount=Sum("amount"))
        .order_by("clause__code")
    )
    paid_ids = set(paid_rows.values_list("enterprise_id", flat=True))
    active = set(Enterprise.objects.filter(status=Enterprise.Status.ACTIVE).values_list("pk", flat=True))
    everyone = sorted(active | paid_ids)
    names = tier_names()
    tiers = tiers_on(evaluation_day(year), everyone, names)
    order = {name: n for n, name in enumerate([*names.values(), NO_TIER])}
    facts = facts_by_year((year, year + 1))
    rows = []
    for tier in sorted({tiers[i] for i in paid_ids}, key=order.__getitem__):
        mine = [i for i in everyone if tiers[i] == tier]
        paid = [i for i in mine if i in paid_ids]
        others = [i for i in mine if i not in paid_ids and i in active]
        row = TierRow(tier, len(paid), len(others))
        for key, name in MEASURES:
            base, after = facts.get((year, key), {}), facts.get((year + 1, key), {})
            row.comparisons.append(
                Comparison(key, name, growth(paid, base, after), growth(others, base, after))
            )
        rows.append(row)
    return PolicyEffect(
        policy=policy,
        year=year,
        reached=len(paid_ids),
        paid=sum((c["amount"] for c in by_clause), Decimal(0)),
        clauses=[(f"{c['clause__code']} {c['clause__title']}", c["firms"], c["amount"]) for c in by_clause],
        tiers=rows,
        has_next_year=any(facts.get((year + 1, key)) for key, _n in MEASURES),
    )
