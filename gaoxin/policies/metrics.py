"""Metrics of the policy module for annual goals: paid against budget, 应享未享 (count and
amount), days from eligibility to payment (registered in core.metrics)."""

import datetime
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Sum
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from gaoxin.core.metrics import MetricValue, metric

from .matching import UNPAID, match
from .models import Clause, Disbursement, DisbursementStage


def paid_rows(year: int, as_of: datetime.date | None):
    rows = Disbursement.objects.filter(stage=DisbursementStage.PAID, paid_on__year=year)
    return rows.filter(paid_on__lte=as_of) if as_of else rows


@metric("policy_paid", gettext_lazy("Policy awards paid"), "")
def policy_paid(params: dict, year: int, as_of: datetime.date | None) -> MetricValue:
    """万元 paid in the year against the budgets of the published clauses."""
    paid = paid_rows(year, as_of).aggregate(s=Sum("amount"))["s"] or Decimal("0")
    budget = published_budget()
    return MetricValue(
        value=paid,
        unit="万元",
        as_of=str(as_of or year),
        link=reverse("policies:disbursement_list") + f"?stage=paid&year={year}",
        explanation=_("Paid %(p)s of a budget of %(b)s (10k yuan) over the published clauses.")
        % {"p": f"{paid:.2f}", "b": f"{budget:.2f}"},
    )


def published_budget() -> Decimal:
    return Clause.objects.published().aggregate(s=Sum("budget_amount"))["s"] or Decimal("0")


def unpaid(year: int) -> tuple[int, Decimal]:
    results = match(Clause.objects.published().select_related("policy"), year)
    count = sum(len(r.rows(UNPAID)) for r in results)
    return count, sum((r.unpaid_total for r in results), Decimal("0.00"))


@metric("policy_unpaid_count", gettext_lazy("Firms entitled and not yet paid (应享未享)"), "")
def policy_unpaid_count(params: dict, year: int, as_of: datetime.date | None) -> MetricValue:
    count, amount = unpaid(year)
    return MetricValue(
        value=Decimal(count),
        unit="项",
        as_of=str(year),
        explanation=_("%(n)s awards (firm × clause), %(a)s (10k yuan).") % {"n": count, "a": f"{amount:.2f}"},
        higher_is_better=False,
    )


@metric("policy_unpaid_amount", gettext_lazy("Amount entitled and not yet paid (应享未享)"), "")
def policy_unpaid_amount(params: dict, year: int, as_of: datetime.date | None) -> MetricValue:
    _count, amount = unpaid(year)
    return MetricValue(value=amount, unit="万元", as_of=str(year), higher_is_better=False)


def mean_days(days: list[int]) -> Decimal | None:
    """The mean of ``days`` to 0.1 day (half-up as every figure), None when there are none."""
    if not days:
        return None
    return (Decimal(sum(days)) / len(days)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


@metric("policy_days_to_payment", gettext_lazy("Days from eligibility to payment"), "")
def policy_days_to_payment(params: dict, year: int, as_of: datetime.date | None) -> MetricValue:
    """The mean days from the day a firm was found eligible (拟兑现) to its payment."""
    days = [
        (paid - since).days
        for since, paid in paid_rows(year, as_of).values_list("eligible_since", "paid_on")
        if since and paid
    ]
    return MetricValue(
        value=mean_days(days),
        unit="天",
        as_of=str(year),
        explanation=_("Mean over %(n)s paid awards.") % {"n": len(days)},
        higher_is_better=False,
    )
