"""Metrics over the enterprise registry, for annual goals (registered in core.metrics)."""

import datetime
from decimal import Decimal

from django.db.models import Exists, OuterRef
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from gaoxin.core.metrics import Forecast, MetricValue, metric

from .models import Enterprise, Qualification, QualificationType


def holders(types: list[str], day: datetime.date) -> int:
    valid = Qualification.objects.valid_on(day).filter(enterprise=OuterRef("pk"), type__code__in=types)
    return Enterprise.objects.filter(Exists(valid)).count()


def same_day(day: datetime.date, year: int) -> datetime.date:
    try:
        return day.replace(year=year)
    except ValueError:  # 29 February
        return day.replace(year=year, day=28)


@metric(
    "enterprises_with_qualification",
    gettext_lazy("Enterprises holding a valid qualification"),
    "types: list of qualification type codes (any of them counts)",
)
def enterprises_with_qualification(params: dict, year: int, as_of: datetime.date | None) -> MetricValue:
    """How many enterprises hold any of ``types`` on the as-of day; the year-end forecast
    scales it by how the count moved from the same day to 31 December in past years."""
    types = list(params.get("types") or [])
    day = as_of or min(timezone.localdate(), datetime.date(year, 12, 31))
    value = holders(types, day)
    names = "、".join(QualificationType.objects.filter(code__in=types).values_list("short_name", flat=True))
    link = f"{reverse('enterprises:enterprise_list')}?qualification_any={','.join(types)}&valid_on={day.isoformat()}"
    explanation = _("%(count)d enterprises hold %(names)s on %(day)s.") % {
        "count": value,
        "names": names,
        "day": day.isoformat(),
    }
    return MetricValue(
        Decimal(value),
        _("enterprises"),
        day.isoformat(),
        link,
        explanation,
        registry_forecast(types, day, value),
        True,
    )


def registry_forecast(types: list[str], day: datetime.date, value: int) -> Forecast | None:
    if (day.month, day.day) == (12, 31):
        return Forecast(Decimal(value), Decimal(value), Decimal(value), _("The year is complete."))
    ratios = []
    for past in (day.year - 1, day.year - 2):
        start = holders(types, same_day(day, past))
        end = holders(types, datetime.date(past, 12, 31))
        if start:
            ratios.append((past, Decimal(end) / Decimal(start)))
    if not ratios:
        return None
    values = [r for _y, r in ratios]
    mean = sum(values) / len(values)
    method = _(
        "From %(date)s to 31 December the count changed by a factor of %(low)s–%(high)s in %(years)s; "
        "%(value)d × %(mean)s ≈ %(forecast)s."
    ) % {
        "date": day.strftime("%m-%d"),
        "low": f"{min(values):.2f}",
        "high": f"{max(values):.2f}",
        "years": "、".join(str(y) for y, _r in ratios),
        "value": value,
        "mean": f"{mean:.2f}",
        "forecast": f"{value * mean:.0f}",
    }
    return Forecast(
        (value * mean).quantize(Decimal(1)),
        (value * min(values)).quantize(Decimal(1)),
        (value * max(values)).quantize(Decimal(1)),
        method,
    )
