"""The portal's part of my work (待办): requests overdue for acceptance or handling, for the
department they are with and for the category's responsible leader (escalation)."""

from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext as _

from gaoxin.core.todo import TodoGroup, TodoItem, todo_provider
from gaoxin.zone.services import department_ids

from .models import FirmRequest


def overdue_for(user, as_of):
    mine = Q(department_id__in=department_ids(user)) | Q(category__leader__user_id=user.pk)
    return (
        FirmRequest.objects.visible_to(user)
        .overdue(as_of)
        .filter(mine)
        .select_related("enterprise", "department")
        .order_by("accept_due", "pk")
    )


def overdue_words(req, as_of) -> str:
    if req.status == FirmRequest.Status.SUBMITTED:
        return _("%(department)s: not accepted by %(due)s") % {
            "department": req.department,
            "due": req.accept_due,
        }
    return _("%(department)s: not answered by %(due)s") % {
        "department": req.department,
        "due": req.handle_due,
    }


@todo_provider("requests_overdue", order=40)
def todo_overdue_requests(user, as_of, limit):
    if not user.has_perm("portal.view_firmrequest"):
        return None
    overdue = overdue_for(user, as_of)
    shown = list(overdue[:limit]) if limit else []
    return TodoGroup(
        "requests_overdue",
        _("Overdue firm requests"),
        overdue.count(),
        [TodoItem(r.title, overdue_words(r, as_of), url=r.get_absolute_url()) for r in shown],
        url_all=reverse("portal:request_list") + "?overdue=1",
        severity="danger",
        nav="portal:request_list",
    )
