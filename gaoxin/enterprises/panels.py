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
