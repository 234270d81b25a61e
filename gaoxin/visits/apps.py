from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

MODELS = ("visitquestion", "visitplan", "visit", "visitrequest")
VIEW = [f"visits.view_{m}" for m in MODELS]
EDIT = [f"visits.{action}_{m}" for m in MODELS for action in ("add", "change")]


class VisitsConfig(AppConfig):
    name = "gaoxin.visits"
    label = "visits"
    verbose_name = _("Visits to firms")

    # 大走访 is the committee's own work: staff read it, clerks plan and record it, the
    # auditor reads; a firm's user has no permission here and its scope is empty (staff_only).
    role_permissions = {
        "leader": VIEW,
        "auditor": VIEW,
        "clerk": [*VIEW, *EDIT],
    }

    def ready(self):
        from . import enterprise_tabs  # noqa: F401  (the enterprise page's 走访 tab)
