"""The cockpit's 土地 panel: the industrial reserve (its goal, the article's 1000 亩, is a goal
on the metric ``land_reserve_mu`` shown with the other goals), and the zone's 亩均税收 / 亩均营业收入 per evaluated year with
the grades of the latest published evaluation."""

from django.utils.translation import gettext_lazy

from gaoxin.core.cockpit import cockpit_panel

from .evaluation import evaluate_cached, trend
from .models import MuScheme, Parcel
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
    if not Parcel.objects.exists():
        return None
    area, parcels = reserve_mu()
    latest = MuScheme.objects.filter(state=MuScheme.State.PUBLISHED, year__lte=year).order_by("-year").first()
    return {
        "reserve": area,
        "parcels": parcels,
        "trend": trend(),
        "latest": latest,
        "counts": evaluate_cached(latest).counts() if latest else None,
    }
