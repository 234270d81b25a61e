"""The pipeline's part of my work (待办): firms in a batch whose next step is the reader's
(they are its responsible person) and whose batch's deadline is within 30 days or past."""

import datetime

from django.urls import reverse
from django.utils.translation import gettext as _

from gaoxin.core.todo import TodoGroup, TodoItem, items_of, todo_provider

from .models import Recognition

HORIZON_DAYS = 30


@todo_provider("recognitions_due", order=70)
def todo_recognitions(user, as_of, limit):
    if not user.has_perm("cultivation.change_recognition"):
        return None
    until = as_of + datetime.timedelta(days=HORIZON_DAYS)
    rows = (
        Recognition.objects.visible_to(user)
        .in_pipeline()
        .filter(owner=user, batch__deadline__isnull=False, batch__deadline__lte=until)
        .select_related("batch", "enterprise")
        .order_by("batch__deadline", "enterprise__name")
    )

    def item(r):
        late = max((as_of - r.batch.deadline).days, 0)
        return TodoItem(
            f"{r.enterprise.name} · {r.batch.name}",
            r.get_stage_display(),
            r.batch.deadline,
            late,
            r.batch.get_absolute_url(),
        )

    return TodoGroup(
        "recognitions_due",
        _("Recognitions due"),
        rows.count(),
        items_of(rows, limit, item),
        url_all=reverse("cultivation:batch_list"),
        severity="warning",
        nav="cultivation:batch_list",
    )
