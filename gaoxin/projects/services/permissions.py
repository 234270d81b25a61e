"""Who may edit a project, lead a department's work, handle or reassign a problem.

The change rules of Project and Problem are registered with ``core.permissions`` (the one
protocol every page, API write and import asks); department membership is ``zone``'s.
"""

from __future__ import annotations

from django.db.models import Q
from django.utils.translation import gettext as _

from gaoxin.core.permissions import change_rule, may_change, require
from gaoxin.zone.services import department_ids, in_department

from ..models import (
    Problem,
    Project,
)


def manages_all(user) -> bool:
    """Coordinators (``projects.manage_all_projects``) act for every department."""
    return bool(user.is_superuser or user.has_perm("projects.manage_all_projects"))


def project_refusal(project: Project) -> str:
    return _("Only the lead department (%(department)s) may change this project.") % {
        "department": project.lead_department or _("none set")
    }


def project_condition(user) -> Q:
    return Q() if manages_all(user) else Q(lead_department_id__in=department_ids(user))


@change_rule(Project, condition=project_condition, refusal=project_refusal)
def project_led_by(user, project: Project) -> bool:
    """Staff change a project when their department leads it (or they coordinate all)."""
    return manages_all(user) or in_department(user, project.lead_department_id)


def project_may_edit(user, project: Project) -> bool:
    return may_change(user, project)


def may_lead(user, department) -> bool:
    """A project may be given only to a department of the user (or by a coordinator)."""
    return manages_all(user) or (department is not None and in_department(user, department.pk))


def problem_may_handle(user, problem: Problem) -> bool:
    """The department's steps (办理中, 已反馈) are the assigned department's own."""
    if not user.has_perm("projects.change_problem"):
        return False
    return manages_all(user) or in_department(user, problem.department_id)


def raised_by(user, problem: Problem) -> bool:
    return problem.raised_by_id is not None and problem.raised_by_id == user.pk


def problem_may_reassign(user, problem: Problem) -> bool:
    """Deadline and assigned department are set by whoever raised the problem (交办), not by
    the department that has to meet them."""
    return manages_all(user) or raised_by(user, problem)


def problem_condition(user) -> Q:
    if manages_all(user):
        return Q()
    return Q(department_id__in=department_ids(user)) | Q(raised_by_id=user.pk)


def problem_refusal(problem: Problem) -> str:
    return _("Only the assigned department or whoever raised the problem may edit it.")


@change_rule(Problem, condition=problem_condition, refusal=problem_refusal)
def problem_handled_or_raised_by(user, problem: Problem) -> bool:
    """A problem is handled by its assigned department; whoever raised it may edit it too."""
    return manages_all(user) or in_department(user, problem.department_id) or raised_by(user, problem)


def problem_may_edit(user, problem: Problem) -> bool:
    return may_change(user, problem)


def owner_may_report(user, project: Project) -> bool:
    """An enterprise user reports the investment of its own firm's projects."""
    from gaoxin.core import roles

    return (
        project.enterprise_id is not None
        and roles.bound_enterprise_id(user) == project.enterprise_id
        and user.has_perm("projects.add_investment")
    )


def require_project(user, project: Project) -> None:
    require(project_may_edit(user, project), project_refusal(project))
