"""Economic monitoring logic: readings at zone level, aggregates from enterprise values,
target status in words, year-end forecasts.

Numbers are Decimal throughout. Growth rates are percent points rounded half-up to one
decimal for display (statistical tables print 12.1%); comparisons use the unrounded values.
"""

from __future__ import annotations

import calendar
import datetime
from collections import defaultdict
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.db import connection, transaction
from django.utils.translation import gettext as _

from gaoxin.core.metrics import Forecast, qualified

from .models import (
    COUNTED_SQL,
    Aggregate,
    DataSet,
    Indicator,
    Observation,
    Scope,
    Submission,
    Target,
    status_word,
)

HUNDRED = Decimal(100)
ONE_DECIMAL = Decimal("0.1")


def pct(value: Decimal | None) -> str:
    """``12.1%`` — one decimal, half up (the statistics bureau's convention)."""
    if value is None:
        return "—"
    return f"{value.quantize(ONE_DECIMAL, rounding=ROUND_HALF_UP)}%"


def plain(number: Decimal) -> str:
    """1000.0000 → "1000", 12.50 → "12.5" (no exponent, no trailing zeros)."""
    return format(Decimal(number).normalize(), "f")


def points(value: Decimal) -> str:
    return f"{abs(value).quantize(ONE_DECIMAL, rounding=ROUND_HALF_UP)}"


def amount(value: Decimal | None, unit: str) -> str:
    """An amount with its unit; 万元 amounts of 1 亿 and more are shown in 亿元."""
    if value is None:
        return "—"
    if unit == "万元" and abs(value) >= 10000:
        return f"{(value / 10000).quantize(Decimal('0.01'), rounding=ROUND_HALF_UP)}亿元"
    return f"{value.quantize(Decimal('0.01'), rounding=ROUND_HALF_UP)}{unit}"


def marked(text: str, status: str) -> str:
    """A figure with its status after it: ``11.1%（预计）``; a final figure as it is."""
    return qualified(text, status_word(status))


def growth_words(growth: Decimal | None, status: str = "") -> str:
    """The growth in words with the figure's status before the verb, as the bureau writes it:
    ``预计增长11.1%``, ``快报增长12.0%``; a final figure ``同比增长13.8%``."""
    if growth is None:
        return ""
    word = status_word(status)
    if word:
        return _("%(status)s growth of %(growth)s") % {"status": word, "growth": pct(growth)}
    return _("year-on-year growth of %(growth)s") % {"growth": pct(growth)}


def growth_between(current: Decimal | None, previous: Decimal | None) -> Decimal | None:
    """Growth in % over ``previous``; None on a zero or negative base, where a percentage
    means nothing (statistical convention: say 扭亏为盈 / 减亏 / 增亏 instead, ``growth_remark``)."""
    if current is None or previous is None or previous <= 0:
        return None
    return (current / previous - 1) * HUNDRED


def growth_remark(current: Decimal | None, previous: Decimal | None) -> str:
    """The words that stand for growth on a zero or negative base ("" where a rate exists)."""
    if current is None or previous is None or previous > 0:
        return ""
    if previous == 0:
        return _("no growth rate: the same period last year was zero")
    if current > 0:
        return _("turned from a loss to a profit")
    if current > previous:
        return _("loss reduced")
    if current < previous:
        return _("loss increased")
    return _("loss unchanged")


@dataclass
class AggregateGrowth:
    """A park's or the zone's growth from enterprise sums, with the basis it stands on:
    ``prior`` Σ本年 ÷ Σ上年同期 as the firms filed it (the bureau's method: firms new to 规上
    in, firms that left out); ``mixed`` the same where some firms filed no 上年同期 and their
    own value of last year stands in; ``same_set`` only last year's values (no firm filed
    上年同期): the firms with data in both years."""

    current: Decimal | None
    previous: Decimal | None
    method: str  # "prior" | "mixed" | "same_set"
    reporters: int | None  # firms in the basis (None: a sum stored without its count)
    filed: int = 0  # of them, with a filed 上年同期

    @property
    def growth(self) -> Decimal | None:
        return growth_between(self.current, self.previous)

    @property
    def remark(self) -> str:
        return growth_remark(self.current, self.previous)

    @property
    def label(self) -> str:
        n = {"n": self.reporters, "m": (self.reporters or 0) - self.filed}
        if self.method == "prior":
            return _("calculated on the same period last year as filed (%(n)d enterprises)") % n
        if self.method == "mixed":
            return (
                _(
                    "calculated on the same period last year as filed (%(n)d enterprises; "
                    "%(m)d without it compared with their values of last year)"
                )
                % n
            )
        if self.reporters is None:
            return _("growth computed from the same period last year, same enterprises")
        return _("calculated on the same enterprises (the %(n)d with data in both years)") % n


