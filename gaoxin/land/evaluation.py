"""The yearly 亩均效益 evaluation (domain-rules §6): every firm in scope scored on the
scheme's indicators, ``score = Σ value ÷ benchmark × weight`` (the 台州 黄岩 formula), graded
A/B/C/D within its group (规上 / 规下) by rank percentiles or score cut-offs.

Read in a constant number of queries for all firms (``evaluate``), computed in Decimal:

- **land** per firm: its ``FirmLand`` row of the year (owned + leased in − let out), else the
  annual facts' 用地面积; a firm without land (none, or 0) is excluded with that reason — never
  divided by zero;
- **scope**: 规上 = a valid 规上工业 qualification on the year's last day; 规下 firms with at
  least ``below_scale_min_mu`` 亩;
- **missing data** is named (``缺少2024年税收``) and excludes the firm, except emissions: a firm
  without emission data gets its group's average item score (the 黄岩 rule), marked as such;
- **exempt** firms (the scheme's exemptions, and firms established within
  ``exempt_new_years`` years: established in year > Y − N) are scored but not graded;
- **grading** by percentile: rank r of n graded firms (ties share the better rank), p = r ÷ n ×
  100; A when p ≤ a, B when p ≤ b, C when p ≤ c, else D. By score: A when score ≥ a, B ≥ b,
  C ≥ c, else D. Totals are rounded half-up to 0.01 before ranking."""

import datetime
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.utils.translation import gettext as _

from .models import FirmLand, Indicator, MuIndicator, MuScheme

CENT = Decimal("0.01")
HUNDRED = Decimal(100)

# what each indicator divides: (numerator fact, denominator) — "land" is the firm's land
FORMULAS = {
    Indicator.TAX_PER_MU: ("tax_paid", "land"),
    Indicator.VALUE_ADDED_PER_MU: ("value_added", "land"),
    Indicator.VALUE_ADDED_PER_ENERGY: ("value_added", "energy_tce"),
    Indicator.VALUE_ADDED_PER_EMISSION: ("value_added", "emissions_t"),
    Indicator.LABOUR_PRODUCTIVITY: ("value_added", "staff_average"),
    Indicator.RD_RATIO: ("rd_expense", "main_business_revenue"),
    Indicator.REVENUE_PER_MU: ("operating_revenue", "land"),
    Indicator.TAX_PER_ELECTRICITY: ("tax_paid", "electricity_10k_kwh"),
}
FACTS = (
    "tax_paid",
    "value_added",
    "energy_tce",
    "staff_average",
    "rd_expense",
    "main_business_revenue",
    "operating_revenue",
    "electricity_10k_kwh",
    "land_area_mu",
)
FACT_NAMES = {
    "tax_paid": "税收",
    "value_added": "工业增加值",
    "energy_tce": "综合能耗",
    "emissions_t": "主要污染物排放量",
    "staff_average": "年平均职工人数",
    "rd_expense": "研发费用",
    "main_business_revenue": "主营业务收入",
    "operating_revenue": "营业收入",
    "electricity_10k_kwh": "用电量",
}
GRADES = ("A", "B", "C", "D")


@dataclass
class Sheet:
    """One firm's score sheet."""

    enterprise_id: int
    name: str
    park: str
    group: str  # MuIndicator.Group
    land_mu: Decimal | None = None
    land_source: str = ""
    values: dict = field(default_factory=dict)  # indicator code → value (None: missing)
    items: dict = field(default_factory=dict)  # indicator code → value ÷ benchmark × weight
    averaged: set = field(default_factory=set)  # items given the group's average (emissions)
    tax: Decimal | None = None  # the year's tax and revenue, for the zone's 亩均 trend
    revenue: Decimal | None = None
    total: Decimal | None = None
    rank: int | None = None
    graded_count: int | None = None
    grade: str = ""
    excluded: str = ""  # why the firm is not scored
    exempt: str = ""  # why it is scored but not graded

    @property
    def percentile(self) -> Decimal | None:
        if self.rank is None or not self.graded_count:
            return None
        return (Decimal(self.rank) * HUNDRED / self.graded_count).quantize(CENT, ROUND_HALF_UP)


@dataclass
class Evaluation:
    scheme: MuScheme
    sheets: list[Sheet]
    problems: list[str]

    def counts(self) -> dict[str, int]:
        out = dict.fromkeys(GRADES, 0)
        for s in self.sheets:
            if s.grade:
                out[s.grade] += 1
        out["exempt"] = sum(1 for s in self.sheets if s.exempt and s.total is not None)
        out["excluded"] = sum(1 for s in self.sheets if s.excluded)
        out["scored"] = sum(1 for s in self.sheets if s.total is not None)
        return out

    def by_enterprise(self) -> dict[int, Sheet]:
        return {s.enterprise_id: s for s in self.sheets}


