from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

MODELS = ("programme", "budgetline", "payout")
VIEW = [f"payouts.view_{m}" for m in MODELS]


class PayoutsConfig(AppConfig):
    name = "gaoxin.payouts"
    label = "payouts"
    verbose_name = _("Payout ledger")

    # Clerks record payouts (the object rule narrows it to the programme's department);
    # programmes and budget lines are set up by administrators. A firm reads its own payouts.
    role_permissions = {
        "leader": VIEW,
        "auditor": VIEW,
        "enterprise": ["payouts.view_payout", "payouts.view_programme"],
        "clerk": [*VIEW, "payouts.add_payout", "payouts.change_payout"],
    }

    def ready(self) -> None:
        from . import enterprise_tabs  # noqa: F401 - the enterprise page's 资金拨付 tab
