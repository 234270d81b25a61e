"""Metrics of the payout ledger for goals: what a programme paid in a year."""

import datetime

from django.db.models import Count, Sum
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from gaoxin.core.metrics import MetricValue, metric

from .models import Payout, Programme


@metric(
    "payouts_paid",
    gettext_lazy("Paid by a programme in the year (10k yuan)"),
    "programme: the programme's code",
)
def payouts_paid(params: dict, year: int, as_of: datetime.date | None) -> MetricValue:
    """The sum of the programme's payouts dated in ``year`` up to the as-of day."""
    code = params.get("programme", "")
    day = as_of or datetime.date(year, 12, 31)
    paid = Payout.objects.filter(programme__code=code, paid_on__year=year, paid_on__lte=day)
    total = paid.aggregate(s=Sum("amount"), n=Count("pk"))
    name = Programme.objects.filter(code=code).values_list("name", flat=True).first() or code
    value = total["s"] or 0
    explanation = _("%(programme)s paid %(amount)s (10k yuan) in %(count)d payouts by %(day)s.") % {
        "programme": name,
        "amount": f"{value:,.2f}",
        "count": total["n"],
        "day": day.isoformat(),
    }
    link = f"{reverse('payouts:payout_list')}?programme={code}&year={year}"
    return MetricValue(value, _("10k yuan"), day.isoformat(), link, explanation)
