"""The 资金拨付 tab of an enterprise's page (``enterprises.tabs``): the payouts it received."""

from django.utils.translation import gettext_lazy as _

from gaoxin.enterprises.tabs import EnterpriseTab, correctable, register

from .models import Payout
from .tables import PayoutTable


def rows(enterprise, user):
    return (
        Payout.objects.visible_to(user)
        .filter(enterprise=enterprise)
        .select_related("enterprise", "programme", "budget_line")
    )


register(
    EnterpriseTab(
        code="payouts",
        label=_("Payouts"),
        model=Payout,
        rows=rows,
        empty=_("No payout to this enterprise recorded."),
        order=70,
        table=PayoutTable,
        card_fields=("programme", "amount", "paid_on", "document_number"),
    )
)
correctable(Payout, ("amount", "paid_on", "document_number"), owner=lambda p: p.programme.department)
