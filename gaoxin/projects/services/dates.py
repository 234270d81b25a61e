"""Dates and amounts in words shared by the project rules."""

from __future__ import annotations

import calendar
import datetime
from decimal import ROUND_HALF_UP, Decimal

from ..models import (
    Stage,
)

HUNDRED = Decimal(100)
RATED_STAGES = {Stage.SIGNED, Stage.CONSTRUCTION, Stage.PRODUCTION}


SANE_FROM, SANE_TO = datetime.date(1990, 1, 1), datetime.date(2100, 12, 31)


def add_months(day: datetime.date, months: int) -> datetime.date:
    """The same day ``months`` later (or earlier), clipped to the month's last day."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    month += 1
    return datetime.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def month_end(day: datetime.date) -> datetime.date:
    return day.replace(day=calendar.monthrange(day.year, day.month)[1])


def complete_months(day: datetime.date) -> int:
    """Months of ``day``'s year complete on that day (9 on 30 September, 8 on 29 September)."""
    return day.month if day == month_end(day) else day.month - 1


def wan(value: Decimal | None) -> str:
    """A 万元 amount for sentences: thousands separated, at most two decimals."""
    if value is None:
        return "—"
    text = f"{value.quantize(Decimal('0.01'), ROUND_HALF_UP):,}"
    return text.rstrip("0").rstrip(".") if "." in text else text
