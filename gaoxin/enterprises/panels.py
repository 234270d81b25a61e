"""The registry's panel on the home page: counts at a year end, by qualification and park."""

import datetime

from django.utils import timezone
from django.utils.dateparse import parse_date

from gaoxin.core import roles
from gaoxin.core.views_home import panel

from . import services
from .models import Enterprise


@panel(order=10)
def registry_overview(request):
    user = request.user
    if not roles.sees_whole_zone(user) or not user.has_perm("enterprises.view_enterprise"):
        return None
    year = services.latest_facts_year()
    default = datetime.date(year, 12, 31) if year else timezone.localdate()
    on = parse_date(request.GET.get("on", "") or "") or default
    firms = Enterprise.objects.visible_to(user)
    output_year = year or on.year
    return {
        "template": "enterprises/panels/overview.html",
        "on": on,
        "total": firms.count(),
        "active": firms.filter(status=Enterprise.Status.ACTIVE).count(),
        "qualifications": services.qualification_counts(on, firms),
        "parks": services.park_breakdown(on, firms),
        "output_year": output_year,
        "output": services.above_scale_output(output_year, firms),
    }


@panel(order=5)
def my_enterprise(request):
    """A firm's user: its own firm at a glance, one click from its profile and filing."""
    user = request.user
    enterprise_id = roles.bound_enterprise_id(user)
    if not enterprise_id or roles.sees_whole_zone(user):
        return None
    firm = Enterprise.objects.visible_to(user).filter(pk=enterprise_id).select_related("park").first()
    if firm is None:
        return None
    today = timezone.localdate()
    qualifications = firm.qualifications.select_related("type").order_by("type__sort_order", "-granted_on")
    return {
        "template": "enterprises/panels/my_enterprise.html",
        "firm": firm,
        "valid": [q for q in qualifications if q.is_valid_on(today)],
        "may_file": user.has_perm("indicators.file_submission"),
    }
