"""The monthly brief (月度经济运行简报): written text generated from the numbers, the main
indicators in a table, charts as images with Chinese labels, problems and next steps as
editable placeholders. Produced as .docx (leaders edit it afterwards) and as PDF.

Layout follows the usual government brief: title, date line, 一、总体情况, 二、主要指标完成情况
(table and charts), 三、存在问题, 四、下步工作建议. Fonts named are the ones Chinese offices
have (方正小标宋简体, 黑体, 仿宋_GB2312); elsewhere the Noto CJK faces stand in.
"""

from __future__ import annotations

import base64
import io
import os
from dataclasses import dataclass, field
from decimal import Decimal

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _

from gaoxin.goals.services import evaluate_year
from gaoxin.indicators.models import Aggregate, Indicator, Scope, Target, period_label
from gaoxin.indicators.services import ZoneData, amount, pct, plain, target_status

TITLE_FONT, HEADING_FONT, BODY_FONT = "方正小标宋简体", "黑体", "仿宋_GB2312"


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
    summary: list[str] = field(default_factory=list)
    rows: list[Row] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    charts: list[tuple[str, bytes]] = field(default_factory=list)

    @property
    def title(self) -> str:
        return _("%(zone)s economic brief, %(period)s") % {"zone": self.zone, "period": self.period}

    @property
    def filename(self) -> str:
        return f"{self.zone}{self.year}年1-{self.month}月经济运行简报"


def build(year: int, month: int) -> Brief:
    """Gather the numbers of 1–``month`` ``year`` and write the sentences."""
    from gaoxin.zone.models import Zone

    zone = Zone.objects.order_by("pk").first()
    brief = Brief(zone.short_name or zone.name if zone else "", year, month, period_label(year, month))
    indicators = list(Indicator.objects.filter(is_active=True).select_related("numerator", "denominator"))
    data = ZoneData(indicators, [year, year - 1, year - 2])
    targets = {
        t.indicator_id: t
        for t in Target.objects.filter(year=year, scope_key="zone").select_related("indicator")
    }
    behind = []
    for indicator in indicators:
        latest = data.latest_month(indicator, year, month)
        if latest is None:
            continue
        reading = data.reading(indicator, year, latest)
        target = targets.get(indicator.pk)
        status = target_status(target, reading, data) if target else None
        value = (
            amount(reading.value, indicator.unit)
            if reading.value is not None and indicator.unit != "%"
            else (pct(reading.value) if reading.value is not None else "—")
        )
        brief.rows.append(
            Row(
                indicator.name + ("" if latest == month else f"（{period_label(year, latest)}）"),
                indicator.unit,
                value,
                pct(reading.growth),
                (
                    f"{'>' if target.strict else '≥'}{plain(target.base_value)}%"
                    if target and target.basis == "growth"
                    else ""
                ),
                status.label if status else "",
                status.color if status else "",
            )
        )
        brief.summary.append(sentence(indicator, reading, status))
        if status is not None and status.color == "red":
            behind.append((indicator, status))
    _as_of, states = evaluate_year(year)
    brief.problems = [f"{s.goal.title}：{s.text}" for s in states if s.color == "red"]
    in_goals = {s.goal.params.get("indicator") for s in states}
    brief.problems += [
        f"{indicator.name}：{status.text}" for indicator, status in behind if indicator.code not in in_goals
    ]
    brief.charts = charts(year, month, indicators, data, list(targets.values()))
    return brief


def sentence(indicator: Indicator, reading, status) -> str:
    period = reading.period
    if reading.growth is not None and reading.value is not None and indicator.unit != "%":
        text = _("%(period)s, %(name)s reached %(value)s, up %(growth)s year on year") % {
            "period": period,
            "name": indicator.name,
            "value": amount(reading.value, indicator.unit),
            "growth": pct(reading.growth),
        }
    elif reading.growth is not None:
        text = _("%(period)s, %(name)s grew %(growth)s year on year") % {
            "period": period,
            "name": indicator.name,
            "growth": pct(reading.growth),
        }
    else:
        text = _("%(period)s, %(name)s was %(value)s") % {
            "period": period,
            "name": indicator.name,
            "value": pct(reading.value) if indicator.unit == "%" else amount(reading.value, indicator.unit),
        }
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
    out: list[tuple[str, bytes]] = []
    months = list(range(1, 13))
    for target in targets:
        indicator = target.indicator
        this = [_f(data.reading(indicator, year, m).growth) for m in months]
        last = [_f(data.reading(indicator, year - 1, m).growth) for m in months]
        if not any(v is not None for v in this):
            continue
        figure, axes = plt.subplots(figsize=(7, 3.2))
        _line(axes, months, this, f"{year}年", "#d63939")
        _line(axes, months, last, f"{year - 1}年", "#f59f00", dashed=True)
        if target.basis == "growth":
            axes.axhline(
                float(target.base_value),
                color="#f76707",
                linestyle="--",
                linewidth=1,
                label=f"目标 {plain(target.base_value)}%",
            )
        axes.set_title(f"{indicator.name}累计增速（%）")
        axes.set_xticks(months, [f"{m}月" for m in months])
        axes.legend(loc="best", fontsize=8)
        axes.grid(alpha=0.3)
        out.append((f"{indicator.name}累计增速", _png(figure)))
        plt.close(figure)
    for indicator in [i for i in indicators if i.sums_enterprises][:2]:
        this = [_f(data.reading(indicator, year, m).value) for m in months]
        last = [_f(data.reading(indicator, year - 1, m).value) for m in months]
        if not any(v is not None for v in this):
            continue
        figure, axes = plt.subplots(figsize=(7, 3.2))
        width = 0.4
        axes.bar(
            [m - width / 2 for m in months], [v or 0 for v in this], width, label=f"{year}年", color="#206bc4"
        )
        axes.bar(
            [m + width / 2 for m in months],
            [v or 0 for v in last],
            width,
            label=f"{year - 1}年",
            color="#a5c3e8",
        )
        axes.set_title(f"{indicator.name}累计（{indicator.unit}）")
        axes.set_xticks(months, [f"{m}月" for m in months])
        axes.legend(fontsize=8)
        axes.grid(alpha=0.3, axis="y")
        out.append((f"{indicator.name}累计", _png(figure)))
        plt.close(figure)
    park_chart = parks_chart(plt, year, month, indicators)
    if park_chart:
        out.append(park_chart)
    return out


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


