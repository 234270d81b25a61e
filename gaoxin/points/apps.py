from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

SCHEME = ("pointscheme", "indicator", "stagerule", "tier")
VIEW = [f"points.view_{m}" for m in (*SCHEME, "consent", "pointloan")]


class PointsConfig(AppConfig):
    name = "gaoxin.points"
    label = "points"
    verbose_name = _("Innovation points")

    # Administrators add schemes and indicators (the admin); clerks set weights and stage
    # rules (each change checked: weights sum to 100, every firm gets a stage), record consents
    # and the loans banks report. A firm reads the scheme, its own sheet, consents and loans.
    role_permissions = {
        "leader": VIEW,
        "auditor": VIEW,
        "enterprise": VIEW,
        "clerk": VIEW
        + [
            "points.change_indicator",
            "points.add_stagerule",
            "points.change_stagerule",
            "points.delete_stagerule",
        ]
        + [f"points.{a}_{m}" for m in ("consent", "pointloan") for a in ("add", "change")],
    }

    def ready(self) -> None:
        from . import enterprise_tabs  # noqa: F401 - the enterprise page's 创新积分 tab
