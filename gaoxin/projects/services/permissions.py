"""Who may edit a project, lead a department's work, handle or reassign a problem."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from ..models import (
    Problem,
    Project,
)


def department_ids(user) -> set[int]:
    cached = getattr(user, "_gaoxin_department_ids", None)
    if cached is None:
        cached = set(user.departments.values_list("pk", flat=True)) if user.pk else set()
        user._gaoxin_department_ids = cached
    return cached


def manages_all(user) -> bool:
    return bool(user.is_superuser or user.has_perm("projects.manage_all_projects"))


def project_may_edit(user, project: Project) -> bool:
    """Staff change a project when their department leads it (or they coordinate all)."""
    if not user.has_perm("projects.change_project"):
        return False
    return manages_all(user) or (
        project.lead_department_id is not None and project.lead_department_id in department_ids(user)
    )


def may_lead(user, department) -> bool:
    """A project may be given only to a department of the user (or by a coordinator)."""
    return manages_all(user) or (department is not None and department.pk in department_ids(user))


def problem_may_handle(user, problem: Problem) -> bool:
    """The department's steps (办理中, 已反馈) are the assigned department's own."""
    if not user.has_perm("projects.change_problem"):
        return False
    return manages_all(user) or problem.department_id in department_ids(user)


def problem_may_reassign(user, problem: Problem) -> bool:
    """Deadline and assigned department are set by whoever raised the problem (交办), not by
    the department that has to meet them."""
    return manages_all(user) or (problem.raised_by_id is not None and problem.raised_by_id == user.pk)


def problem_may_edit(user, problem: Problem) -> bool:
    """A problem is handled by its assigned department; whoever raised it may edit it too."""
    if not user.has_perm("projects.change_problem"):
        return False
    return (
        manages_all(user)
        or problem.department_id in department_ids(user)
        or (problem.raised_by_id is not None and problem.raised_by_id == user.pk)
    )


def owner_may_report(user, project: Project) -> bool:
    """An enterprise user reports the investment of its own firm's projects."""
    from gaoxin.core import roles

    return (
        project.enterprise_id is not None
        and roles.bound_enterprise_id(user) == project.enterprise_id
        and user.has_perm("projects.add_investment")
    )


def require(allowed: bool, message: str) -> None:
    if not allowed:
        raise PermissionDenied(message)


def require_project(user, project: Project) -> None:
    require(
        project_may_edit(user, project),
        _("Only the lead department (%(department)s) may change this project.")
        % {"department": project.lead_department or _("none set")},
    )
