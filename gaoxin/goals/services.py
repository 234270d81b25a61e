"""Evaluating annual goals: the metric's live value, progress, status and forecast, in
numbers and in words."""

import datetime
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.utils.translation import gettext as _

from gaoxin.core.metrics import MetricValue, get_metric, qualified
from gaoxin.indicators.services import pct, points, verdict
from gaoxin.zone.models import evaluation_day

from .models import Goal

HUNDRED = Decimal(100)


@dataclass
class GoalState:
    goal: Goal
    value: MetricValue
    color: str  # green | yellow | red | grey
    text: str
    progress: int | None  # percent of the target reached, for a bar
    verdict: str  # likely | at_risk | unlikely | unknown
    verdict_text: str
    stretch_met: bool = False

    @property
    def status_label(self) -> str:
        return {
            "green": _("On track"),
            "yellow": _("Slightly behind"),
            "red": _("Behind"),
        }.get(self.color, _("No data"))

    @property
    def shown_value(self) -> str:
        value = self.value.value
        if value is None:
            return "—"
        if self.goal.unit == "%":
            return qualified(pct(value), self.value.qualifier)
        if value == value.to_integral_value():
            return qualified(f"{value:,.0f}", self.value.qualifier)
        return qualified(f"{value:,.2f}", self.value.qualifier)


def as_of_for(year: int) -> datetime.date:
    """The day ``year``'s goals are judged on: the zone's evaluation day (ADR 0017), the same
    for the cockpit, a goal's page, the brief and the API. Statistics metrics read the last
    month ended by it; counts (signings, projects) run to the day itself."""
    return evaluation_day(year)


def meets(goal: Goal, value: Decimal, target: Decimal) -> bool:
    return value > target if goal.strict else value >= target


def evaluate(goal: Goal, as_of: datetime.date | None) -> GoalState:
    goal.target = Decimal(str(goal.target))  # a goal built in code may hold an int
    goal.stretch = None if goal.stretch is None else Decimal(str(goal.stretch))
    metric = get_metric(goal.metric)
    if metric is None:
        empty = MetricValue(
            None, goal.unit, "—", explanation=_("Unknown metric “%(code)s”.") % {"code": goal.metric}
        )
        return GoalState(goal, empty, "grey", empty.explanation, None, "unknown", "")
    value = metric.compute(goal.params, goal.year, as_of)
    code, words = verdict(value.forecast, goal.target, value.higher_is_better, goal.strict)
    if value.value is None:
        return GoalState(goal, value, "grey", value.explanation, None, code, words)
    if goal.unit == "%":
        color, text = percent_status(goal, value)
    else:
        color, text = level_status(goal, value, code)
    progress = None
    if goal.target:
        progress = int(
            max(Decimal(0), min(value.value / goal.target * HUNDRED, HUNDRED)).to_integral_value(
                ROUND_HALF_UP
            )
        )
    stretch_met = goal.stretch is not None and meets(goal, value.value, goal.stretch)
    if stretch_met:
        text += " " + _("The stretch target %(stretch)s is reached.") % {"stretch": shown(goal, goal.stretch)}
    return GoalState(goal, value, color, text, progress, code, words, stretch_met)


def shown(goal: Goal, number: Decimal) -> str:
    if goal.unit == "%":
        return pct(number)
    text = f"{number:,.0f}" if number == number.to_integral_value() else f"{number:,.2f}"
    return f"{text}{goal.unit}"


def percent_status(goal: Goal, value: MetricValue) -> tuple[str, str]:
    """A growth goal: the cumulative growth so far against the target (序时 = the rate)."""
    gap = value.value - goal.target
    params = {
        "period": value.as_of,
        "actual": qualified(pct(value.value), value.qualifier),
        "target": pct(goal.target),
        "gap": points(gap),
    }
    if meets(goal, value.value, goal.target):
        return "green", _("%(period)s: %(actual)s, above the target %(target)s by %(gap)s points.") % params
    text = _("%(period)s: %(actual)s, below the target %(target)s by %(gap)s points.") % params
    return ("yellow" if abs(gap) <= goal.yellow_gap else "red"), text


def level_status(goal: Goal, value: MetricValue, forecast_code: str) -> tuple[str, str]:
    """A count or amount for the year end: judged by the year-end forecast when there is
    one (a count grows towards December), else by the gap to the target."""
    share = value.value / goal.target * HUNDRED if goal.target else HUNDRED
    params = {
        "as_of": value.as_of,
        "actual": qualified(shown(goal, value.value), value.qualifier),
        "target": shown(goal, goal.target),
        "share": pct(share),
        "gap": shown(goal, abs(goal.target - value.value)),
    }
    if meets(goal, value.value, goal.target):
        return "green", _("%(as_of)s: %(actual)s, the target %(target)s is reached.") % params
    text = _("%(as_of)s: %(actual)s, %(share)s of the target %(target)s; %(gap)s to go.") % params
    if forecast_code in ("likely", "at_risk", "unlikely"):
        return {"likely": "green", "at_risk": "yellow", "unlikely": "red"}[forecast_code], text
    return ("yellow" if HUNDRED - share <= goal.yellow_gap else "red"), text


def evaluate_year(year: int) -> tuple[datetime.date | None, list[GoalState]]:
    as_of = as_of_for(year)
    goals = Goal.objects.filter(year=year, is_active=True).select_related("department", "leader")
    return as_of, [evaluate(goal, as_of) for goal in goals]
