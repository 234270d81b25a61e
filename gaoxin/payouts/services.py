"""Totals of the payout ledger: per programme and year, and a programme's budget lines with
what is left on each (two queries whatever the number of payouts)."""

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, Sum
from django.db.models.functions import ExtractYear

from .models import BudgetLine, Payout, Programme


@dataclass
class ProgrammeYear:
    programme: Programme
    year: int
    paid: Decimal
    payouts: int
    firms: int
    budget: Decimal | None

    @property
    def remaining(self) -> Decimal | None:
        return None if self.budget is None else self.budget - self.paid


def payout_totals(payouts, year: int | None = None) -> list[ProgrammeYear]:
    """Paid per programme and year over ``payouts`` (already scoped), with the year's budget."""
    rows = (
        payouts.annotate(year=ExtractYear("paid_on"))
        .values("programme_id", "year")
        .annotate(paid=Sum("amount"), payouts=Count("pk"), firms=Count("enterprise_id", distinct=True))
        .order_by("-year", "programme_id")
    )
    if year is not None:
        rows = rows.filter(year=year)
    rows = list(rows)
    programmes = Programme.objects.in_bulk({r["programme_id"] for r in rows})
    budgets = {
        (b["programme_id"], b["year"]): b["total"]
        for b in BudgetLine.objects.values("programme_id", "year").annotate(total=Sum("amount"))
    }
    return [
        ProgrammeYear(
            programmes[r["programme_id"]],
            r["year"],
            r["paid"],
            r["payouts"],
            r["firms"],
            budgets.get((r["programme_id"], r["year"])),
        )
        for r in rows
    ]


def programme_paid(programme_code: str, year: int) -> Decimal:
    """What a programme paid in a year (万元), the metric goals read."""
    total = Payout.objects.filter(programme__code=programme_code, paid_on__year=year).aggregate(
        s=Sum("amount")
    )
    return total["s"] or Decimal(0)


def budget_lines_with_paid(programme: Programme) -> list[BudgetLine]:
    lines = list(programme.budget_lines.annotate(paid=Sum("payouts__amount")).order_by("-year", "code"))
    for line in lines:
        line.paid = line.paid or Decimal(0)
        line.remaining = line.amount - line.paid
    return lines
