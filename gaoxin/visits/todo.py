"""大走访's part of my work (待办): plan lines (a plan × a firm) whose window has passed
without a visit record, for the plan's department and its visiting leader."""

from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext as _

from gaoxin.core.todo import TodoGroup, TodoItem, todo_provider
from gaoxin.zone.services import department_ids

from . import services
from .models import VisitPlan


def overdue_for(user, as_of):
    mine = Q(department_id__in=department_ids(user)) | Q(leader__user_id=user.pk)
    return services.overdue_lines(VisitPlan.objects.visible_to(user).filter(mine), as_of)


@todo_provider("visits_overdue", order=45)
def todo_overdue_visits(user, as_of, limit):
    if not user.has_perm("visits.view_visitplan"):
        return None
    lines = overdue_for(user, as_of)
    shown = list(lines[:limit]) if limit else []
    return TodoGroup(
        "visits_overdue",
        _("Planned visits not made"),
        lines.count(),
        [
            TodoItem(
                line.enterprise.name,
                _("%(plan)s: window ended %(end)s")
                % {"plan": line.visitplan.name, "end": line.visitplan.ends_on},
                url=line.visitplan.get_absolute_url(),
            )
            for line in shown
        ],
        url_all=reverse("visits:visitplan_list"),
        severity="warning",
        nav="visits:visitplan_list",
    )
