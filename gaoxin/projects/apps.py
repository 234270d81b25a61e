from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

MODELS = (
    "project",
    "projectlist",
    "problemcategory",
    "scheduletemplate",
    "templatenode",
    "lightrule",
    "attachment",
    "investmentplan",
    "investment",
    "milestone",
    "problem",
)
VIEW = [f"projects.view_{m}" for m in MODELS]
EDIT = [
    f"projects.{a}_{m}"
    for m in ("project", "attachment", "investmentplan", "investment", "milestone", "problem")
    for a in ("add", "change")
]


class ProjectsConfig(AppConfig):
    name = "gaoxin.projects"
    label = "projects"
    verbose_name = _("Key projects")

    # Department staff keep the projects their department leads (services.project_may_edit);
    # leaders read everything and raise problems; lists, templates and rules are the
    # administrators'. An enterprise user sees and reports its own firm's projects.
    role_permissions = {
        "leader": [*VIEW, "projects.add_problem", "projects.change_problem"],
        "auditor": VIEW,
        "clerk": VIEW + EDIT,
        "enterprise": ["projects.view_project", "projects.view_investment", "projects.add_investment"],
    }

    def ready(self) -> None:
        from gaoxin.indicators import workflow

        from . import enterprise_tabs  # noqa: F401 - the enterprise page's project tabs (enterprises.tabs)
        from .services import permissions  # noqa: F401 - registers the change rules (core.permissions)

        workflow.CONTENT_PROBES.append(lambda submission: submission.project_investments.exists())

        from .services import investment

        investment.connect_locks()  # approved investment is refused on every save and delete
