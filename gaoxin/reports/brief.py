"""The monthly brief (月度经济运行简报): written text generated from the numbers, the main
indicators in a table, charts as images with Chinese labels, problems and next steps as
editable placeholders. Produced as .docx (leaders edit it afterwards) and as PDF.

Layout follows the usual government brief: title, date line, 一、总体情况, 二、主要指标完成情况
(table and charts), 三、存在问题, 四、下步工作建议; page, fonts and tables come from
``core.documents``, like every official document of the platform.
"""

from __future__ import annotations

import base64
import calendar
import datetime
import io
import os
from dataclasses import dataclass, field
from decimal import Decimal

from django.conf import settings
from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from gaoxin.goals.models import Goal
from gaoxin.goals.services import evaluate
from gaoxin.indicators.models import Aggregate, Indicator, Scope, Target, period_label
from gaoxin.indicators.services import (
    ZoneData,
    amount,
    growth_words,
    latest_period,
    marked,
    pct,
    plain,
    target_status,
)
from gaoxin.zone.models import evaluation_day

MONTHS = list(range(1, 13))


@dataclass
class Row:
    name: str
    unit: str
    value: str
    growth: str
    target: str
    status: str
    color: str


@dataclass
class Brief:
    zone: str
    year: int
    month: int
    period: str
    as_of: datetime.date  # the evaluation day: goals, signings and projects counted to it
    summary: list[str] = field(default_factory=list)
    rows: list[Row] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    charts: list[tuple[str, bytes]] = field(default_factory=list)

    @property
    def title(self) -> str:
        return _("%(zone)s economic brief, %(period)s") % {"zone": self.zone, "period": self.period}

    @property
    def as_of_note(self) -> str:
        """Which date and period the document's figures are for."""
        return f"（统计数据为{self.period}；招商、项目和目标完成情况截至{cn_date(self.as_of)}）"

    @property
    def filename(self) -> str:
        return f"{self.zone}{self.year}年1-{self.month}月经济运行简报"


def brief_day(year: int, month: int, as_of: datetime.date | None = None) -> datetime.date:
    """The day a brief of 1–``month`` is evaluated on: the day asked for (never before the
    month is over), else the zone's evaluation day when the month is the latest period then
    (the cockpit's day: both count the same signings), else the month's last day."""
    month_end = datetime.date(year, month, calendar.monthrange(year, month)[1])
    if as_of is not None:
        return max(as_of, month_end)
    day = evaluation_day(year)
    latest = latest_period(year, as_of=day)
    if day <= month_end or latest is None or latest <= (year, month):
        return max(day, month_end)
    return month_end


def build(year: int, month: int, as_of: datetime.date | None = None) -> Brief:
    """Gather the numbers of 1–``month`` ``year`` and write the sentences."""
    from gaoxin.zone.models import Zone

    zone = Zone.objects.order_by("pk").first()
    day = brief_day(year, month, as_of)
    name = zone.short_name or zone.name if zone else ""
    brief = Brief(name, year, month, period_label(year, month), day)
    indicators = list(Indicator.objects.filter(is_active=True).select_related("numerator", "denominator"))
    data = ZoneData(indicators, [year, year - 1, year - 2])
    targets = {
        t.indicator_id: t
        for t in Target.objects.filter(year=year, scope_key="zone").select_related("indicator")
    }
    behind = _indicator_rows(brief, indicators, data, targets)
    brief.problems = problems(year, behind, day)
    brief.charts = charts(year, month, indicators, data, list(targets.values()))
    return brief


def _indicator_rows(brief: Brief, indicators, data: ZoneData, targets: dict) -> list[tuple]:
    """A table row and a summary sentence per indicator with data this year; returns the
    indicators behind their target (red) with their status."""
    behind = []
    for indicator in indicators:
        latest = data.latest_month(indicator, brief.year, brief.month)
        if latest is None:
            continue
        reading = data.reading(indicator, brief.year, latest)
        target = targets.get(indicator.pk)
        status = target_status(target, reading, data) if target else None
        brief.rows.append(table_row(indicator, reading, target, status, brief.month))
        brief.summary.append(sentence(indicator, reading, status))
        if status is not None and status.color == "red":
            behind.append((indicator, status))
    return behind


