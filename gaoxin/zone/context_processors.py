from .models import Zone


def zone(request):
    """The installation's zone for the layout (name in the sidebar, demo banner)."""
    current = getattr(request, "_gaoxin_zone", None)
    if current is None:
        current = Zone.objects.order_by("pk").first()
        request._gaoxin_zone = current
    return {"zone": current, "demo_mode": bool(current and current.is_demo)}
