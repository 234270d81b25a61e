"""The cockpit's 土地 panel: the industrial reserve (its goal, the article's 1000 亩, is a goal
on the metric ``land_reserve_mu`` shown with the other goals), and the zone's 亩均税收 / 亩均营业收入 per evaluated year with
the grades of the latest published evaluation."""

from django.utils.translation import gettext_lazy

from gaoxin.core.cockpit import cockpit_panel

from .evaluation import evaluate_cached, zone_figures
from .models import MuScheme
from .services import reserve_mu


@cockpit_panel(
    "land",
    gettext_lazy("Land and per-mu efficiency (土地 · 亩均)"),
    "land/includes/cockpit_panel.html",
    permission="land.view_parcel",
    order=50,
    icon="map-2",
)
def land_panel(year, as_of) -> dict | None:
    """One query for the reserve, three for the published schemes, one evaluation each."""
    area, parcels = reserve_mu()
    schemes = list(
        MuScheme.objects.filter(state=MuScheme.State.PUBLISHED, year__lte=year)
        .order_by("year")
        .prefetch_related("indicators", "exemptions")
    )
    if not parcels and not schemes:
        return None
    results = [evaluate_cached(scheme) for scheme in schemes]
    return {
        "reserve": area,
        "parcels": parcels,
        "trend": [zone_figures(result) for result in results],
        "latest": schemes[-1] if schemes else None,
        "counts": results[-1].counts() if results else None,
    }