def table_row(indicator: Indicator, reading, target, status, month: int) -> Row:
    """One line of 主要指标完成情况; an indicator not yet reported for ``month`` names its
    latest period; a figure that is not final says so after its growth (or its value)."""
    if reading.value is None:
        value = "—"
    else:
        value = pct(reading.value) if indicator.unit == "%" else amount(reading.value, indicator.unit)
    growth = pct(reading.growth)
    if reading.growth is not None:
        growth = marked(growth, reading.status)
    elif reading.value is not None:
        value = marked(value, reading.status)
    goal = ""
    if target and target.basis == "growth":
        goal = f"{'>' if target.strict else '≥'}{plain(target.base_value)}%"
    late = "" if reading.month == month else f"（{reading.period}）"
    return Row(
        indicator.name + late,
        indicator.unit,
        value,
        growth,
        goal,
        status.label if status else "",
        status.color if status else "",
    )


def problems(year: int, behind: list[tuple], day: datetime.date) -> list[str]:
    """The year's goals in red on ``day``, then the indicators behind target that no goal
    covers."""
    goals = Goal.objects.filter(year=year, is_active=True).select_related("department", "leader")
    states = [evaluate(goal, day) for goal in goals]
    found = [f"{s.goal.title}：{s.text}" for s in states if s.color == "red"]
    in_goals = {s.goal.params.get("indicator") for s in states}
    return found + [
        f"{indicator.name}：{status.text}" for indicator, status in behind if indicator.code not in in_goals
    ]


def sentence(indicator: Indicator, reading, status) -> str:
    """``2024年全年，地区生产总值预计增长11.1%`` — the figure's status with the number."""
    params = {
        "period": reading.period,
        "name": indicator.name,
        "growth": growth_words(reading.growth, reading.status),
    }
    if reading.growth is not None and reading.value is not None and indicator.unit != "%":
        params["value"] = amount(reading.value, indicator.unit)
        text = _("%(period)s, %(name)s reached %(value)s, %(growth)s") % params
    elif reading.growth is not None:
        text = _("%(period)s, %(name)s: %(growth)s") % params
    else:
        value = pct(reading.value) if indicator.unit == "%" else amount(reading.value, indicator.unit)
        params["value"] = marked(value, reading.status)
        text = _("%(period)s, %(name)s was %(value)s") % params
        if reading.growth_remark:  # no rate on a zero or negative base: the words instead
            text += _(", %(remark)s year on year") % {"remark": reading.growth_remark}
    if reading.growth is not None and reading.growth_label:  # summed from firms: say on what basis
        text += _(", growth %(basis)s") % {"basis": reading.growth_label}
    if status is not None and status.gap is not None and status.color != "grey":
        direction = _("above") if status.gap >= 0 else _("below")
        text += _(", %(direction)s the year's target by %(gap)s points") % {
            "direction": direction,
            "gap": abs(status.gap).quantize(Decimal("0.1")),
        }
    return text + "。"


# --- charts -------------------------------------------------------------------------------


def _pyplot():
    os.environ.setdefault("MPLCONFIGDIR", str(settings.VAR_DIR / "matplotlib"))
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib import pyplot

    pyplot.rcParams["font.sans-serif"] = [
        "Noto Sans CJK SC",
        "Noto Sans CJK JP",
        "WenQuanYi Micro Hei",
        "DejaVu Sans",
    ]
    pyplot.rcParams["axes.unicode_minus"] = False
    return pyplot


def _png(figure) -> bytes:
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=150, bbox_inches="tight")
    figure.clf()
    return buffer.getvalue()


def charts(year: int, month: int, indicators, data: ZoneData, targets) -> list[tuple[str, bytes]]:
    """Growth against target for each targeted indicator, cumulative levels this year vs
    last, and the parks: at least four charts when the data are there."""
    plt = _pyplot()
    out = [growth_chart(plt, target, year, data) for target in targets]
    out += [level_chart(plt, i, year, data) for i in [i for i in indicators if i.sums_enterprises][:2]]
    out.append(parks_chart(plt, year, month, indicators))
    return [chart for chart in out if chart]


def _series(data: ZoneData, indicator, year: int, attribute: str) -> list[float | None]:
    return [_f(getattr(data.reading(indicator, year, m), attribute)) for m in MONTHS]


def _finish(plt, figure, axes, title: str, caption: str) -> tuple[str, bytes]:
    axes.set_title(title)
    axes.set_xticks(MONTHS, [f"{m}月" for m in MONTHS])
    result = (caption, _png(figure))
    plt.close(figure)
    return result