def aggregate_growth(aggregate) -> AggregateGrowth | None:
    """The growth basis of an ``Aggregate`` (None where there is nothing to compare with)."""
    if aggregate is None:
        return None
    reporters, filed = aggregate.prior_reporters, aggregate.prior_filed
    if reporters:
        method = "prior" if filed == reporters else "mixed" if filed else "same_set"
        return AggregateGrowth(aggregate.prior_current, aggregate.prior_previous, method, reporters, filed)
    if aggregate.same_set_previous is not None:  # a sum refreshed before 上年同期 was kept
        return AggregateGrowth(aggregate.same_set_current, aggregate.same_set_previous, "same_set", None)
    return None


def shown_growth(value: Decimal) -> Decimal:
    """A growth rate at the precision the statistics bureau publishes (one decimal, half up):
    what is compared with a target is what the reader sees."""
    return value.quantize(ONE_DECIMAL, rounding=ROUND_HALF_UP)


# --- readings -----------------------------------------------------------------------------


@dataclass
class Reading:
    """What the zone's number for an indicator and period is, and where it comes from."""

    indicator: Indicator
    year: int
    month: int
    value: Decimal | None = None
    growth: Decimal | None = None
    growth_basis: str = ""  # "reported" | "computed" | ""
    growth_remark: str = ""  # 扭亏为盈 / 减亏 / 增亏 … where the base allows no rate
    value_source: str = ""  # "reported" | "aggregate" | "ratio" | ""
    observation_id: int | None = None
    reporters: int | None = None
    growth_method: str = ""  # prior | mixed | same_set (AggregateGrowth) where summed
    growth_label: str = ""  # its words: 按上年同期数计算 … / 同口径 …
    status: str = ""  # the reported figure's: estimate | preliminary | final ("" when summed or computed)

    @property
    def period(self) -> str:
        return self.indicator.period_label(self.year, self.month)

    @property
    def status_word(self) -> str:
        """预计 / 快报 of a figure that is not final, "" otherwise."""
        return status_word(self.status)

    @property
    def has_data(self) -> bool:
        return self.value is not None or self.growth is not None

    @property
    def rank_text(self) -> str:
        """A rank indicator's value in words (上升8位, 下降3位, 位次不变); empty otherwise."""
        if self.indicator.kind != Indicator.Kind.RANK or self.value is None:
            return ""
        return rank_change_text(self.value)

    def growth_note(self) -> str:
        if self.growth_label:
            return self.growth_label
        if self.growth_basis == "reported":
            return _("growth as reported by the statistics bureau")
        if self.growth_basis == "computed":
            return _("growth computed from the same period last year, same enterprises")
        return ""


def rank_change_text(places: Decimal) -> str:
    """+8 → 上升8位, −3 → 下降3位, 0 → 位次不变."""
    if places == 0:
        return _("rank unchanged")
    number = f"{abs(places).normalize():f}"
    if places > 0:
        return _("up %(n)s places") % {"n": number}
    return _("down %(n)s places") % {"n": number}


