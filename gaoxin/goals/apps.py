from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

VIEW = ["goals.view_goal"]


class GoalsConfig(AppConfig):
    name = "gaoxin.goals"
    label = "goals"
    verbose_name = _("Annual goals")

    role_permissions = {
        "leader": VIEW,
        "auditor": VIEW,
        "clerk": [*VIEW, "goals.add_goal", "goals.change_goal"],
    }
