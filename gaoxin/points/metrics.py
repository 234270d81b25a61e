"""Metrics of the innovation points for goals: firms at or above a tier's points, and the
points loans granted in a year."""

import datetime
from decimal import Decimal

from django.db.models import Count, Sum
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from gaoxin.core.metrics import MetricValue, metric

from .models import PointLoan
from .services import points_compute, scheme_on


@metric("point_loans_total", gettext_lazy("Points loans granted in the year (10k yuan)"), "bank: optional")
def point_loans_total(params: dict, year: int, as_of: datetime.date | None) -> MetricValue:
    day = as_of or datetime.date(year, 12, 31)
    loans = PointLoan.objects.filter(granted_on__year=year, granted_on__lte=day)
    if params.get("bank"):
        loans = loans.filter(bank=params["bank"])
    total = loans.aggregate(s=Sum("amount"), n=Count("pk"))
    value = total["s"] or Decimal(0)
    explanation = _("%(count)d points loans, %(amount)s (10k yuan), granted in %(year)s by %(day)s.") % {
        "count": total["n"],
        "amount": f"{value:,.2f}",
        "year": year,
        "day": day.isoformat(),
    }
    return MetricValue(
        value, _("10k yuan"), day.isoformat(), f"{reverse('points:pointloan_list')}?year={year}", explanation
    )


@metric(
    "points_tier_firms",
    gettext_lazy("Firms in a points tier"),
    "tier: a tier code (A); stage: optional (startup/growth/stable)",
)
def points_tier_firms(params: dict, year: int, as_of: datetime.date | None) -> MetricValue:
    """How many firms reach the tier for the year's facts (the points' distribution)."""
    scheme = scheme_on(datetime.date(year, 12, 31))
    if scheme is None:
        return MetricValue(None, _("enterprises"), str(year), "", _("No point scheme is valid in this year."))
    sheets = points_compute(scheme=scheme, year=year)
    stage, tier = params.get("stage"), params.get("tier", "")
    chosen = [s for s in sheets if s.tier == tier and (not stage or s.stage == stage)]
    series = [
        (code, sum(1 for s in sheets if s.tier == code))
        for code in sorted({s.tier for s in sheets if s.tier})
    ]
    explanation = _("%(count)d of %(all)d firms reach tier %(tier)s under %(scheme)s.") % {
        "count": len(chosen),
        "all": len(sheets),
        "tier": tier,
        "scheme": scheme,
    }
    link = f"{reverse('points:points_list')}?year={year}"
    return MetricValue(Decimal(len(chosen)), _("enterprises"), str(year), link, explanation, series=series)
