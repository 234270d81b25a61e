"""Land's part of my work (待办): reservations held longer than ``GAOXIN_LAND_RESERVATION_DAYS``
(default 90) without 出让/划拨, for those who may move them (the land clerks)."""

import datetime

from django.urls import reverse
from django.utils.translation import gettext as _

from gaoxin.core.todo import TodoGroup, TodoItem, days_late, todo_provider

from .allocation import overdue_reservations, reservation_days
from .models import Allocation


@todo_provider("overdue_reservations", order=70)
def todo_overdue_reservations(user, as_of, limit):
    if not user.has_perm("land.change_allocation"):
        return None
    rows = overdue_reservations(as_of, Allocation.objects.editable_by(user)).select_related(
        "parcel", "request"
    )
    shown = list(rows[:limit]) if limit else []
    days = reservation_days()

    def item(allocation):
        due = allocation.reserved_on + datetime.timedelta(days=days)
        why = _("Reserved on %(day)s, not supplied within %(n)s days") % {
            "day": allocation.reserved_on.isoformat(),
            "n": days,
        }
        return TodoItem(
            f"{allocation.parcel.code} · {allocation.request.name}",
            why,
            due,
            days_late(due, as_of),
            allocation.get_absolute_url(),
        )

    return TodoGroup(
        "overdue_reservations",
        _("Reservations past their time"),
        rows.count(),
        [item(a) for a in shown],
        url_all=reverse("land:allocation_list") + "?status=reserved",
        nav="land:allocation_list",
    )