class ZoneData:
    """Zone-level observations and aggregates of some indicators and years, loaded in two
    queries; ``reading()`` then resolves any (indicator, year, month) in memory."""

    def __init__(self, indicators, years, scope_key: str = "zone"):
        self.indicators = {i.pk: i for i in indicators}
        ids = set(self.indicators)
        for indicator in list(self.indicators.values()):
            for term in (indicator.numerator_id, indicator.denominator_id):
                if term:
                    ids.add(term)
        if len(ids) > len(self.indicators):
            for extra in Indicator.objects.filter(pk__in=ids - set(self.indicators)):
                self.indicators[extra.pk] = extra
        years = set(years) | {y - 1 for y in years}
        self.observations = {
            (o.indicator_id, o.year, o.month): o
            for o in Observation.objects.counted().filter(
                indicator_id__in=ids, scope_key=scope_key, year__in=years
            )
        }
        self.aggregates = {
            (a.indicator_id, a.year, a.month): a
            for a in Aggregate.objects.filter(indicator_id__in=ids, scope_key=scope_key, year__in=years)
        }

    def reading(self, indicator: Indicator, year: int, month: int) -> Reading:
        reading = Reading(indicator, year, month)
        if indicator.kind == Indicator.Kind.RATIO:
            top = self.reading(self.indicators[indicator.numerator_id], year, month)
            bottom = self.reading(self.indicators[indicator.denominator_id], year, month)
            if top.value is not None and bottom.value:
                reading.value = top.value / bottom.value * indicator.factor
                reading.value_source = "ratio"
            return reading
        observation = self.observations.get((indicator.pk, year, month))
        aggregate = self.aggregates.get((indicator.pk, year, month))
        if observation is not None and observation.value is not None:
            reading.value, reading.value_source, reading.observation_id = (
                observation.value,
                "reported",
                observation.pk,
            )
        elif aggregate is not None:
            reading.value, reading.value_source, reading.reporters = (
                aggregate.value,
                "aggregate",
                aggregate.reporters,
            )
        if observation is not None and observation.growth is not None:
            reading.growth, reading.growth_basis = observation.growth, "reported"
            reading.observation_id = reading.observation_id or observation.pk
        elif indicator.kind == Indicator.Kind.LEVEL and not indicator.comparable_prices:
            pair = self.growth_pair(indicator, year, month, aggregate)
            reading.growth = growth_between(*pair)
            reading.growth_remark = growth_remark(*pair)
            reading.growth_basis = "computed" if reading.growth is not None or reading.growth_remark else ""
            basis = aggregate_growth(aggregate)
            if reading.growth_basis and basis is not None:
                reading.growth_method, reading.growth_label = basis.method, basis.label
        if reading.observation_id is not None:
            reading.status = observation.status
        return reading

    def growth_pair(self, indicator, year, month, aggregate) -> tuple[Decimal | None, Decimal | None]:
        """(this period, same period last year) of the enterprise sums (``aggregate_growth``:
        上年同期 as filed, else the same enterprises) where the aggregate has them, else the
        zone's two reported values."""
        basis = aggregate_growth(aggregate)
        if basis is not None:
            return basis.current, basis.previous
        this = self.observations.get((indicator.pk, year, month))
        last = self.observations.get((indicator.pk, year - 1, month))
        if this is not None and last is not None:
            return this.value, last.value
        return None, None

    def months_with_data(self, indicator: Indicator, year: int) -> list[int]:
        return [m for m in range(1, 13) if self.reading(indicator, year, m).has_data]

    def latest_month(self, indicator: Indicator, year: int, up_to: int = 12) -> int | None:
        """The last month ≤ ``up_to`` with data (a quarterly indicator lags a monthly one)."""
        months = [m for m in self.months_with_data(indicator, year) if m <= up_to]
        return months[-1] if months else None


def last_ended_month(year: int, day: datetime.date | None) -> int:
    """The last month of ``year`` whose figures can exist on ``day`` (a month is over on its
    last day): 12 for a past year or no day, 0 before the end of January."""
    if day is None or day.year > year:
        return 12
    if day.year < year:
        return 0
    return day.month if (day + datetime.timedelta(days=1)).month != day.month else day.month - 1


def latest_period(
    year: int | None = None, aggregates: bool = True, as_of: datetime.date | None = None
) -> tuple[int, int] | None:
    """The latest (year, month) whose zone figures leaders may read: the bureau's zone row is
    there (approved), or the enterprise values summed in it are complete (``period_complete``).
    Drafts never count, so one firm's draft of 1–9月 does not move the cockpit to 9月.

    Filtered by indicator so the lookup walks the unique key (indicator, scope key, period)
    — a few rows per indicator — instead of the period index, whose latest month may hold
    100,000 enterprise rows before the first zone row.

    With ``as_of``, only months ended by that day (the evaluation day) count."""
    ids = list(Indicator.objects.values_list("pk", flat=True))
    # No year condition in SQL: with one, SQLite prefers the period index and reads a
    # whole year of enterprise rows. The zone's periods are few (indicators × months).
    reported = set(
        Observation.objects.counted()
        .filter(indicator_id__in=ids, scope_key="zone")
        .values_list("year", "month")
    )
    summed = set()
    if aggregates:
        summed = set(
            Aggregate.objects.filter(indicator_id__in=ids, scope_key="zone").values_list("year", "month")
        )
    for period in sorted(reported | summed, reverse=True):
        if (year and period[0] != year) or period[1] > last_ended_month(period[0], as_of):
            continue
        if period in reported or period_complete(*period):
            return period
    return None


