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
import re
from dataclasses import dataclass, field
from decimal import Decimal

from django.conf import settings
from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from gaoxin.core.documents import chinese_date as cn_date
from gaoxin.core.documents import chinese_dates_in, chinese_number
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
    next_steps: list[str] = field(default_factory=list)

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
    goals = Goal.objects.filter(year=year, is_active=True).select_related("department", "leader")
    states = [evaluate(goal, day) for goal in goals]
    behind = _indicator_rows(brief, indicators, data, targets, states)
    brief.problems, brief.next_steps = problems(states, behind, day)
    brief.charts = charts(year, month, indicators, data, list(targets.values()))
    return brief


def _indicator_rows(brief: Brief, indicators, data: ZoneData, targets: dict, states: list) -> list[tuple]:
    """A table row and a clause of the summary per indicator with data this year; returns
    the indicators behind their target (red) with their status."""
    behind, targeted, others = [], [], []
    by_indicator = {s.goal.params.get("indicator"): s for s in states if s.goal.params.get("indicator")}
    for indicator in indicators:
        latest = data.latest_month(indicator, brief.year, brief.month)
        if latest is None:
            continue
        reading = data.reading(indicator, brief.year, latest)
        target = targets.get(indicator.pk)
        status = target_status(target, reading, data) if target else None
        brief.rows.append(table_row(indicator, reading, target, status, brief.month, by_indicator))
        (targeted if target else others).append((indicator, reading, status))
        if status is not None and status.color == "red":
            behind.append((indicator, status))
    brief.summary = summary_paragraphs(brief, targeted, others)
    return behind


def table_row(indicator: Indicator, reading, target, status, month: int, goals: dict | None = None) -> Row:
    """One line of 主要指标完成情况; an indicator not yet reported for ``month`` names its
    latest period; a figure that is not final says so after its growth (or its value). The
    target is the indicator's, else the goal's that reads it, else none (—)."""
    if reading.value is None:
        value = "—"
    else:
        value = pct(reading.value) if indicator.unit == "%" else grouped_amount(reading.value, indicator.unit)
    growth = pct(reading.growth)
    if reading.growth is not None:
        growth = marked(growth, reading.status)
    elif reading.value is not None:
        value = marked(value, reading.status)
    goal, label, color = target_cells(indicator, target, status, (goals or {}).get(indicator.code))
    late = "" if reading.month == month else f"（{reading.period}）"
    return Row(indicator.name + late, indicator.unit, value, growth, goal, label, color)


def target_cells(indicator, target, status, state) -> tuple[str, str, str]:
    """(年度目标, 状态, colour) of a table row: from the indicator's target, else from the
    annual goal that reads the indicator, else dashes."""
    if target is not None:
        sign = ">" if target.strict else "≥"
        unit = "%" if target.basis == "growth" else indicator.unit
        shown = f"{plain(target.base_value)}%" if unit == "%" else grouped_amount(target.base_value, unit)
        return f"{sign}{shown}", status.label if status else "—", status.color if status else ""
    if state is not None:
        sign = ">" if state.goal.strict else "≥"
        unit = state.goal.unit
        shown = f"{plain(state.goal.target)}%" if unit == "%" else f"{plain(state.goal.target)}{unit}"
        return f"{sign}{shown}", state.status_label, state.color
    return "—", "—", ""


def grouped_amount(value: Decimal, unit: str) -> str:
    """``amount`` (万元 from 1 亿 in 亿元) with thousands separators: 174,721.00万千瓦时."""
    text = amount(value, unit)
    number = text.rstrip("亿元" if text.endswith("亿元") else unit)
    try:
        return f"{Decimal(number):,}{text[len(number) :]}"
    except ArithmeticError:
        return text


# --- the prose ------------------------------------------------------------------------------

CONNECTORS = ("此外，", "另外，")
CLAUSES_PER_SENTENCE = 3


