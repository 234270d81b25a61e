"""The catalogue of facts an indicator may read: only what the platform already holds (零填报).

Each fact is computed for one firm and year from ``FirmData`` (its annual facts of the year and
the year before, its establishment date, its valid qualifications on 31 December, its IP counts)
and answers a value or the reason it has none, in words ("缺少2024年研发费用"; "2023年营业收入为0，
增长率无法计算"). A missing value is never taken as zero. ``load`` reads the data of any number
of firms in a constant number of queries.

| code | what | unit |
| --- | --- | --- |
| rd_ratio | R&D expense ÷ operating revenue of the year | % |
| rd_expense | R&D expense | 万元 |
| rd_staff_share | R&D staff ÷ staff | % |
| sci_tech_staff_share | S&T staff ÷ staff | % |
| ip_class1 | Class I IP (AnnualFacts.ip_class1_count) | items |
| ip_class2 | Class II IP (AnnualFacts.ip_class2_count) | items |
| high_tech_revenue_share | high-tech product revenue ÷ operating revenue | % |
| operating_revenue | operating revenue | 万元 |
| revenue_growth | operating revenue against the year before | % |
| net_profit_margin | net profit ÷ operating revenue | % |
| tax_paid | taxes paid | 万元 |
| tax_growth | taxes paid against the year before | % |
| staff_total | staff | persons |
| qualifications | valid qualifications on 31 December (高企, 科小, 专精特新 …) | items |
| ip_register_class1 | owned Class I items of the IP register valid on 31 December (``enterprises.ip.ip_summary``) | items |
| ip_register_class2 | owned Class II items of the IP register valid on 31 December | items |
| ip_high_value | owned high-value Class I items of the IP register | items |
| niche_market_share | domestic niche market share of the main product | % |
| digital_maturity_level | digital maturity level (1–4) | level |

The ``ip_register_*`` facts count the register's items (a firm with none counts 0: the register
is taken as complete once a zone keeps it); ``ip_class1``/``ip_class2`` read the counts filed
with the annual facts (blank: missing). ``load`` asks the register only when a scheme reads it.
"""

import datetime
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext, gettext_noop
from django.utils.translation import gettext_lazy as _

HUNDRED = Decimal(100)


class Missing(Exception):
    """The fact cannot be read for this firm and year; ``str()`` says why, in the reader's
    language. The words are built only when shown (a list of 10,000 firms counts them)."""

    def __init__(self, template: str, params: dict | None = None):
        super().__init__(template)
        self.template, self.params = template, params or {}

    def __str__(self) -> str:
        text = gettext(self.template)
        return text % {k: str(v) for k, v in self.params.items()} if self.params else text


@dataclass
class FirmData:
    enterprise_id: int
    year: int
    established_on: datetime.date | None
    this: dict | None  # AnnualFacts values of the year
    before: dict | None  # … of the year before
    qualifications: int
    ip: object = None  # enterprises.ip.IPSummary on 31 December, when the scheme reads the register


@dataclass(frozen=True)
class Fact:
    label: object
    unit: str
    read: Callable[[FirmData], Decimal]


FIELD_LABELS = {
    "operating_revenue": _("operating revenue"),
    "rd_expense": _("R&D expense"),
    "staff_total": _("staff"),
    "staff_rd": _("R&D staff"),
    "staff_sci_tech": _("S&T staff"),
    "ip_class1_count": _("class I IP"),
    "ip_class2_count": _("class II IP"),
    "high_tech_revenue": _("high-tech product/service revenue"),
    "net_profit": _("net profit"),
    "tax_paid": _("taxes paid"),
    "niche_market_share": _("domestic niche market share of the main product (%)"),
    "digital_maturity_level": _("digital maturity level"),
}


def field(firm: FirmData, name: str, *, before: bool = False) -> Decimal:
    row = firm.before if before else firm.this
    value = None if row is None else row.get(name)
    if value is None:
        year = firm.year - 1 if before else firm.year
        raise Missing(gettext_noop("No %(field)s for %(year)s"), {"field": FIELD_LABELS[name], "year": year})
    return value if type(value) is Decimal else Decimal(value)


def ratio(firm: FirmData, part: str, whole: str) -> Decimal:
    """``part`` ÷ ``whole`` of the year in percent; a zero whole has no ratio."""
    numerator, denominator = field(firm, part), field(firm, whole)
    if denominator == 0:
        raise Missing(
            gettext("%(field)s of %(year)s is 0: no ratio")
            % {"field": FIELD_LABELS[whole], "year": firm.year}
        )
    return numerator / denominator * HUNDRED


