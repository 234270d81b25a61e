from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

MODELS = ("indicator", "dataset", "submission", "observation", "target", "validationflag")
VIEW = [f"indicators.view_{m}" for m in MODELS]


class IndicatorsConfig(AppConfig):
    name = "gaoxin.indicators"
    label = "indicators"
    verbose_name = _("Economic monitoring")

    # Staff keep the data; leaders approve; the catalogue and data sets are administrators'.
    role_permissions = {
        "leader": [*VIEW, "indicators.approve_submission"],
        "auditor": VIEW,
        "clerk": VIEW
        + [
            f"indicators.{a}_{m}"
            for m in ("observation", "submission", "target", "validationflag")
            for a in ("add", "change")
        ],
        "enterprise": [
            "indicators.view_indicator",
            "indicators.view_observation",
            "indicators.view_submission",
            "indicators.file_submission",
        ],
    }

    def ready(self) -> None:
        from . import (
            enterprise_tabs,  # noqa: F401 - the enterprise page's tab (enterprises.tabs)
            locks,
        )

        locks.connect()  # approved values are refused on every save and delete