def scheme_problems(scheme: MuScheme, indicators: list[MuIndicator] | None = None) -> list[str]:
    """What stops the scheme from being evaluated or published: each group's weights must sum
    to exactly 100; the cut-offs must be in order."""
    indicators = list(scheme.indicators.all()) if indicators is None else indicators
    problems = []
    for group, label in MuIndicator.Group.choices:
        mine = [i for i in indicators if i.group == group]
        if not mine:
            continue
        total = sum((i.weight for i in mine), Decimal(0))
        if total != HUNDRED:
            problems.append(
                _("The weights of %(group)s sum to %(total)s, not 100.")
                % {"group": label, "total": f"{total:g}"}
            )
    if not any(i.group == MuIndicator.Group.ABOVE for i in indicators):
        problems.append(_("No indicator for firms above designated size."))
    cuts = (scheme.a_cut, scheme.b_cut, scheme.c_cut)
    ordered = (
        cuts[0] <= cuts[1] <= cuts[2]
        if scheme.method == MuScheme.Method.PERCENTILE
        else cuts[0] >= cuts[1] >= cuts[2]
    )
    if not ordered:
        problems.append(_("The grade cut-offs are not in order (A, B, C)."))
    return problems


def evaluate(scheme: MuScheme, *, enterprise_ids=None) -> Evaluation:
    indicators = list(scheme.indicators.all())
    problems = scheme_problems(scheme, indicators)
    if problems:
        return Evaluation(scheme, [], problems)
    sheets = load_sheets(scheme, enterprise_ids)
    by_group = {g: [i for i in indicators if i.group == g] for g, _l in MuIndicator.Group.choices}
    for group, mine in by_group.items():
        members = [s for s in sheets if s.group == group and not s.excluded]
        score(members, mine, scheme.year)
        grade([s for s in members if s.total is not None and not s.exempt], scheme)
    return Evaluation(scheme, sheets, [])


def load_sheets(scheme: MuScheme, enterprise_ids=None) -> list[Sheet]:
    """Every firm in scope with its land, facts and exemption (five queries)."""
    from gaoxin.enterprises.models import AnnualFacts, Enterprise

    year = scheme.year
    firms = Enterprise.objects.filter(status=Enterprise.Status.ACTIVE)
    if enterprise_ids is not None:
        firms = firms.filter(pk__in=list(enterprise_ids))
    above = set(
        firms.with_qualification("above_scale_industry", datetime.date(year, 12, 31)).values_list(
            "pk", flat=True
        )
    )
    rows = list(firms.order_by("pk").values_list("pk", "name", "park__name", "established_on"))
    facts = {
        r[0]: dict(zip(FACTS, r[1:], strict=True))
        for r in AnnualFacts.objects.filter(year=year).values_list("enterprise_id", *FACTS)
    }
    land = {
        r[0]: r[1:]
        for r in FirmLand.objects.filter(year=year).values_list(
            "enterprise_id", "owned_mu", "leased_in_mu", "let_out_mu", "emissions_t"
        )
    }
    exempt = dict(scheme.exemptions.values_list("enterprise_id", "reason"))
    from_register, from_facts = _("land register"), _("annual facts")  # translated once, not per firm
    sheets = []
    for pk, name, park, established in rows:
        sheet = Sheet(
            pk, name, park or "", MuIndicator.Group.ABOVE if pk in above else MuIndicator.Group.BELOW
        )
        own = facts.get(pk, {})
        if pk in land:
            owned, leased, let_out, emissions = land[pk]
            sheet.land_mu, sheet.land_source = owned + leased - let_out, from_register
            own = {**own, "emissions_t": emissions}
        elif own.get("land_area_mu") is not None:
            sheet.land_mu, sheet.land_source = own["land_area_mu"], from_facts
        if sheet.group == MuIndicator.Group.BELOW and (
            sheet.land_mu is None or sheet.land_mu < scheme.below_scale_min_mu
        ):
            continue  # 规下 below the land threshold: not in scope
        sheet.values, sheet.tax, sheet.revenue = own, own.get("tax_paid"), own.get("operating_revenue")
        if sheet.land_mu is None:
            sheet.excluded = _("No land recorded for %(year)s.") % {"year": year}
        elif sheet.land_mu <= 0:
            sheet.excluded = _("Land in %(year)s is %(mu)s mu.") % {"year": year, "mu": sheet.land_mu}
        if pk in exempt:
            sheet.exempt = exempt[pk]
        elif established and established.year > year - scheme.exempt_new_years:
            sheet.exempt = _("Established in %(y)s (new firms exempt for %(n)s years).") % {
                "y": established.year,
                "n": scheme.exempt_new_years,
            }
        sheets.append(sheet)
    return sheets