def summary_paragraphs(brief: Brief, targeted: list, others: list) -> list[str]:
    """一、总体情况 as a person writes it: the period said once, at the head of the first
    paragraph (the targeted indicators), the second (the others) opening with 同期; three
    clauses to a sentence joined by semicolons, later sentences opening with a connector; a
    figure of another period (上半年 GDP) names its own."""
    paragraphs = []
    for index, group in enumerate((targeted, others)):
        current = [item for item in group if item[1].period == brief.period]
        clauses = [clause(brief, *item) for item in current]
        text = (
            _paragraph(f"{brief.period}，" if not paragraphs else "同期，", clauses, index) if clauses else ""
        )
        for item in group:  # a figure of another period (上半年 GDP): a sentence of its own
            if item[1].period != brief.period:
                text += f"{item[1].period}，{clause(brief, *item)}。"
        if text:
            paragraphs.append(text)
    return paragraphs


def _paragraph(opening: str, clauses: list[str], offset: int) -> str:
    sentences = []
    for start in range(0, len(clauses), CLAUSES_PER_SENTENCE):
        part = clauses[start : start + CLAUSES_PER_SENTENCE]
        first = part[0]
        if sentences:
            first = CONNECTORS[(len(sentences) + offset) % len(CONNECTORS)] + first
        rest = [_without_yoy(c) for c in part[1:]]
        sentences.append("；".join([first, *rest]) + "。")
    text = "".join(sentences)
    return opening + text


def _without_yoy(text: str) -> str:
    """A later clause of a sentence drops 同比 (said once is enough)."""
    return text.replace("同比增长", "增长", 1).replace("同比下降", "下降", 1)


def clause(brief: Brief, indicator: Indicator, reading, status) -> str:
    """``规模以上工业增加值同比增长12.3%，低于年度目标2.7个百分点`` — one indicator, without
    its period (the paragraph says it)."""
    name = indicator.name
    growth = growth_words(reading.growth, reading.status)
    if reading.growth is not None and reading.value is not None and indicator.unit != "%":
        verb = "完成" if indicator.unit == "万元" else "达到"
        text = f"{name}{verb}{grouped_amount(reading.value, indicator.unit)}，{growth}"
    elif reading.growth is not None:
        text = f"{name}{growth}"
    else:
        value = pct(reading.value) if indicator.unit == "%" else grouped_amount(reading.value, indicator.unit)
        text = f"{name}为{marked(value, reading.status)}"
        if reading.growth_remark:  # no rate on a zero or negative base: the words instead
            text += f"，同比{reading.growth_remark}"
    if reading.growth is not None and reading.growth_label:  # summed from firms: say on what basis
        text += basis_words(reading.growth_label)
    if status is not None and status.gap is not None and status.color != "grey":
        direction = "高于" if status.gap >= 0 else "低于"
        text += f"，{direction}年度目标{abs(status.gap).quantize(Decimal('0.1'))}个百分点"
    return text


def basis_words(label: str) -> str:
    """``同口径（两年均有数据的99家企业）计算`` → ``（按两年均有数据的99家企业同口径计算）``."""
    same = re.fullmatch(r"同口径（(.+)）计算", label)
    return f"（按{same[1]}同口径计算）" if same else f"（增速{label}）"


def problems(states: list, behind: list[tuple], day: datetime.date) -> tuple[list[str], list[str]]:
    """三、存在问题 and 四、下步工作建议: the year's goals in red on ``day``, then the
    indicators behind target that no goal covers, numbered, dates as in prose; the next
    steps name each responsible department and what it is behind on. Nothing behind: one
    sentence that says so, and no next steps."""
    red = [s for s in states if s.color == "red"]
    in_goals = {s.goal.params.get("indicator") for s in states}
    items = [(s.goal.title, s.text, s.goal.department) for s in red]
    items += [(i.name, status.text, None) for i, status in behind if i.code not in in_goals]
    if not items:
        return [f"截至{cn_date(day)}，各项年度目标和主要指标均按序时推进，暂无滞后事项。"], []
    found = [f"截至{cn_date(day)}，对照年度目标和序时进度，有{len(items)}项滞后："]
    found += [
        f"（{chinese_number(n)}）{title}：{as_of_said(text, day)}。"
        for n, (title, text, _d) in enumerate(items, start=1)
    ]
    return found, next_steps(items)


def as_of_said(text: str, day: datetime.date) -> str:
    """An item's words without the day the list's lead sentence names (截至2025-09-30为208家 →
    现为208家), other dates as in prose."""
    date = cn_date(day)
    text = chinese_dates_in(text).rstrip("。")
    return text.replace(f"截至{date}为", "现为").replace(f"{date}为", "现为")


