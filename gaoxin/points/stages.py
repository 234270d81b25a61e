"""Stage assignment (初创 / 成长 / 稳定): each rule is a box of firm age × operating revenue,
``[min, max)`` on both (a blank bound is open); the first rule containing a firm gives its
stage. ``gaps`` finds the boxes no rule covers, so a rule set leaving any firm without a stage
is refused with the gap named (``services.stage_rules_set``)."""

import datetime
from decimal import Decimal

from django.utils.translation import gettext, gettext_noop

from .facts import FirmData, Missing, field

INFINITY = Decimal("Infinity")


def within(value, low, high) -> bool:
    return (low is None or value >= low) and (high is None or value < high)


def firm_age(established_on: datetime.date, year: int) -> int:
    """Full years from establishment to 31 December of ``year``."""
    return year - established_on.year


def describe_box(min_age, max_age, min_revenue, max_revenue) -> str:
    return gettext("%(age)s, %(revenue)s") % {
        "age": describe_range(min_age, max_age, gettext("age %(bound)s years")),
        "revenue": describe_range(min_revenue, max_revenue, gettext("revenue %(bound)s (10k yuan)")),
    }


def number(value) -> str:
    return f"{Decimal(value).normalize():f}"


def describe_range(low, high, pattern: str) -> str:
    if low is None and high is None:
        return pattern % {"bound": gettext("any")}
    parts = []
    if low is not None:
        parts.append(f"≥ {number(low)}")
    if high is not None:
        parts.append(f"< {number(high)}")
    return pattern % {"bound": gettext(" and ").join(parts)}


def gaps(rules) -> list[str]:
    """The (age, revenue) boxes no rule covers, described; empty when every firm has a stage."""
    ages = sorted({0, *(v for r in rules for v in (r.min_age, r.max_age) if v is not None)})
    revenues = sorted(
        {Decimal(0), *(Decimal(v) for r in rules for v in (r.min_revenue, r.max_revenue) if v is not None)}
    )
    found = []
    for i, age in enumerate(ages):
        for j, revenue in enumerate(revenues):
            if any(
                within(age, r.min_age, r.max_age) and within(revenue, r.min_revenue, r.max_revenue)
                for r in rules
            ):
                continue
            next_age = ages[i + 1] if i + 1 < len(ages) else None
            next_revenue = revenues[j + 1] if j + 1 < len(revenues) else None
            found.append(describe_box(age or None, next_age, revenue or None, next_revenue))
    return found


def assign(rules, firm: FirmData) -> str:
    """The firm's stage by the first rule containing it; ``Missing`` says what is lacking."""
    if firm.established_on is None:
        raise Missing(gettext_noop("No establishment date"))
    age = firm_age(firm.established_on, firm.year)
    revenue = field(firm, "operating_revenue")
    for rule in rules:
        if within(age, rule.min_age, rule.max_age) and within(revenue, rule.min_revenue, rule.max_revenue):
            return rule.stage
    raise Missing(
        gettext_noop("No stage rule covers age %(age)s, revenue %(revenue)s"),
        {"age": age, "revenue": number(revenue)},
    )
