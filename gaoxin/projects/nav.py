"""Sidebar entries of the key projects (重点项目)."""

from django.utils.translation import gettext_lazy as _

from gaoxin.core import roles
from gaoxin.core.navigation import MenuItem, register


def _is_bound_leader(user) -> bool:
    profile = getattr(user, "_gaoxin_leader_bound", None)
    if profile is None:
        from gaoxin.core.generation import cached
        from gaoxin.zone.models import Leader

        exists = Leader.objects.filter(user_id=user.pk).exists
        profile = cached("leader-bound", (user.pk,), exists) if user.pk else False
        user._gaoxin_leader_bound = profile
    return profile


def _in_a_department(user) -> bool:
    """Staff who belong to a department see its page (部门页) in the menu."""
    from gaoxin.zone.services import department_ids

    return roles.sees_whole_zone(user) and bool(department_ids(user))


register(
    MenuItem(
        "projects",
        _("Project ledger"),
        "projects:project_list",
        "list-details",
        "projects.view_project",  # enterprise users: their own firm's projects (scoped list)
        order=10,
    ),
    MenuItem(
        "projects",
        _("Warning lights"),
        "projects:lights_overview",
        "traffic-lights",
        "projects.view_project",
        check=roles.sees_whole_zone,
        order=20,
    ),
    MenuItem(
        "projects",
        _("Problem list"),
        "projects:problem_list",
        "alert-triangle",
        "projects.view_problem",
        check=roles.sees_whole_zone,
        order=30,
    ),
    MenuItem(
        "projects",
        _("My projects"),
        "projects:my_projects",
        "user-star",
        "projects.view_project",
        check=_is_bound_leader,
        order=40,
    ),
    MenuItem(
        "projects",
        _("My department"),
        "projects:my_department",
        "building",
        "projects.view_project",
        check=_in_a_department,
        order=45,
    ),
    MenuItem(
        "projects",
        _("Scheduling pack"),
        "projects:pack",
        "file-download",
        "projects.view_project",
        check=roles.sees_whole_zone,
        order=50,
    ),
)