def period_complete(year: int, month: int) -> bool:
    """Enterprise values of a period are complete enough to sum for leaders when they came in
    a zone-level table (the bureau's enterprise table, approved), outside the calendar, or when
    every enterprise that must report a data set has its values counted (approved)."""
    counted = Submission.objects.counted().filter(year=year, month=month)
    if counted.filter(scope_key="zone").exists():
        return True
    if Observation.objects.filter(
        year=year, month=month, scope=Scope.ENTERPRISE, submission__isnull=True
    ).exists():
        return True
    day = datetime.date(year, month, calendar.monthrange(year, month)[1])
    for data_set in DataSet.objects.filter(scope=Scope.ENTERPRISE, submissions__in=counted).distinct():
        required = {key for key, _name in data_set.reporters(day)}
        filed = set(counted.filter(data_set=data_set).values_list("scope_key", flat=True))
        if required and required <= filed:
            return True
    return False


# --- aggregates ---------------------------------------------------------------------------

# The bureau's basis in the same pass (``Aggregate.prior_*``): each firm's 上年同期 as filed,
# else its counted value of last year; this year's value only where the firm has one of them.
PRIOR_COLUMNS = """,
       SUM(CASE WHEN COALESCE(o.previous_value, p.value) IS NOT NULL THEN o.value END),
       SUM(COALESCE(o.previous_value, p.value)), COUNT(COALESCE(o.previous_value, p.value)),
       COUNT(o.previous_value)"""
# Without a year before: the filed 上年同期 alone (a zone's first year can still have growth).
PRIOR_COLUMNS_FIRST_YEAR = """,
       SUM(CASE WHEN o.previous_value IS NOT NULL THEN o.value END), SUM(o.previous_value),
       COUNT(o.previous_value), COUNT(o.previous_value)"""
# Only counted values (approved, or submitted where the data set counts them; never drafts),
# this year's and last year's alike.
AGGREGATE_SQL = f"""
SELECT o.indicator_id, e.park_id, SUM(o.value), COUNT(*),
       SUM(CASE WHEN p.value IS NOT NULL THEN o.value END), SUM(p.value){PRIOR_COLUMNS}
FROM indicators_observation o
JOIN enterprises_enterprise e ON e.id = o.enterprise_id
LEFT JOIN indicators_observation p
  ON p.indicator_id = o.indicator_id AND p.scope_key = o.scope_key AND p.year = %s AND p.month = o.month
  AND {COUNTED_SQL.format(o="p")}
WHERE o.scope = 'enterprise' AND o.year = %s AND o.month = %s AND o.value IS NOT NULL
  AND {COUNTED_SQL.format(o="o")}
GROUP BY o.indicator_id, e.park_id
"""
# The same without a year before to compare with (a zone's first year of enterprise data):
# no look-up of last year's value for each of 100,000 values; the same-set sums are empty.
AGGREGATE_SQL_FIRST_YEAR = f"""
SELECT o.indicator_id, e.park_id, SUM(o.value), COUNT(*), NULL, NULL{PRIOR_COLUMNS_FIRST_YEAR}
FROM indicators_observation o
JOIN enterprises_enterprise e ON e.id = o.enterprise_id
WHERE o.scope = 'enterprise' AND o.year = %s AND o.month = %s AND o.value IS NOT NULL
  AND {COUNTED_SQL.format(o="o")}
GROUP BY o.indicator_id, e.park_id
"""


def refresh_aggregates(periods: set[tuple[int, int]]) -> int:
    """Recompute park and zone sums for ``periods`` (and the next year's same months,
    whose same-set growth compares with them). One grouped query per period."""
    periods = set(periods) | {(year + 1, month) for year, month in periods}
    written = 0
    with transaction.atomic():
        for year, month in sorted(periods):
            written += _refresh_period(year, month)
    return written


