"""The cockpit's 惠企政策 panel: paid against budget, 应享未享 (count and amount) and the days
from eligibility to payment, for the cockpit's year on its evaluation day (the goals' metrics)."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from gaoxin.core.cockpit import cockpit_panel

from . import metrics


@cockpit_panel(
    "policies",
    gettext_lazy("Support policies (惠企政策)"),
    "policies/includes/cockpit_panel.html",
    permission="policies.view_disbursement",
    order=60,
    icon="file-certificate",
)
def policies_panel(year, as_of) -> dict | None:
    """Three queries of its own and one matching run (the published clauses over every firm)."""
    from decimal import Decimal

    from .matching import UNPAID, match
    from .models import Clause

    clauses = list(Clause.objects.published().select_related("policy"))
    if not clauses:
        return None
    rows = list(metrics.paid_rows(year, as_of).values_list("amount", "eligible_since", "paid_on"))
    days = [(paid - since).days for _amount, since, paid in rows if since and paid]
    results = match(clauses, year)
    return {
        "year": year,
        "paid": sum((amount for amount, _since, _paid in rows), Decimal("0")),
        "budget": sum((c.budget_amount or Decimal("0") for c in clauses), Decimal("0")),
        "unpaid_count": sum(len(r.rows(UNPAID)) for r in results),
        "unpaid_amount": sum((r.unpaid_total for r in results), Decimal("0.00")),
        "days": metrics.mean_days(days),
        "days_firms": _("Mean over %(n)s paid awards.") % {"n": len(days)},
    }
