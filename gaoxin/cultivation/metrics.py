"""Metrics for goals (core.metrics): firms holding a tier's title on a day, the pipeline of a
tier's batches, and "高企数量和规模双倍增" with its forecast from the pipeline."""

import datetime
from decimal import Decimal

from django.db.models import Count, Exists, OuterRef, Q
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from gaoxin.core.metrics import Forecast, MetricValue, metric
from gaoxin.enterprises.models import Enterprise, Qualification

from .models import Recognition, RecognitionStage
from .rules import TITLE_TYPES, Tier


def day_for(year: int, as_of: datetime.date | None) -> datetime.date:
    from gaoxin.zone.models import evaluation_day

    return as_of or evaluation_day(year)


def valid_count(tier: str, day: datetime.date) -> int:
    valid = Qualification.objects.valid_on(day).filter(
        enterprise=OuterRef("pk"), type__code__in=TITLE_TYPES[tier]
    )
    return Enterprise.objects.filter(Exists(valid)).count()


def pass_rate(tier: str) -> tuple[Decimal | None, int]:
    """Recognised ÷ decided (recognised + not passed) over the tier's batches so far."""
    counts = Recognition.objects.filter(batch__tier=tier).aggregate(
        ok=Count("pk", filter=Q(stage=RecognitionStage.RECOGNISED)),
        no=Count("pk", filter=Q(stage=RecognitionStage.REJECTED)),
    )
    decided = counts["ok"] + counts["no"]
    return (Decimal(counts["ok"]) / decided if decided else None), decided


@metric(
    "cultivation_valid", gettext_lazy("Enterprises holding a tier's title"), "tier: a cultivation tier code"
)
def cultivation_valid(params: dict, year: int, as_of: datetime.date | None) -> MetricValue:
    tier = params.get("tier") or Tier.HIGH_TECH
    day = day_for(year, as_of)
    value = valid_count(tier, day)
    text = _("%(n)d enterprises hold %(tier)s on %(day)s.") % {
        "n": value,
        "tier": Tier(tier).label,
        "day": day,
    }
    return MetricValue(
        Decimal(value), _("enterprises"), day.isoformat(), reverse("cultivation:candidate_list"), text
    )


@metric(
    "cultivation_pipeline", gettext_lazy("Firms in a tier's recognition pipeline"), "tier; year (batches of)"
)
def cultivation_pipeline(params: dict, year: int, as_of: datetime.date | None) -> MetricValue:
    tier = params.get("tier") or Tier.HIGH_TECH
    rows = Recognition.objects.filter(batch__tier=tier, batch__year=params.get("year") or year).in_pipeline()
    value = rows.count()
    text = _("%(n)d firms between 推荐 and 公示 in the %(year)s batches.") % {
        "n": value,
        "year": params.get("year") or year,
    }
    return MetricValue(Decimal(value), _("enterprises"), str(year), reverse("cultivation:batch_list"), text)


@metric(
    "high_tech_doubled",
    gettext_lazy("高企 count (goal: doubled), forecast from the pipeline"),
    "base: count to double",
)
def high_tech_doubled(params: dict, year: int, as_of: datetime.date | None) -> MetricValue:
    """The valid 高企 on the day; the year-end forecast adds the firms in this year's batches
    times the pass rate of past batches (none decided yet: the range runs from no firm passing
    to all of them)."""
    day = day_for(year, as_of)
    value = valid_count(Tier.HIGH_TECH, day)
    pipeline = Recognition.objects.filter(batch__tier=Tier.HIGH_TECH, batch__year=year).in_pipeline().count()
    rate, decided = pass_rate(Tier.HIGH_TECH)
    if rate is None:
        expected = Decimal(value) + Decimal(pipeline) / 2
        method = _("No batch decided yet: from none to all of the %(p)d firms in the pipeline passing.") % {
            "p": pipeline
        }
    else:
        expected = (Decimal(value) + pipeline * rate).quantize(Decimal("1"))
        method = _("%(v)d valid + %(p)d in the pipeline × pass rate %(r)s%% (%(d)d decided).") % {
            "v": value,
            "p": pipeline,
            "r": (rate * 100).quantize(Decimal("0.1")),
            "d": decided,
        }
    forecast = Forecast(expected, Decimal(value), Decimal(value + pipeline), method)
    base = params.get("base")
    text = _("%(n)d valid 高企 on %(day)s.") % {"n": value, "day": day}
    if base:
        text += _(" Goal: %(goal)s (double %(base)s).") % {"goal": int(base) * 2, "base": base}
    return MetricValue(
        Decimal(value), _("enterprises"), day.isoformat(), reverse("cultivation:batch_list"), text, forecast
    )
