"""Metrics of the land module for annual goals: the industrial land reserve (储备 + 可供,
the article's 1000-亩 goal) and the zone's 亩均税收 of an evaluated year."""

import datetime

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from gaoxin.core.metrics import MetricValue, metric

from .evaluation import evaluate_cached
from .models import MuScheme
from .services import reserve_mu


@metric("land_reserve_mu", gettext_lazy("Industrial land in reserve (mu)"), "")
def land_reserve(params: dict, year: int, as_of: datetime.date | None) -> MetricValue:
    """储备 + 可供 industrial parcels as the land register holds them (the register keeps no
    dated status history for a past day: the value is today's, stated as such)."""
    area, parcels = reserve_mu()
    return MetricValue(
        value=area,
        unit="亩",
        as_of=_("land register now"),
        link=reverse("land:parcel_list") + "?reserve=true",
        explanation=_("%(n)s parcels in reserve or available for supply, industrial use.") % {"n": parcels},
    )


@metric("mu_tax_per_mu", gettext_lazy("Tax per mu of the evaluated firms (10k yuan/mu)"), "")
def mu_tax_per_mu(params: dict, year: int, as_of: datetime.date | None) -> MetricValue:
    """Σ tax ÷ Σ land over the firms scored in the published evaluation of ``year``."""
    scheme = MuScheme.objects.filter(year=year, state=MuScheme.State.PUBLISHED).first()
    if scheme is None:
        return MetricValue(
            value=None,
            unit="万元/亩",
            as_of=str(year),
            explanation=_("No published per-mu evaluation of %(y)s.") % {"y": year},
        )
    from .evaluation import zone_figures

    figures = zone_figures(evaluate_cached(scheme))
    return MetricValue(
        value=figures["tax_per_mu"],
        unit="万元/亩",
        as_of=str(year),
        link=scheme.get_absolute_url(),
        explanation=_("%(n)s firms on %(mu)s mu.") % {"n": figures["firms"], "mu": figures["land_mu"]},
    )
