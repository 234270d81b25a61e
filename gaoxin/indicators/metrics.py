"""Metrics over the indicators, for annual goals (registered in core.metrics)."""

import datetime

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from gaoxin.core.metrics import MetricValue, metric

from .models import Indicator
from .services import ZoneData, amount, forecast_growth, forecast_level, last_ended_month, marked, pct


def _period(indicator, data, year: int, as_of: datetime.date | None) -> tuple[int, int] | None:
    """The latest period of ``indicator`` in ``year`` among the months ended by ``as_of``."""
    up_to = last_ended_month(year, as_of)
    month = data.latest_month(indicator, year, up_to) if up_to else None
    return (year, month) if month else None


def _indicator(params: dict) -> Indicator:
    return Indicator.objects.select_related("numerator", "denominator").get(code=params["indicator"])


@metric(
    "indicator_growth",
    gettext_lazy("Cumulative growth of an indicator (%)"),
    "indicator: the indicator's code",
)
def indicator_growth(params: dict, year: int, as_of: datetime.date | None) -> MetricValue:
    indicator = _indicator(params)
    link = f"{reverse('indicators:indicator_detail', args=[indicator.pk])}?year={year}"
    data = ZoneData([indicator], [year, year - 1, year - 2, year - 3])
    period = _period(indicator, data, year, as_of)
    if period is None:
        return MetricValue(None, "%", str(year), link, _("No data for %(year)d yet.") % {"year": year})
    reading = data.reading(indicator, *period)
    value = reading.value if indicator.kind == Indicator.Kind.RATIO else reading.growth
    explanation = _("%(period)s: %(value)s (%(note)s).") % {
        "period": reading.period,
        "value": marked(pct(value), reading.status),
        "note": reading.growth_note() or _("value as reported"),
    }
    series = [(month, data.reading(indicator, year, month).growth) for month in range(1, period[1] + 1)]
    forecast = forecast_growth(indicator, *period, data) if indicator.kind != Indicator.Kind.RATIO else None
    return MetricValue(
        value,
        "%",
        reading.period,
        link,
        explanation,
        forecast,
        indicator.higher_is_better,
        series,
        reading.status_word,
    )


@metric(
    "indicator_value", gettext_lazy("Cumulative value of an indicator"), "indicator: the indicator's code"
)
def indicator_value(params: dict, year: int, as_of: datetime.date | None) -> MetricValue:
    indicator = _indicator(params)
    link = f"{reverse('indicators:indicator_detail', args=[indicator.pk])}?year={year}"
    data = ZoneData([indicator], [year, year - 1, year - 2, year - 3])
    period = _period(indicator, data, year, as_of)
    if period is None:
        return MetricValue(
            None, indicator.unit, str(year), link, _("No data for %(year)d yet.") % {"year": year}
        )
    reading = data.reading(indicator, *period)
    explanation = _("%(period)s: %(value)s.") % {
        "period": reading.period,
        "value": marked(amount(reading.value, indicator.unit), reading.status),
    }
    forecast = forecast_level(indicator, *period, data) if indicator.kind == Indicator.Kind.LEVEL else None
    return MetricValue(
        reading.value,
        indicator.unit,
        reading.period,
        link,
        explanation,
        forecast,
        indicator.higher_is_better,
        qualifier=reading.status_word,
    )
