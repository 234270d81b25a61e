from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

MODELS = (
    "landuseclass", "parcel", "firmland", "muscheme", "muindicator", "muexemption", "grademeasure",
    "landrequest", "allocation",
)  # fmt: skip
VIEW = [f"land.view_{m}" for m in MODELS]
EDIT = [
    f"land.{a}_{m}"
    for m in ("parcel", "firmland", "muindicator", "muexemption", "grademeasure", "landrequest", "allocation")
    for a in ("add", "change")
]


class LandConfig(AppConfig):
    name = "gaoxin.land"
    label = "land"
    verbose_name = _("Land")

    # Clerks keep parcels, the land firms use, and the evaluation's indicators, exemptions and
    # measures; administrators create a year's scheme and publish it. A firm reads the parcels
    # it holds and its own land and score; land requests and allocations are the committee's
    # work (staff only: a firm sees neither, not even its own).
    role_permissions = {
        "leader": VIEW,
        "auditor": VIEW,
        "enterprise": [
            "land.view_parcel",
            "land.view_firmland",
            "land.view_muscheme",
            "land.view_landuseclass",
        ],
        "clerk": [
            *VIEW,
            *EDIT,
            "land.add_muscheme",
            "land.change_muscheme",
            "land.delete_muindicator",
            "land.delete_grademeasure",
            "land.delete_muexemption",
        ],
    }

    def ready(self) -> None:
        from . import enterprise_tabs, todo  # noqa: F401 - the enterprise page's 土地 tab, 待办
