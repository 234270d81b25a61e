"""The cockpit's 惠企政策 panel: paid against budget, 应享未享 (count and amount) and the days
from eligibility to payment, for the cockpit's year on its evaluation day (the goals' metrics)."""

from django.utils.translation import gettext_lazy as _

from gaoxin.core.cockpit import cockpit_panel

from . import metrics


@cockpit_panel(
    "policies",
    _("Support policies (惠企政策)"),
    "policies/includes/cockpit_panel.html",
    permission="policies.view_disbursement",
    order=60,
    icon="file-certificate",
)
def policies_panel(year, as_of) -> dict | None:
    from .models import Clause

    if not Clause.objects.published().exists():
        return None
    paid = metrics.policy_paid({}, year, as_of)
    count, amount = metrics.unpaid(year)
    days = metrics.policy_days_to_payment({}, year, as_of)
    return {
        "year": year,
        "paid": paid.value,
        "budget": metrics.published_budget(),
        "unpaid_count": count,
        "unpaid_amount": amount,
        "days": days.value,
        "days_firms": days.explanation,
    }
