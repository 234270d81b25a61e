import datetime

from django.utils import timezone

from .models import Zone


def zone(request):
    """The installation's zone for the layout (name in the sidebar, demo banner) and its
    evaluation date for every page's footer: the day lights, deadlines and goals are judged
    on, so nobody reads a figure without knowing for which day it is."""
    current = getattr(request, "_gaoxin_zone", None)
    if current is None:
        from gaoxin.core.generation import cached

        current = cached("zone", (), Zone.objects.order_by("pk").first)
        request._gaoxin_zone = current
    fixed: datetime.date | None = current.reference_date if current else None
    return {
        "zone": current,
        "demo_mode": bool(current and current.is_demo),
        "evaluation_date": fixed or timezone.localdate(),
        "evaluation_date_fixed": fixed is not None,
    }
