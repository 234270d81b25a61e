from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

MODELS = ("policy", "clause", "disbursement", "objection")
VIEW = [f"policies.view_{m}" for m in MODELS]


class PoliciesConfig(AppConfig):
    name = "gaoxin.policies"
    label = "policies"
    verbose_name = _("Support policies")

    # Clerks keep the library and propose disbursements; approving is the leader's
    # (a clerk never approves a payout: the stage rules also refuse the proposer).
    role_permissions = {
        "leader": [*VIEW, "policies.change_disbursement"],
        "auditor": VIEW,
        "enterprise": ["policies.view_policy", "policies.view_clause", "policies.view_disbursement"],
        "clerk": VIEW
        + [f"policies.{a}_{m}" for m in MODELS for a in ("add", "change")]
        + ["policies.delete_objection"],
    }

    def ready(self) -> None:
        from . import catalogue_land, catalogue_points, enterprise_tabs  # noqa: F401 - points and 亩均 fields, the 政策 tab
