from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

MODELS = (
    "chain",
    "chainnode",
    "nodeenterprise",
    "registrycompany",
    "companymatch",
    "targetlist",
    "target",
    "importbatch",
)
VIEW = [f"chains.view_{m}" for m in MODELS]


class ChainsConfig(AppConfig):
    name = "gaoxin.chains"
    label = "chains"
    verbose_name = _("Industry chains")

    # Staff keep the map's links, import registries and keep target lists; the chains and
    # their keywords are the administrators' (they change the classification).
    role_permissions = {
        "leader": VIEW,
        "auditor": VIEW,
        "clerk": VIEW
        + [
            f"chains.{a}_{m}"
            for m in ("nodeenterprise", "targetlist", "target", "registrycompany")
            for a in ("add", "change")
        ],
    }

    def ready(self) -> None:
        from . import enterprise_tabs  # noqa: F401 - the enterprise page's tab (enterprises.tabs)
