"""A registry of named metrics: functions that measure something live from the data.

Annual goals (``goals``) name a metric and its parameters; the metric answers with the
current value, where it comes from (a link to the records), how it was computed and a
year-end forecast. Apps add their metrics in a ``metrics.py`` module (indicators and the
enterprise registry now; projects and 招商 later), so the goals app reads them all without
any app importing it.
"""

import datetime
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.module_loading import autodiscover_modules
from django.utils.translation import gettext as _


@dataclass
class Forecast:
    """A year-end projection with its range and the method in words."""

    value: Decimal
    low: Decimal
    high: Decimal
    method: str


@dataclass
class MetricValue:
    value: Decimal | None
    unit: str
    as_of: str  # the period or date the value is for, in words
    link: str = ""  # the records behind the number
    explanation: str = ""  # how it was computed, in words
    forecast: Forecast | None = None
    higher_is_better: bool = True
    series: list = field(default_factory=list)  # optional [(label, value)] for charts
    qualifier: str = ""  # how final the figure is, in a word (预计), shown after the number


def qualified(text: str, qualifier: str) -> str:
    """A figure with the word saying how final it is: ``11.1%（预计）``; as it is without one."""
    return _("%(figure)s (%(status)s)") % {"figure": text, "status": qualifier} if qualifier else text


@dataclass(frozen=True)
class Metric:
    code: str
    label: str
    compute: Callable[[dict, int, datetime.date | None], MetricValue]
    params_help: str = ""


_METRICS: dict[str, Metric] = {}
_discovered = False


def metric(code: str, label: str, params_help: str = ""):
    """Register ``func(params, year, as_of) -> MetricValue`` under ``code``."""

    def wrap(func):
        _METRICS[code] = Metric(code, label, func, params_help)
        return func

    return wrap


def _discover() -> None:
    global _discovered
    if not _discovered:
        autodiscover_modules("metrics")
        _discovered = True


def get_metric(code: str) -> Metric | None:
    _discover()
    return _METRICS.get(code)


def all_metrics() -> list[Metric]:
    _discover()
    return sorted(_METRICS.values(), key=lambda m: m.code)