def growth_chart(plt, target, year: int, data: ZoneData) -> tuple[str, bytes] | None:
    """Cumulative growth by month, this year against last, with the target line."""
    indicator = target.indicator
    this = _series(data, indicator, year, "growth")
    if not any(v is not None for v in this):
        return None
    figure, axes = plt.subplots(figsize=(7, 3.2))
    _line(axes, MONTHS, this, f"{year}年", "#d63939")
    _line(axes, MONTHS, _series(data, indicator, year - 1, "growth"), f"{year - 1}年", "#f59f00", dashed=True)
    if target.basis == "growth":
        label = f"目标 {plain(target.base_value)}%"
        axes.axhline(float(target.base_value), color="#f76707", linestyle="--", linewidth=1, label=label)
    axes.legend(loc="best", fontsize=8)
    axes.grid(alpha=0.3)
    return _finish(plt, figure, axes, f"{indicator.name}累计增速（%）", f"{indicator.name}累计增速")


def level_chart(plt, indicator, year: int, data: ZoneData) -> tuple[str, bytes] | None:
    """Cumulative level by month as paired bars, this year against last."""
    this = _series(data, indicator, year, "value")
    if not any(v is not None for v in this):
        return None
    last = _series(data, indicator, year - 1, "value")
    figure, axes = plt.subplots(figsize=(7, 3.2))
    width = 0.4
    left, right = [m - width / 2 for m in MONTHS], [m + width / 2 for m in MONTHS]
    axes.bar(left, [v or 0 for v in this], width, label=f"{year}年", color="#206bc4")
    axes.bar(right, [v or 0 for v in last], width, label=f"{year - 1}年", color="#a5c3e8")
    axes.legend(fontsize=8)
    axes.grid(alpha=0.3, axis="y")
    return _finish(plt, figure, axes, f"{indicator.name}累计（{indicator.unit}）", f"{indicator.name}累计")


def parks_chart(plt, year, month, indicators):
    indicator = next((i for i in indicators if i.sums_enterprises), None)
    if indicator is None:
        return None
    rows = list(
        Aggregate.objects.filter(
            indicator=indicator, year=year, month=month, scope=Scope.PARK
        ).select_related("park")
    )
    if not rows:
        return None
    figure, axes = plt.subplots(figsize=(7, 3.2))
    rows.sort(key=lambda a: a.value, reverse=True)
    axes.barh([a.park.name for a in rows], [float(a.value) for a in rows], color="#2fb344")
    axes.invert_yaxis()
    axes.set_title(f"{period_label(year, month)}分园区{indicator.name}（{indicator.unit}）")
    axes.grid(alpha=0.3, axis="x")
    result = (f"分园区{indicator.name}", _png(figure))
    plt.close(figure)
    return result


def _f(value):
    return None if value is None else float(value)


def _line(axes, months, values, label, color, dashed=False):
    points = [(m, v) for m, v in zip(months, values, strict=True) if v is not None]
    if points:
        axes.plot(
            [m for m, _v in points],
            [v for _m, v in points],
            marker="o",
            markersize=3,
            color=color,
            linestyle="--" if dashed else "-",
            label=label,
        )


# --- documents ----------------------------------------------------------------------------


def cn_date(day: datetime.date) -> str:
    """2025年9月30日, as a government document writes a date."""
    return f"{day.year}年{day.month}月{day.day}日"


def docx_bytes(brief: Brief) -> bytes:
    from gaoxin.core import documents as doc

    document = doc.government_document(brief.title)
    doc.centred(document, f"{brief.zone}管委会  {cn_date(brief.as_of)}", size=14)
    doc.centred(document, brief.as_of_note, size=12)
    doc.heading(document, "一、总体情况")
    doc.body(document, "".join(brief.summary) or "（本期暂无数据。）")
    doc.heading(document, "二、主要指标完成情况")
    doc.table(
        document,
        ["指标", f"1–{brief.month}月累计", "同比增速", "年度目标", "状态"],
        [[row.name, row.value, row.growth, row.target, row.status] for row in brief.rows],
        [5.6, 3.6, 2.2, 2.2, 2.0],
    )
    for caption, png in brief.charts:
        doc.figure(document, png, caption)
    doc.heading(document, "三、存在问题")
    for problem in brief.problems:
        doc.body(document, problem)
    doc.body(document, "（请在此补充存在的主要问题。）")
    doc.heading(document, "四、下步工作建议")
    doc.body(document, "（请在此填写下步工作建议。）")
    return doc.document_bytes(document)


def pdf_bytes(brief: Brief) -> bytes:
    from weasyprint import HTML

    charts = [(caption, base64.b64encode(png).decode()) for caption, png in brief.charts]
    html = render_to_string(
        "reports/brief.html",
        {"brief": brief, "charts": charts, "date": cn_date(brief.as_of)},
    )
    return HTML(string=html).write_pdf()