def _refresh_period(year: int, month: int) -> int:
    rows = _aggregate_rows(year, month)
    Aggregate.objects.filter(year=year, month=month).delete()
    if not rows:
        return 0
    zone: dict[int, list] = defaultdict(lambda: [Decimal(0), 0, Decimal(0), Decimal(0)])
    zone_prior: dict[int, list] = defaultdict(lambda: [Decimal(0), Decimal(0), 0, 0])
    objects = []
    for indicator_id, park_id, total, count, same_now, same_before, *prior in rows:
        total, same_now, same_before = (_dec(v) for v in (total, same_now, same_before))
        prior = [_dec(prior[0]), _dec(prior[1]), prior[2], prior[3]]
        if park_id is not None:
            objects.append(
                Aggregate(
                    indicator_id=indicator_id,
                    scope=Scope.PARK,
                    park_id=park_id,
                    scope_key=f"park:{park_id}",
                    year=year,
                    month=month,
                    value=total,
                    reporters=count,
                    same_set_current=same_now,
                    same_set_previous=same_before,
                    **_prior_fields(*prior),
                )
            )
        sums = zone[indicator_id]
        sums[0] += total
        sums[1] += count
        sums[2] += same_now or 0
        sums[3] += same_before or 0
        _add_prior(zone_prior[indicator_id], prior)
    for indicator_id, (total, count, same_now, same_before) in zone.items():
        objects.append(
            Aggregate(
                indicator_id=indicator_id,
                scope=Scope.ZONE,
                scope_key="zone",
                year=year,
                month=month,
                value=total,
                reporters=count,
                same_set_current=same_now if same_before else None,
                same_set_previous=same_before or None,
                **_prior_fields(*zone_prior[indicator_id]),
            )
        )
    Aggregate.objects.bulk_create(objects)
    return len(objects)


def _aggregate_rows(year: int, month: int) -> list[tuple]:
    """(indicator, park, Σ, n, same-set Σ now, Σ before, prior Σ now, Σ 上年同期, n, n filed)
    by indicator and park: one grouped query."""
    year_before = Observation.objects.filter(year=year - 1, month=month, scope=Scope.ENTERPRISE).exists()
    with connection.cursor() as cursor:
        if year_before:
            cursor.execute(AGGREGATE_SQL, [year - 1, year, month])
        else:
            cursor.execute(AGGREGATE_SQL_FIRST_YEAR, [year, month])
        return cursor.fetchall()


def _prior_fields(current, previous, reporters: int, filed: int) -> dict:
    """``Aggregate.prior_*`` of one park or the zone: no sums where no firm is in the basis."""
    if not reporters:
        return {"prior_current": None, "prior_previous": None, "prior_reporters": 0, "prior_filed": 0}
    return {
        "prior_current": current,
        "prior_previous": previous,
        "prior_reporters": reporters,
        "prior_filed": filed,
    }


def _add_prior(sums: list, prior: list) -> None:
    """A park's bureau basis added to the zone's (Σ now, Σ 上年同期, firms, firms filed)."""
    sums[0] += prior[0] or 0
    sums[1] += prior[1] or 0
    sums[2] += prior[2] or 0
    sums[3] += prior[3] or 0


def _dec(value) -> Decimal | None:
    if value is None:
        return None
    return value if isinstance(value, Decimal) else Decimal(str(value))


# --- targets ------------------------------------------------------------------------------


@dataclass
class Status:
    color: str  # green | yellow | red | grey
    text: str
    target: Decimal | None = None  # the target for the period (序时)
    actual: Decimal | None = None
    gap: Decimal | None = None  # actual − target (points for growth, % of target for level)

    @property
    def label(self) -> str:
        return {
            "green": _("On track"),
            "yellow": _("Slightly behind"),
            "red": _("Behind"),
            "grey": _("No data"),
        }[self.color]


def period_target(target: Target, month: int, data: ZoneData | None = None) -> Decimal:
    """The target for 1–``month`` (序时进度). A growth target holds at every month; a level
    target is split by elapsed months or by last year's cumulative shares."""
    if target.basis == Target.Basis.GROWTH:
        return target.base_value
    if target.split == Target.Split.LAST_YEAR and data is not None:
        share = last_year_share(target.indicator, target.year, month, data)
        if share is not None:
            return target.base_value * share
    return target.base_value * Decimal(month) / Decimal(12)


def last_year_share(indicator, year: int, month: int, data: ZoneData) -> Decimal | None:
    part = data.reading(indicator, year - 1, month).value
    whole = data.reading(indicator, year - 1, 12).value
    return part / whole if part is not None and whole else None


