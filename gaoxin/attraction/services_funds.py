"""Funds in place (到位资金) of signings and the conversion 签约 → 开工 → 投产, as the commerce
bureau counts them. Everything is computed **as of a day passed in** (never the wall clock).

- a signing's months: each month's funds in place (省外资金 万元 + 外资 万美元 × the rate used),
  the cumulative total and 到位率 = cumulative ÷ contract amount, in percent to one decimal
  (half up); over 100 % is shown as it is (more money arrived than was signed);
- the year's funds in place: the rows of verified signings for the months of the year up to
  the as-of day's month (a row of a later month does not count yet), split 省外资金 / 外资;
- the year's 到位率: what the verified signings **signed in the year** have in place by the
  as-of day ÷ their contract amounts;
- conversion: verified signings signed from 1 January to the as-of day → those whose key
  project had started (reached 在建 or a later stage) by the as-of day → those in production
  (竣工投产 or 达产) by it; the dates are the project's stage changes (its production date
  first for 投产; without stage-change rows, the stage it is in since ``stage_since``).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Min, Q, Sum

from gaoxin.projects.metrics import as_of_day, yi
from gaoxin.projects.models import Stage

from .models import Signing, SigningFunding

ONE_PLACE = Decimal("0.1")
WAN_PLACES = Decimal("0.0001")
HUNDRED = Decimal(100)
ZERO = Decimal(0)
STARTED = (Stage.CONSTRUCTION, Stage.PRODUCTION, Stage.CAPACITY)
PRODUCING = (Stage.PRODUCTION, Stage.CAPACITY)


def funding_rate(in_place: Decimal | None, amount: Decimal | None) -> Decimal | None:
    """到位率: in place ÷ contract amount × 100, one decimal, half up; None without an amount."""
    if not amount:
        return None
    return (Decimal(in_place or 0) * HUNDRED / Decimal(amount)).quantize(ONE_PLACE, ROUND_HALF_UP)


def percent(part: int, whole: int) -> Decimal | None:
    """part ÷ whole in percent, one decimal; None of nothing."""
    if not whole:
        return None
    return (Decimal(part) * HUNDRED / Decimal(whole)).quantize(ONE_PLACE, ROUND_HALF_UP)


@dataclass(frozen=True)
class FundingMonth:
    """One month of a signing's tab: the row, the cumulative total and 到位率 after it."""

    row: SigningFunding
    cumulative: Decimal
    rate: Decimal | None


def funding_months(signing: Signing) -> list[FundingMonth]:
    """The signing's months in order, each with the cumulative total and 到位率 after it."""
    months, cumulative = [], ZERO
    for row in signing.fundings.order_by("year", "month"):
        cumulative += row.total
        months.append(FundingMonth(row, cumulative, funding_rate(cumulative, signing.amount)))
    return months


def in_place_up_to(day: datetime.date):
    """Funding rows of the months up to ``day``'s month (a later month does not count yet)."""
    return SigningFunding.objects.filter(Q(year__lt=day.year) | Q(year=day.year, month__lte=day.month))


@dataclass(frozen=True)
class YearFunds:
    """The year's funds in place (万元), split, and the 到位率 of the year's signings."""

    outside_province: Decimal
    foreign_cny: Decimal
    foreign_usd: Decimal
    total: Decimal
    signed_amount: Decimal  # contract amounts of the verified signings of the year
    signed_in_place: Decimal  # what those signings have in place by the day
    rate: Decimal | None


def year_funds(year: int, as_of: datetime.date | None) -> YearFunds:
    day = as_of_day(year, as_of)
    rows = in_place_up_to(day).filter(signing__status=Signing.Status.VERIFIED)
    sums = rows.filter(year=year).aggregate(
        d=Sum("domestic_outside_province"), f=Sum("foreign_cny"), u=Sum("foreign_usd"), t=Sum("total")
    )
    signed = signed_by(year, day)
    signed_amount = wan(signed.aggregate(s=Sum("amount"))["s"])
    signed_in_place = wan(rows.filter(signing__in=signed).aggregate(s=Sum("total"))["s"])
    return YearFunds(
        wan(sums["d"]),
        wan(sums["f"]),
        wan(sums["u"]),
        wan(sums["t"]),
        signed_amount,
        signed_in_place,
        funding_rate(signed_in_place, signed_amount),
    )


def wan(value: Decimal | None) -> Decimal:
    """A database sum back to the four places of 万元 (SQLite sums decimals loosely)."""
    return (value or ZERO).quantize(WAN_PLACES, ROUND_HALF_UP)


def signed_by(year: int, day: datetime.date):
    """Verified signings with a contract date from 1 January of ``year`` to ``day``."""
    return Signing.objects.investments().filter(
        status=Signing.Status.VERIFIED, contract_date__gte=datetime.date(year, 1, 1), contract_date__lte=day
    )


def reached_on(started, stage, since, stages) -> datetime.date | None:
    """The first stage change into ``stages``; without one, ``since`` if the project is in one."""
    if started is not None:
        return started
    return since if stage in stages else None


def stage_dates(signings) -> list[tuple[datetime.date | None, datetime.date | None]]:
    """(started on, in production on) of each signing's key project, in two joins."""
    rows = signings.filter(project__isnull=False).annotate(
        started=Min("project__stage_changes__date", filter=Q(project__stage_changes__to_stage__in=STARTED)),
        producing=Min(
            "project__stage_changes__date", filter=Q(project__stage_changes__to_stage__in=PRODUCING)
        ),
    )
    values = rows.values_list(
        "started", "producing", "project__stage", "project__stage_since", "project__production_date"
    )
    return [
        (
            reached_on(started, stage, since, STARTED),
            production or reached_on(producing, stage, since, PRODUCING),
        )
        for started, producing, stage, since, production in values
    ]


@dataclass(frozen=True)
class Conversion:
    """签约 N → 开工 M (x % of N) → 投产 K (y % of N) as of ``day``, with the year's funds."""

    year: int
    day: datetime.date
    signed: int
    started: int
    producing: int
    funds: YearFunds

    @property
    def started_percent(self) -> Decimal | None:
        return percent(self.started, self.signed)

    @property
    def producing_percent(self) -> Decimal | None:
        return percent(self.producing, self.signed)

    @property
    def funds_yi(self) -> Decimal:
        return yi(self.funds.total)


def conversion(year: int, as_of: datetime.date | None) -> Conversion:
    """The cockpit's 招商转化 panel: the year's verified signings up to ``as_of`` (None: the
    zone's evaluation date, never past 31 December) and how far their projects got by then."""
    day = as_of_day(year, as_of)
    signings = signed_by(year, day)
    dates = stage_dates(signings)
    started = sum(1 for start, _production in dates if start is not None and start <= day)
    producing = sum(1 for _start, production in dates if production is not None and production <= day)
    return Conversion(year, day, signings.count(), started, producing, year_funds(year, day))
