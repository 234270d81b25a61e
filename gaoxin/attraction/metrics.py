"""Metrics of 招商引资 for annual goals (registered in core.metrics).

- ``signings_count``: verified signings (核实; a reported one does not count) with a contract
  date in the year up to the as-of day and an amount of at least ``min_amount`` 万元 (default
  10,000 = 1 亿元; the tiers are 100,000 / 300,000 / 500,000 — exactly 10 亿元 counts for
  "≥10 亿元");
- ``signings_amount``: the same signings' total amount **in 亿元**;
- ``activities_count``: promotion activities dated in the year up to the as-of day (a later
  date is a plan), optionally of some ``kinds``;
- ``leads_in_stage``: leads now in one of ``stages`` (a snapshot, no forecast);
- ``funds_in_place``: funds in place (到位资金) of verified signings in the months of the year
  up to the as-of day's month, in 万元; ``part`` = total (default), outside_province
  (省外资金) or foreign (外资, converted at each month's rate);
- ``funds_rate``: 到位率 of the year's verified signings, in % (services_funds);
- ``signings_started`` / ``signings_in_production``: the year's verified signings whose key
  project had started (在建 or later) / was in production by the as-of day.

Forecasts of the first three are linear: the value so far × 12 ÷ the complete months
elapsed, with a range of ±20 % around it (never below what is already done); none before
the first month is complete.
"""

import datetime
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Sum
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext

from gaoxin.core.metrics import Forecast, MetricValue, metric
from gaoxin.projects.metrics import as_of_day, shown_yi, yi
from gaoxin.projects.services import complete_months

from . import services_funds
from .models import Activity, Lead, LeadStage, Signing

DEFAULT_MIN_AMOUNT = Decimal(10000)  # 万元 = 1 亿元
SPREAD = Decimal("0.2")


def page_url(name: str, fallback: str, query: str = "") -> str:
    try:
        base = reverse(name)
    except NoReverseMatch:
        base = fallback
    return f"{base}?{query}" if query else base


def linear_forecast(value: Decimal, day: datetime.date, places: str = "0.1") -> Forecast | None:
    """Value so far × 12 ÷ complete months, ±20 % (the low end never below the value)."""
    months = complete_months(day)
    if day >= datetime.date(day.year, 12, 31):
        return Forecast(value, value, value, _("The year is complete."))
    if months == 0:
        return None
    q = Decimal(places)
    pace = (value * 12 / months).quantize(q, ROUND_HALF_UP)
    low = max(value, (pace * (1 - SPREAD)).quantize(q, ROUND_HALF_UP))
    high = max(value, (pace * (1 + SPREAD)).quantize(q, ROUND_HALF_UP))
    method = _(
        "Linear: %(value)s in %(months)d complete months, × 12 ÷ %(months)d = %(pace)s by 31 December; "
        "range ±20%%."
    ) % {"value": shown_yi(value), "months": months, "pace": shown_yi(pace)}
    return Forecast(pace, low, high, method)


def _minimum(params: dict) -> Decimal:
    return Decimal(str(params.get("min_amount", DEFAULT_MIN_AMOUNT)))


def counted_signings(year: int, day: datetime.date, minimum: Decimal):
    return Signing.objects.investments().filter(
        status=Signing.Status.VERIFIED,
        contract_date__gte=datetime.date(year, 1, 1),
        contract_date__lte=day,
        amount__gte=minimum,
    )


def signings_link(year: int, minimum: Decimal) -> str:
    return page_url(
        "attraction:signing_list",
        "/attraction/signings/",
        f"kind=investment&status=verified&year={year}&amount_min={minimum.normalize():f}",
    )


@metric(
    "signings_count",
    gettext_lazy("Verified signings of at least an amount"),
    "min_amount: smallest contract amount in 万元 (default 10000 = 1 亿元)",
)
def signings_count(params: dict, year: int, as_of: datetime.date | None) -> MetricValue:
    minimum = _minimum(params)
    day = as_of_day(year, as_of)
    value = Decimal(counted_signings(year, day, minimum).count())
    explanation = _(
        "%(count)s verified signings of at least %(min)s 亿元 with a contract date between %(start)s and "
        "%(day)s (reported but not yet verified signings do not count)."
    ) % {
        "count": value,
        "min": shown_yi(yi(minimum)),
        "start": datetime.date(year, 1, 1),
        "day": day,
    }
    return MetricValue(
        value,
        _("projects"),
        day.isoformat(),
        signings_link(year, minimum),
        explanation,
        linear_forecast(value, day),
        True,
    )


@metric(
    "signings_amount",
    gettext_lazy("Total amount of verified signings (亿元)"),
    "min_amount: count only signings of at least this many 万元 (default 10000 = 1 亿元)",
)
def signings_amount(params: dict, year: int, as_of: datetime.date | None) -> MetricValue:
    minimum = _minimum(params)
    day = as_of_day(year, as_of)
    signings = counted_signings(year, day, minimum)
    total = signings.aggregate(s=Sum("amount"))["s"] or Decimal(0)
    value = yi(total)
    explanation = _(
        "The %(count)d verified signings of at least %(min)s 亿元 signed between %(start)s and %(day)s "
        "total %(yi)s 亿元 (%(wan)s 万元)."
    ) % {
        "count": signings.count(),
        "min": shown_yi(yi(minimum)),
        "start": datetime.date(year, 1, 1),
        "day": day,
        "yi": shown_yi(value),
        "wan": f"{total.normalize():,f}",
    }
    return MetricValue(
        value,
        "亿元",
        day.isoformat(),
        signings_link(year, minimum),
        explanation,
        linear_forecast(value, day, "0.01"),
        True,
    )