def target_status(target: Target, reading: Reading, data: ZoneData | None = None) -> Status:
    """Red / yellow / green against 序时进度, with the reason in words, e.g.
    ``1–9月累计增长12.1%，低于序时目标15.0%，差2.9个百分点``."""
    goal = period_target(target, reading.month, data)
    period = reading.period
    better = target.indicator.higher_is_better
    if target.basis == Target.Basis.GROWTH:
        actual = reading.growth if target.indicator.kind != Indicator.Kind.RATIO else reading.value
        if actual is None:
            return Status("grey", _("%(period)s: no data yet.") % {"period": period}, goal)
        return growth_status(target, period, shown_growth(actual), shown_growth(goal), reading.status)
    actual = reading.value
    if actual is None:
        return Status("grey", _("%(period)s: no data yet.") % {"period": period}, goal)
    ratio = shown_growth(actual / goal * HUNDRED) if goal else None  # compared as shown: 95.2%
    gap = (ratio - HUNDRED) if ratio is not None else Decimal(0)
    unit = target.indicator.unit
    params = {
        "period": period,
        "actual": marked(amount(actual, unit), reading.status),
        "target": amount(goal, unit),
        "ratio": pct(ratio),
        "gap": points(gap),
    }
    met = gap >= 0 if better else gap <= 0
    if met:
        return Status(
            "green",
            _("%(period)s: %(actual)s, %(ratio)s of the time-proportional target %(target)s.") % params,
            goal,
            actual,
            gap,
        )
    color = "yellow" if abs(gap) <= target.yellow_gap else "red"
    text = (
        _("%(period)s: %(actual)s, %(ratio)s of the time-proportional target %(target)s, %(gap)s%% short.")
        % params
    )
    return Status(color, text, goal, actual, gap)


def growth_status(target: Target, period: str, actual: Decimal, goal: Decimal, status: str = "") -> Status:
    """The colour and the words of a growth target, both from the figures as published (one
    decimal), so that the words, the number and the colour never contradict each other; an
    estimate says so after the number (``11.1%（预计）``)."""
    gap = actual - goal
    better = target.indicator.higher_is_better
    params = {
        "period": period,
        "actual": marked(pct(actual), status),
        "target": pct(goal),
        "gap": points(gap),
    }
    met = (gap > 0 if target.strict else gap >= 0) if better else (gap < 0 if target.strict else gap <= 0)
    if met and gap == 0:
        text = _("%(period)s: cumulative growth %(actual)s, at the target %(target)s.") % params
    elif met:
        text = (
            _("%(period)s: cumulative growth %(actual)s, above the target %(target)s by %(gap)s points.")
            % params
        )
    elif gap == 0:  # a strict target ("> 10%") reached but not exceeded
        text = (
            _("%(period)s: cumulative growth %(actual)s, equal to %(target)s; the target is to exceed it.")
            % params
        )
    else:
        text = (
            _("%(period)s: cumulative growth %(actual)s, below the target %(target)s by %(gap)s points.")
            % params
        )
    if met:
        return Status("green", text, goal, actual, gap)
    return Status("yellow" if abs(gap) <= target.yellow_gap else "red", text, goal, actual, gap)


# --- forecasts ----------------------------------------------------------------------------


def forecast_level(
    indicator: Indicator, year: int, month: int, data: ZoneData, history: int = 3
) -> Forecast | None:
    """Year total = cumulative value ÷ the share of the year past years had reached by the
    same month; the range comes from the spread of those shares."""
    current = data.reading(indicator, year, month).value
    if current is None or month == 12:
        return None if current is None else Forecast(current, current, current, _("The year is complete."))
    shares = []
    for past in range(year - history, year):
        part, whole = data.reading(indicator, past, month).value, data.reading(indicator, past, 12).value
        if part is not None and whole:
            shares.append((past, part / whole))
    if not shares:
        return None
    values = [s for _y, s in shares]
    mean = sum(values) / len(values)
    low, high = current / max(values), current / min(values)
    value = current / mean
    years = "、".join(str(y) for y, _s in shares)
    method = _(
        "By %(period)s the years %(years)s had reached %(low)s–%(high)s of their totals (mean %(mean)s); "
        "%(current)s ÷ %(mean)s gives %(value)s for the year (%(from)s–%(to)s)."
    ) % {
        "period": indicator.period_label(year, month),
        "years": years,
        "low": pct(min(values) * HUNDRED),
        "high": pct(max(values) * HUNDRED),
        "mean": pct(mean * HUNDRED),
        "current": amount(current, indicator.unit),
        "value": amount(value, indicator.unit),
        "from": amount(low, indicator.unit),
        "to": amount(high, indicator.unit),
    }
    return Forecast(value, low, high, method)


