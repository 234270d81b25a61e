"""The registry's part of my work (待办): qualifications of our firms that expire within 90
days (高企, 科小, 专精特新 … are renewed before they lapse)."""

import datetime

from django.db.models import Exists, OuterRef
from django.urls import reverse
from django.utils.translation import gettext as _

from gaoxin.core import roles
from gaoxin.core.todo import TodoGroup, TodoItem, items_of, todo_provider

from .models import Qualification

HORIZON_DAYS = 90


def expiring_qualifications(user, as_of: datetime.date):
    """Qualifications in the reader's scope valid on ``as_of`` that expire within
    ``HORIZON_DAYS`` (expiring exactly on day 90 counts, day 91 not), not revoked and not yet
    renewed (no later grant of the same type for the same firm); soonest first."""
    until = as_of + datetime.timedelta(days=HORIZON_DAYS)
    renewed = Qualification.objects.filter(
        enterprise=OuterRef("enterprise"), type=OuterRef("type"), granted_on__gt=OuterRef("granted_on")
    )
    valid = Qualification.objects.visible_to(user).valid_on(as_of)
    expiring = valid.filter(expires_on__lte=until, revoked_on__isnull=True)
    return (
        expiring.exclude(Exists(renewed))
        .select_related("enterprise", "type")
        .order_by("expires_on", "enterprise__name", "id")
    )


def is_their_work(user) -> bool:
    """Staff who keep the registry, and a firm's own user, renew qualifications; leaders and
    auditors read them elsewhere."""
    if not user.has_perm("enterprises.view_qualification"):
        return False
    own_firm = bool(roles.bound_enterprise_id(user)) and not roles.sees_whole_zone(user)
    return own_firm or user.has_perm("enterprises.change_qualification")


@todo_provider("expiring_qualifications", order=60)
def todo_expiring_qualifications(user, as_of, limit):
    if not is_their_work(user):
        return None
    qualifications = expiring_qualifications(user, as_of)

    def item(q):
        left = (q.expires_on - as_of).days
        return TodoItem(
            f"{q.enterprise.name} · {q.type.name}",
            _("expires in %(n)d days") % {"n": left} if left else _("expires today"),
            q.expires_on,
            0,
            reverse("enterprises:enterprise_qualifications", args=[q.enterprise_id]),
        )

    return TodoGroup(
        "expiring_qualifications",
        _("Qualifications expiring within 90 days"),
        qualifications.count(),
        items_of(qualifications, limit, item),
        url_all=reverse("enterprises:qualification_list"),
        severity="warning",
        nav="enterprises:qualification_list",
    )
