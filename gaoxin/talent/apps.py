from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

MODELS = ("jobposting", "recruitmentdrive", "researchassistantpost", "talentintroduction", "projectposting")
VIEW = [f"talent.view_{m}" for m in MODELS]
EDIT = [f"talent.{action}_{m}" for m in MODELS for action in ("add", "change")]


class TalentConfig(AppConfig):
    name = "gaoxin.talent"
    label = "talent"
    verbose_name = _("Jobs and talent")

    # Staff keep every register and review postings; a firm's user posts jobs and projects
    # for its own firm (scope + the change rules in models.py) and reads its own records.
    role_permissions = {
        "leader": VIEW,
        "auditor": VIEW,
        "clerk": [*VIEW, *EDIT, "talent.review_jobposting"],
        "enterprise": [
            "talent.view_jobposting",
            "talent.add_jobposting",
            "talent.change_jobposting",
            "talent.view_projectposting",
            "talent.add_projectposting",
            "talent.change_projectposting",
            "talent.view_researchassistantpost",
            "talent.view_talentintroduction",
        ],
    }