def next_steps(items: list[tuple]) -> list[str]:
    """One paragraph per responsible department (the goal's owner) with its items."""
    by_department: dict[str, list[str]] = {}
    for title, _text, department in items:
        by_department.setdefault(department.name if department else "", []).append(title)
    steps = []
    for department, titles in by_department.items():
        who = department or "各有关单位"
        subject = "、".join(titles)
        steps.append(f"{who}牵头推进{subject}，逐项明确措施、责任人和完成时限，按月跟踪调度。")
    return steps


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


def in_yi(values: list[float | None], unit: str) -> tuple[list[float | None], str]:
    """万元 values as 亿元 for an axis (a 1e6 offset above an axis of 万元 reads as nothing)."""
    if unit != "万元":
        return values, unit
    return [None if v is None else v / 10000 for v in values], "亿元"


def _plain_axis(axis) -> None:
    """Thousands separated tick labels, never an offset or a power of ten."""
    from matplotlib.ticker import FuncFormatter

    axis.set_major_formatter(FuncFormatter(lambda v, _pos: f"{v:,.0f}" if abs(v) >= 100 else f"{v:,.1f}"))


def level_chart(plt, indicator, year: int, data: ZoneData) -> tuple[str, bytes] | None:
    """Cumulative level by month as paired bars, this year against last (万元 in 亿元)."""
    this, unit = in_yi(_series(data, indicator, year, "value"), indicator.unit)
    if not any(v is not None for v in this):
        return None
    last, _unit = in_yi(_series(data, indicator, year - 1, "value"), indicator.unit)
    figure, axes = plt.subplots(figsize=(7, 3.2))
    width = 0.4
    left, right = [m - width / 2 for m in MONTHS], [m + width / 2 for m in MONTHS]
    axes.bar(left, [v or 0 for v in this], width, label=f"{year}年", color="#206bc4")
    axes.bar(right, [v or 0 for v in last], width, label=f"{year - 1}年", color="#a5c3e8")
    axes.legend(fontsize=8)
    axes.grid(alpha=0.3, axis="y")
    _plain_axis(axes.yaxis)
    return _finish(plt, figure, axes, f"{indicator.name}累计（{unit}）", f"{indicator.name}累计")


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
    values, unit = in_yi([float(a.value) for a in rows], indicator.unit)
    axes.barh([a.park.name for a in rows], values, color="#2fb344")
    axes.invert_yaxis()
    axes.set_title(f"{period_label(year, month)}分园区{indicator.name}（{unit}）")
    axes.grid(alpha=0.3, axis="x")
    _plain_axis(axes.xaxis)
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


def docx_bytes(brief: Brief) -> bytes:
    """The brief as a government document: every section holds sentences from the data (a
    section with nothing to say says so, or — 四 — is left out), never a placeholder."""
    from gaoxin.core import documents as doc

    document = doc.government_document(brief.title)
    doc.centred(document, f"{brief.zone}管委会  {cn_date(brief.as_of)}", size=14)
    doc.centred(document, brief.as_of_note, size=12)
    doc.heading(document, "一、总体情况")
    for paragraph in brief.summary or ["本期暂无统计数据。"]:
        doc.body(document, paragraph)
    doc.heading(document, "二、主要指标完成情况")
    if brief.rows:
        doc.table(
            document,
            ["指标", f"1–{brief.month}月累计", "同比增速", "年度目标", "状态"],
            [[row.name, row.value, row.growth, row.target, row.status] for row in brief.rows],
        )
    else:
        doc.body(document, "本期暂无统计数据。")
    for caption, png in brief.charts:
        doc.figure(document, png, caption)
    doc.heading(document, "三、存在问题")
    for problem in brief.problems:
        doc.body(document, problem, keep_with_next=problem.endswith("："))
    if brief.next_steps:
        doc.heading(document, "四、下步工作建议")
        for step in brief.next_steps:
            doc.body(document, step)
    return doc.document_bytes(document)


def pdf_bytes(brief: Brief) -> bytes:
    from weasyprint import HTML

    charts = [(caption, base64.b64encode(png).decode()) for caption, png in brief.charts]
    html = render_to_string(
        "reports/brief.html",
        {"brief": brief, "charts": charts, "date": cn_date(brief.as_of)},
    )
    return HTML(string=html).write_pdf()
