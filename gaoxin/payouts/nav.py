from django.utils.translation import gettext_lazy as _

from gaoxin.core import roles
from gaoxin.core.navigation import MenuItem, register

register(
    MenuItem("policies", _("Payouts"), "payouts:payout_list", "cash", "payouts.view_payout", order=10),
    MenuItem(
        "policies",
        _("Payout totals"),
        "payouts:payout_totals",
        "report-money",
        "payouts.view_payout",
        check=roles.sees_whole_zone,
        order=20,
    ),
    MenuItem(
        "policies",
        _("Programmes"),
        "payouts:programme_list",
        "wallet",
        "payouts.view_programme",
        check=roles.sees_whole_zone,
        order=30,
    ),
)
