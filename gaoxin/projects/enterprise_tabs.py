"""The enterprise page's tabs of key projects and of their problems (the firm as owner)."""

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from gaoxin.enterprises.tabs import EnterpriseTab, correctable, register
from gaoxin.zone.models import evaluation_date

from .models import Problem, Project
from .services import reported_months
from .tables import ProjectTable
from .tables_problems import ProblemTable
from .views import project_list_queryset
from .views_problems import problem_queryset, scoped_problems


def project_rows(enterprise, user):
    as_of = evaluation_date()
    return project_list_queryset(as_of, reported_months(as_of)).visible_to(user).filter(enterprise=enterprise)


def problem_rows(enterprise, user):
    return scoped_problems(problem_queryset(), user).filter(project__enterprise=enterprise)


register(
    EnterpriseTab(
        code="projects",
        label=pgettext_lazy("enterprise tab", "Projects"),
        model=Project,
        rows=project_rows,
        table=ProjectTable,
        exclude=("owner",),
        empty=_("No key project of this firm in the ledger."),
        order=40,
        card_fields=("stage", "total_investment", "planned_completion"),
    )
)
correctable(
    Project,
    ("name", "total_investment", "land_area_mu", "planned_start", "planned_completion", "description"),
    owner=lambda p: p.lead_department,
)
register(
    EnterpriseTab(
        code="problems",
        label=_("Problems"),
        model=Problem,
        rows=problem_rows,
        table=ProblemTable,
        exclude=(),
        empty=_("No problem raised on this firm's projects."),
        order=45,
    )
)