def growth(firm: FirmData, name: str) -> Decimal:
    """Growth on the year before in percent; a zero or negative base has none (never 0)."""
    now, base = field(firm, name), field(firm, name, before=True)
    if base <= 0:
        raise Missing(
            gettext_noop("%(field)s of %(year)s is %(base)s: no growth rate"),
            {"field": FIELD_LABELS[name], "year": firm.year - 1, "base": f"{base.normalize():f}"},
        )
    return (now - base) / base * HUNDRED


FACTS: dict[str, Fact] = {
    "rd_ratio": Fact(
        _("R&D expense ÷ operating revenue"), "%", lambda f: ratio(f, "rd_expense", "operating_revenue")
    ),
    "rd_expense": Fact(_("R&D expense"), "万元", lambda f: field(f, "rd_expense")),
    "rd_staff_share": Fact(_("R&D staff ÷ staff"), "%", lambda f: ratio(f, "staff_rd", "staff_total")),
    "sci_tech_staff_share": Fact(
        _("S&T staff ÷ staff"), "%", lambda f: ratio(f, "staff_sci_tech", "staff_total")
    ),
    "ip_class1": Fact(_("Class I IP"), "件", lambda f: field(f, "ip_class1_count")),
    "ip_class2": Fact(_("Class II IP"), "件", lambda f: field(f, "ip_class2_count")),
    "high_tech_revenue_share": Fact(
        _("High-tech revenue ÷ operating revenue"),
        "%",
        lambda f: ratio(f, "high_tech_revenue", "operating_revenue"),
    ),
    "operating_revenue": Fact(_("Operating revenue"), "万元", lambda f: field(f, "operating_revenue")),
    "revenue_growth": Fact(_("Operating revenue growth"), "%", lambda f: growth(f, "operating_revenue")),
    "net_profit_margin": Fact(
        _("Net profit ÷ operating revenue"), "%", lambda f: ratio(f, "net_profit", "operating_revenue")
    ),
    "tax_paid": Fact(_("Taxes paid"), "万元", lambda f: field(f, "tax_paid")),
    "tax_growth": Fact(_("Taxes paid growth"), "%", lambda f: growth(f, "tax_paid")),
    "staff_total": Fact(_("Staff"), "人", lambda f: field(f, "staff_total")),
    "qualifications": Fact(
        _("Valid qualifications on 31 December"), "项", lambda f: Decimal(f.qualifications)
    ),
    "ip_register_class1": Fact(_("Class I IP in the IP register"), "件", lambda f: Decimal(f.ip.class1)),
    "ip_register_class2": Fact(_("Class II IP in the IP register"), "件", lambda f: Decimal(f.ip.class2)),
    "ip_high_value": Fact(
        _("High-value Class I IP in the IP register"), "件", lambda f: Decimal(f.ip.class1_high_value)
    ),
    "niche_market_share": Fact(
        _("Domestic niche market share of the main product"), "%", lambda f: field(f, "niche_market_share")
    ),
    "digital_maturity_level": Fact(
        _("Digital maturity level"), "级", lambda f: field(f, "digital_maturity_level")
    ),
}
REGISTER_FACTS = {"ip_register_class1", "ip_register_class2", "ip_high_value"}

FIELDS = sorted(FIELD_LABELS)


def load(enterprises, year: int, *, register: bool = False) -> tuple[list[FirmData], dict[int, str]]:
    """The data of every firm in ``enterprises`` (a queryset) for ``year``, and the firms'
    names by id: three queries, four with the IP register (``register``)."""
    from gaoxin.enterprises.ip import ip_summary
    from gaoxin.enterprises.models import AnnualFacts, Qualification

    firms = list(enterprises.values_list("pk", "established_on", "name"))
    ids = [pk for pk, _day, _name in firms]
    rows: dict[tuple[int, int], dict] = {}
    facts = AnnualFacts.objects.filter(year__in=(year, year - 1))
    if len(ids) < 5000:
        facts = facts.filter(enterprise_id__in=ids)
    for row in facts.values("enterprise_id", "year", *FIELDS):
        rows[(row["enterprise_id"], row["year"])] = row
    day = datetime.date(year, 12, 31)
    held = Counter(Qualification.objects.valid_on(day).values_list("enterprise_id", flat=True))
    ip = {}
    for start in range(0, len(ids) if register else 0, 5000):  # under SQLite's parameter limit
        ip.update(ip_summary(ids[start : start + 5000], day))
    data = [
        FirmData(
            pk, year, established, rows.get((pk, year)), rows.get((pk, year - 1)), held.get(pk, 0), ip.get(pk)
        )
        for pk, established, _name in firms
    ]
    return data, {pk: name for pk, _day, name in firms}
