from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

MODELS = ("ruleset", "expertinput", "platform", "newspeciestier", "newspeciesrecord", "batch", "recognition")
VIEW = [f"cultivation.view_{m}" for m in MODELS]
CLERK_EDITS = ("expertinput", "platform", "newspeciesrecord", "batch", "recognition")


class CultivationConfig(AppConfig):
    name = "gaoxin.cultivation"
    label = "cultivation"
    verbose_name = _("Enterprise cultivation")

    # Rule sets and the 新物种 tiers are the zone's configuration (administrators); clerks keep
    # the expert inputs, platforms, 新物种 records and the recognition pipeline.
    role_permissions = {
        "leader": VIEW,
        "auditor": VIEW,
        "enterprise": [
            "cultivation.view_ruleset",
            "cultivation.view_platform",
            "cultivation.view_recognition",
        ],
        "clerk": VIEW + [f"cultivation.{a}_{m}" for m in CLERK_EDITS for a in ("add", "change")],
    }

    def ready(self) -> None:
        from . import enterprise_tabs  # noqa: F401  (registers the 培育 tab)