def docx_bytes(brief: Brief) -> bytes:
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Cm

    document = government_document(brief.title)
    date = document.add_paragraph()
    date.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _run(date, f"{brief.zone}管委会  {timezone.localdate().strftime('%Y年%m月%d日')}", BODY_FONT, 14)
    _heading(document, "一、总体情况")
    _body(document, "".join(brief.summary) or "（本期暂无数据。）")
    _heading(document, "二、主要指标完成情况")
    table = document.add_table(rows=1, cols=5)
    table.style = "Table Grid"
    header = ["指标", f"1–{brief.month}月累计", "同比增速", "年度目标", "状态"]
    for cell, text in zip(table.rows[0].cells, header, strict=True):
        _run(cell.paragraphs[0], text, HEADING_FONT, 10.5)
    for row in brief.rows:
        cells = table.add_row().cells
        for cell, text in zip(cells, [row.name, row.value, row.growth, row.target, row.status], strict=True):
            _run(cell.paragraphs[0], text, BODY_FONT, 10.5)
    table.autofit = False
    for row in table.rows:
        for cell, width in zip(row.cells, (5.6, 3.6, 2.2, 2.2, 2.0), strict=True):
            cell.width = Cm(width)
    for caption, png in brief.charts:
        document.add_picture(io.BytesIO(png), width=Cm(15))
        document.paragraphs[-1].alignment = WD_ALIGN_PARAGRAPH.CENTER
        note = document.add_paragraph()
        note.alignment = WD_ALIGN_PARAGRAPH.CENTER
        _run(note, f"图：{caption}", BODY_FONT, 10.5)
    _heading(document, "三、存在问题")
    for problem in brief.problems:
        _body(document, problem)
    _body(document, "（请在此补充存在的主要问题。）")
    _heading(document, "四、下步工作建议")
    _body(document, "（请在此填写下步工作建议。）")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def government_document(title_text: str):
    """A new A4 document in the usual government layout (GB/T 9704 margins) with its
    centred title; the brief and the scheduling pack both start here."""
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Cm

    document = Document()
    section = document.sections[0]
    section.page_height, section.page_width = Cm(29.7), Cm(21)
    section.top_margin, section.bottom_margin, section.left_margin, section.right_margin = (
        Cm(3.7),
        Cm(3.5),
        Cm(2.8),
        Cm(2.6),
    )
    title = document.add_paragraph()
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _run(title, title_text, TITLE_FONT, 22)
    return document


def _run(paragraph, text, font, size):
    from docx.oxml.ns import qn
    from docx.shared import Pt

    run = paragraph.add_run(text)
    run.font.name = font
    run.font.size = Pt(size)
    run._element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), font)
    return run


def _heading(document, text):
    paragraph = document.add_paragraph()
    _run(paragraph, text, HEADING_FONT, 16)


def _body(document, text):
    from docx.shared import Pt

    paragraph = document.add_paragraph()
    paragraph.paragraph_format.first_line_indent = Pt(32)
    paragraph.paragraph_format.line_spacing = Pt(28)
    _run(paragraph, text, BODY_FONT, 16)


def pdf_bytes(brief: Brief) -> bytes:
    from weasyprint import HTML

    charts = [(caption, base64.b64encode(png).decode()) for caption, png in brief.charts]
    html = render_to_string(
        "reports/brief.html",
        {"brief": brief, "charts": charts, "date": timezone.localdate().strftime("%Y年%m月%d日")},
    )
    return HTML(string=html).write_pdf()