def forecast_growth(
    indicator: Indicator, year: int, month: int, data: ZoneData, history: int = 3
) -> Forecast | None:
    """Year-end cumulative growth. For a level indicator: the forecast total against last
    year's total. For a reported rate: the current rate plus how much past years' rates
    moved from this month to December."""
    reading = data.reading(indicator, year, month)
    if indicator.kind == Indicator.Kind.LEVEL and not indicator.comparable_prices:
        level = forecast_level(indicator, year, month, data, history)
        last_total = data.reading(indicator, year - 1, 12).value
        if level is None or not last_total or last_total < 0:
            return None
        grow = [growth_between(v, last_total) for v in (level.value, level.low, level.high)]
        method = (
            level.method
            + " "
            + _("Against last year's %(total)s: growth %(value)s (%(low)s–%(high)s).")
            % {
                "total": amount(last_total, indicator.unit),
                "value": pct(grow[0]),
                "low": pct(grow[1]),
                "high": pct(grow[2]),
            }
        )
        return Forecast(grow[0], grow[1], grow[2], method)
    if reading.growth is None:
        return None
    if month == 12:
        return Forecast(reading.growth, reading.growth, reading.growth, _("The year is complete."))
    moves = []
    for past in range(year - history, year):
        now, end = data.reading(indicator, past, month).growth, data.reading(indicator, past, 12).growth
        if now is not None and end is not None:
            moves.append(end - now)
    if not moves:
        method = _(
            "No past year to compare with: the current cumulative growth %(growth)s is carried to December."
        ) % {"growth": pct(reading.growth)}
        return Forecast(reading.growth, reading.growth, reading.growth, method)
    mean = sum(moves) / len(moves)
    value = reading.growth + mean
    method = _(
        "From %(period)s to December past years' cumulative growth moved by %(low)s to %(high)s points "
        "(mean %(mean)s); %(growth)s %(sign)s %(mean)s gives %(value)s."
    ) % {
        "period": indicator.period_label(year, month),
        "low": _signed(min(moves)),
        "high": _signed(max(moves)),
        "mean": _signed(mean),
        "growth": pct(reading.growth),
        "sign": "+",
        "value": pct(value),
    }
    return Forecast(value, reading.growth + min(moves), reading.growth + max(moves), method)


def _signed(value: Decimal) -> str:
    text = points(value)
    return f"-{text}" if value < 0 else f"+{text}"


def verdict(
    forecast: Forecast | None, target: Decimal, higher_is_better: bool = True, strict: bool = False
) -> tuple[str, str]:
    """("likely" | "at_risk" | "unlikely" | "unknown", words)."""
    if forecast is None:
        return "unknown", _("No forecast (not enough history).")

    def meets(value):
        if higher_is_better:
            return value > target if strict else value >= target
        return value < target if strict else value <= target

    low, high = (forecast.low, forecast.high) if higher_is_better else (forecast.high, forecast.low)
    if meets(low):
        return "likely", _("Expected to be met")
    if not meets(high):
        return "unlikely", _("Unlikely to be met")
    return "at_risk", _("At risk")


def chart_data(indicator, year: int, data, target) -> dict:
    """Monthly series of this year and last (values and growth) for the ECharts charts."""

    def series(y, attr):
        values = []
        for month in range(1, 13):
            value = getattr(data.reading(indicator, y, month), attr)
            values.append(None if value is None else float(value))
        return values

    growth_target = float(target.base_value) if target and target.basis == Target.Basis.GROWTH else None
    return {
        "months": [f"{m}月" for m in range(1, 13)],
        "this_year": str(year),
        "last_year": str(year - 1),
        "value": series(year, "value"),
        "value_last": series(year - 1, "value"),
        "growth": series(year, "growth"),
        "growth_last": series(year - 1, "growth"),
        "growth_target": growth_target,
        "unit": indicator.unit,
    }


def today() -> datetime.date:
    from django.utils import timezone

    return timezone.localdate()