@metric(
    "activities_count",
    gettext_lazy("Promotion activities held"),
    "kinds: optional list of activity types (outbound, inbound, promotion, fair, visit, call)",
)
def activities_count(params: dict, year: int, as_of: datetime.date | None) -> MetricValue:
    day = as_of_day(year, as_of)
    kinds = [k for k in (params.get("kinds") or []) if k in Activity.Kind.values]
    activities = Activity.objects.filter(date__gte=datetime.date(year, 1, 1), date__lte=day)
    query = f"year={year}"
    if kinds:
        activities = activities.filter(kind__in=kinds)
        query += "".join(f"&kind={k}" for k in kinds)
    value = Decimal(activities.count())
    which = "、".join(str(Activity.Kind(k).label) for k in kinds) if kinds else _("all types")
    explanation = _(
        "%(count)s promotion activities (%(which)s) held between %(start)s and %(day)s; planned ones "
        "(later dates) do not count."
    ) % {"count": value, "which": which, "start": datetime.date(year, 1, 1), "day": day}
    return MetricValue(
        value,
        _("activities"),
        day.isoformat(),
        page_url("attraction:activity_list", "/attraction/activities/", query),
        explanation,
        linear_forecast(value, day),
        True,
    )


@metric(
    "leads_in_stage",
    gettext_lazy("Leads in some stages"),
    "stages: list of stages (clue, contact, inspection, negotiation, signed, registered, started, production)",
)
def leads_in_stage(params: dict, year: int, as_of: datetime.date | None) -> MetricValue:
    day = as_of_day(year, as_of)
    stages = [s for s in (params.get("stages") or []) if s in LeadStage.values]
    leads = Lead.objects.filter(stage__in=stages) if stages else Lead.objects.all()
    value = Decimal(leads.count())
    which = "、".join(str(LeadStage(s).label) for s in stages) if stages else _("all stages")
    explanation = _(
        "%(count)s leads are now in %(which)s. No forecast: this is the pipeline as it stands."
    ) % {"count": value, "which": which}
    query = "&".join(f"stage={s}" for s in stages)
    return MetricValue(
        value,
        pgettext("unit of a count of leads", "leads"),
        day.isoformat(),
        page_url("attraction:lead_list", "/attraction/leads/", query),
        explanation,
        None,
        True,
    )


FUND_PARTS = {
    "total": ("total", gettext_lazy("funds in place")),
    "outside_province": ("outside_province", gettext_lazy("funds from outside the province (省外资金)")),
    "foreign": ("foreign_cny", gettext_lazy("foreign funds (外资)")),
}


def funds_link(year: int) -> str:
    return page_url("attraction:signingfunding_list", "/attraction/signing-funds/", f"year={year}")


@metric(
    "funds_in_place",
    gettext_lazy("Funds in place of verified signings (万元)"),
    "part: total (default), outside_province (省外资金) or foreign (外资, in 万元 at each month's rate)",
)
def funds_in_place(params: dict, year: int, as_of: datetime.date | None) -> MetricValue:
    day = as_of_day(year, as_of)
    attribute, label = FUND_PARTS.get(params.get("part") or "total", FUND_PARTS["total"])
    value = getattr(services_funds.year_funds(year, day), attribute)
    explanation = _(
        "%(label)s of verified signings in the months from January to %(month)s %(year)s: %(wan)s 万元 "
        "(a month after %(day)s does not count yet)."
    ) % {"label": label, "month": day.month, "year": year, "wan": f"{value.normalize():,f}", "day": day}
    return MetricValue(value, "万元", day.isoformat(), funds_link(year), explanation, None, True)


@metric("funds_rate", gettext_lazy("Funds in place ÷ contract amount of the year's signings (到位率, %)"))
def funds_rate(params: dict, year: int, as_of: datetime.date | None) -> MetricValue:
    day = as_of_day(year, as_of)
    funds = services_funds.year_funds(year, day)
    explanation = _(
        "The verified signings of %(start)s to %(day)s have %(in_place)s 万元 in place of %(signed)s 万元 "
        "signed: %(rate)s%%."
    ) % {
        "start": datetime.date(year, 1, 1),
        "day": day,
        "in_place": f"{funds.signed_in_place.normalize():,f}",
        "signed": f"{funds.signed_amount.normalize():,f}",
        "rate": "—" if funds.rate is None else funds.rate,
    }
    return MetricValue(funds.rate, "%", day.isoformat(), funds_link(year), explanation, None, True)


def _conversion_metric(year: int, as_of, attribute: str, words) -> MetricValue:
    found = services_funds.conversion(year, as_of)
    value = Decimal(getattr(found, attribute))
    explanation = words % {
        "count": value,
        "signed": found.signed,
        "start": datetime.date(year, 1, 1),
        "day": found.day,
    }
    link = page_url("attraction:signing_list", "/attraction/signings/", f"status=verified&year={year}")
    return MetricValue(value, _("projects"), found.day.isoformat(), link, explanation, None, True)


@metric("signings_started", gettext_lazy("Signings of the year whose project has started (开工)"))
def signings_started(params: dict, year: int, as_of: datetime.date | None) -> MetricValue:
    words = _(
        "%(count)s of the %(signed)s verified signings of %(start)s to %(day)s have a key project that "
        "reached construction (在建) by %(day)s."
    )
    return _conversion_metric(year, as_of, "started", words)


@metric("signings_in_production", gettext_lazy("Signings of the year whose project is in production (投产)"))
def signings_in_production(params: dict, year: int, as_of: datetime.date | None) -> MetricValue:
    words = _(
        "%(count)s of the %(signed)s verified signings of %(start)s to %(day)s have a key project in "
        "production (竣工投产) by %(day)s."
    )
    return _conversion_metric(year, as_of, "producing", words)