def ratio(facts: dict, land: Decimal, code: str):
    """(value, missing fact name): the indicator's value, or what is missing."""
    top, bottom = FORMULAS[code]
    numerator = facts.get(top)
    denominator = land if bottom == "land" else facts.get(bottom)
    if numerator is None:
        return None, top
    if denominator is None or denominator == 0:
        return None, bottom
    return Decimal(numerator) / Decimal(denominator), None


def score(members: list[Sheet], indicators: list[MuIndicator], year: int) -> None:
    emission_items = []
    for sheet in members:
        facts, sheet.values = sheet.values, {}
        missing = []
        for ind in indicators:
            value, lacking = ratio(facts, sheet.land_mu, ind.code)
            sheet.values[ind.code] = value
            if value is None:
                if ind.code == Indicator.VALUE_ADDED_PER_EMISSION and lacking == "emissions_t":
                    sheet.averaged.add(ind.code)
                    continue
                missing.append(FACT_NAMES.get(lacking, lacking))
                continue
            sheet.items[ind.code] = value / ind.benchmark * ind.weight
            if ind.code == Indicator.VALUE_ADDED_PER_EMISSION:
                emission_items.append(sheet.items[ind.code])
        if missing:
            sheet.excluded = _("Missing %(year)s %(what)s.") % {
                "year": year,
                "what": "、".join(dict.fromkeys(missing)),
            }
            sheet.items = {}
    average = sum(emission_items, Decimal(0)) / len(emission_items) if emission_items else Decimal(0)
    for sheet in members:
        if sheet.excluded:
            sheet.averaged = set()
            continue
        for code in sheet.averaged:
            sheet.items[code] = average
        sheet.total = sum(sheet.items.values(), Decimal(0)).quantize(CENT, ROUND_HALF_UP)


def grade(graded: list[Sheet], scheme: MuScheme) -> None:
    graded.sort(key=lambda s: (-s.total, s.name))
    n = len(graded)
    rank, previous = 0, None
    for position, sheet in enumerate(graded, start=1):
        if sheet.total != previous:
            rank, previous = position, sheet.total
        sheet.rank, sheet.graded_count = rank, n
        measure = Decimal(rank) * HUNDRED / n if scheme.method == MuScheme.Method.PERCENTILE else sheet.total
        sheet.grade = band(measure, scheme)


def band(measure: Decimal, scheme: MuScheme) -> str:
    if scheme.method == MuScheme.Method.PERCENTILE:
        for letter, cut in zip("ABC", (scheme.a_cut, scheme.b_cut, scheme.c_cut), strict=True):
            if measure <= cut:
                return letter
        return "D"
    for letter, cut in zip("ABC", (scheme.a_cut, scheme.b_cut, scheme.c_cut), strict=True):
        if measure >= cut:
            return letter
    return "D"


def zone_figures(result: Evaluation, park: str | None = None) -> dict:
    """亩均税收 and 亩均营业收入 over the scored firms (of a park): Σ tax ÷ Σ land, Σ revenue ÷ Σ land."""
    rows = [s for s in result.sheets if s.total is not None and (park is None or s.park == park)]
    land = sum((s.land_mu for s in rows), Decimal(0))
    tax = sum((s.tax or Decimal(0) for s in rows), Decimal(0))
    revenue = sum((s.revenue or Decimal(0) for s in rows), Decimal(0))
    return {
        "year": result.scheme.year,
        "firms": len(rows),
        "land_mu": land.quantize(CENT, ROUND_HALF_UP),
        "tax_per_mu": (tax / land).quantize(CENT, ROUND_HALF_UP) if land else None,
        "revenue_per_mu": (revenue / land).quantize(CENT, ROUND_HALF_UP) if land else None,
    }


def trend(park: str | None = None) -> list[dict]:
    """The zone's (or a park's) figures for every published evaluation, oldest first."""
    schemes = MuScheme.objects.filter(state=MuScheme.State.PUBLISHED).order_by("year")
    return [zone_figures(evaluate_cached(scheme), park) for scheme in schemes]


def evaluate_cached(scheme: MuScheme) -> Evaluation:
    """``evaluate`` kept under the data generation (a write anywhere recomputes it)."""
    from gaoxin.core.generation import cached

    return cached("mu-evaluation", (scheme.pk,), lambda: evaluate(scheme))
