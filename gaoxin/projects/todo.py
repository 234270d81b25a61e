"""The key projects' part of my work (待办): overdue problems I raised, am assigned or my
department must answer."""

from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext as _

from gaoxin.core.todo import TodoGroup, TodoItem, days_late, items_of, todo_provider
from gaoxin.zone.services import department_ids

from .models import Problem
from .tables_problems import person
from .views_problems import scoped_problems


def my_overdue_problems(user, as_of):
    """Overdue problems (past the deadline, not yet answered: ``ProblemQuerySet.overdue``)
    within the reader's scope that the reader raised, is assigned, or whose department must
    answer them; oldest deadline first."""
    mine = Q(raised_by_id=user.pk) | Q(assignee_id=user.pk) | Q(department_id__in=department_ids(user))
    problems = scoped_problems(Problem.objects.all(), user).overdue(as_of).filter(mine)
    return problems.select_related("project", "department", "raised_by").order_by("deadline", "id")


@todo_provider("overdue_problems", order=10)
def todo_overdue_problems(user, as_of, limit):
    if not user.has_perm("projects.view_problem"):
        return None
    problems = my_overdue_problems(user, as_of)

    def item(problem):
        who = [problem.department.name]
        if problem.raised_by_id:
            who.append(_("raised by %(name)s") % {"name": person(problem.raised_by)})
        return TodoItem(
            f"{problem.project.name}：{problem.description[:60]}",
            " · ".join(who),
            problem.deadline,
            days_late(problem.deadline, as_of),
            reverse("projects:problem_detail", args=[problem.pk]),
        )

    return TodoGroup(
        "overdue_problems",
        _("Overdue problems"),
        problems.count(),
        items_of(problems, limit, item),
        url_all=reverse("projects:problem_list") + "?overdue=true",
        severity="danger",
        nav="projects:problem_list",
    )
