from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

MODELS = ("region", "stagedeadline", "lead", "activity", "screeningstandard", "signing", "signingfunding")
VIEW = [f"attraction.view_{m}" for m in MODELS]


class AttractionConfig(AppConfig):
    name = "gaoxin.attraction"
    label = "attraction"
    verbose_name = _("Investment attraction")

    # Department staff keep leads, activities and signings; another staff member verifies
    # a signing (services: never the reporter); regions, deadlines, standards are admins'.
    role_permissions = {
        "leader": [*VIEW, "attraction.verify_signing"],
        "auditor": VIEW,
        "clerk": VIEW
        + [
            f"attraction.{a}_{m}"
            for m in ("lead", "activity", "signing", "signingfunding")
            for a in ("add", "change")
        ]
        + ["attraction.verify_signing"],
    }

    def ready(self) -> None:
        from gaoxin.chains import leads

        from .chain_leads import AttractionLeads

        leads.register(AttractionLeads())  # the map shows leads without importing this app
        from gaoxin.core.audit import register_redaction

        from .audit import HIDDEN_FIELDS, all_hidden_leads, hidden_leads
        from .models import Lead

        # A confidential lead's company stays with its team in the audit log too.
        register_redaction(Lead, fields=HIDDEN_FIELDS, hidden=hidden_leads, all_hidden=all_hidden_leads)
        from . import enterprise_tabs  # noqa: F401 - the enterprise page's 招商 tabs (enterprises.tabs)
