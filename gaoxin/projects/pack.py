"""The scheduling pack (调度会材料) for a meeting date: a .docx for the meeting and an .xlsx
with the same content, one sheet per section.

一、总体情况   counts and total investment by stage and by light; the year's plan, completed
              investment and 序时进度 of the whole list (``services.list_progress``)
二、红黄灯项目 each red and yellow project with its 包保 leader, lead department and reasons
三、逾期问题   open problems past their deadline, by assigned department
四、投资进度   each project with an annual plan: plan, completed, 序时进度, shares; worst first
五、下月节点   open nodes due in the month after the meeting (责任单位 = lead department)

Lights are *evaluated* for the meeting date (``services.load_facts`` + ``services.evaluate``)
and never written: a pack for a past or future date leaves the current lights and their
history alone. The facts are today's records judged on the meeting date (a node done or a
problem closed since then counts as done/closed; investment is read by month, so months
after the meeting date are ignored), the same reading ``recompute_lights(as_of=…)`` makes.
Projects in stage 终止 are left out (they are no longer scheduled); the summary says how many.

Everything is loaded in bulk — about fifteen queries whatever the number of projects — and
the .docx tables are written row by row from a copied XML row, because python-docx's
``add_row`` on thousands of rows costs seconds. The document text is Chinese (a government
document, like the monthly brief); the reasons are the rules' own sentences, in Chinese.
"""

from __future__ import annotations

import copy
import datetime
import io
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import F
from django.db.models.functions import Coalesce
from django.utils import translation

from gaoxin.reports.brief import (
    BODY_FONT,
    HEADING_FONT,
    _body,
    _heading,
    _run,
    government_document,
)

from . import services
from .models import LIGHT_RANK, Light, Milestone, Problem, Project, Stage

STAGE_NAMES = {
    Stage.PLANNING: "谋划",
    Stage.RESERVE: "储备",
    Stage.SIGNED: "签约",
    Stage.CONSTRUCTION: "在建",
    Stage.PRODUCTION: "竣工投产",
    Stage.CAPACITY: "达产",
    Stage.SUSPENDED: "停缓建",
    Stage.TERMINATED: "终止",
}
STAGES_SHOWN = [s for s in Stage if s != Stage.TERMINATED]
LIGHT_NAMES = {Light.RED: "红灯", Light.YELLOW: "黄灯", Light.GREEN: "绿灯", Light.NONE: "未评价"}
LIGHTS_SHOWN = [Light.RED, Light.YELLOW, Light.GREEN, Light.NONE]
SHARE = Decimal("0.1")


def chinese_date(day: datetime.date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


def chinese_number(n: int) -> str:
    """1 → 一, 12 → 十二, 25 → 二十五 (sub-section numbers up to 99)."""
    digits = "零一二三四五六七八九"
    if n < 10:
        return digits[n]
    tens, ones = divmod(n, 10)
    return ("" if tens == 1 else digits[tens]) + "十" + (digits[ones] if ones else "")


def percent(value: Decimal | None) -> str:
    return "—" if value is None else f"{value}%"


def share(part: Decimal | None, whole: Decimal | None) -> Decimal | None:
    if not whole or part is None:
        return None
    return (part * 100 / whole).quantize(SHARE, ROUND_HALF_UP)


# --- the content ------------------------------------------------------------------------------


@dataclass
class FlaggedProject:
    code: str
    name: str
    light: str
    stage: str
    leader: str
    department: str
    reasons: list[str]


@dataclass
class OverdueProblem:
    department: str
    code: str
    project: str
    category: str
    description: str
    deadline: datetime.date
    days: int


@dataclass
class ProgressRow:
    code: str
    name: str
    plan: Decimal
    completed: Decimal
    expected: Decimal
    share_of_expected: Decimal | None
    share_of_plan: Decimal | None


@dataclass
class NextNode:
    code: str
    project: str
    node: str
    due: datetime.date
    department: str
    leader: str


@dataclass
class Pack:
    meeting_date: datetime.date
    project_count: int = 0
    terminated: int = 0
    total_investment: Decimal = Decimal(0)
    by_stage: list[tuple[str, int, Decimal]] = field(default_factory=list)  # (name, count, investment)
    by_light: list[tuple[str, int, Decimal]] = field(default_factory=list)
    progress: services.Progress | None = None
    flagged: list[FlaggedProject] = field(default_factory=list)
    overdue: list[tuple[str, list[OverdueProblem]]] = field(default_factory=list)
    investment: list[ProgressRow] = field(default_factory=list)
    next_nodes: list[NextNode] = field(default_factory=list)
    next_until: datetime.date | None = None

    @property
    def title(self) -> str:
        return f"重点项目调度会材料（{chinese_date(self.meeting_date)}）"

    @property
    def filename(self) -> str:
        return f"重点项目调度会材料{self.meeting_date:%Y%m%d}"

    @property
    def overdue_count(self) -> int:
        return sum(len(rows) for _d, rows in self.overdue)


def build(meeting_date: datetime.date) -> Pack:
    """Everything the pack shows for ``meeting_date``, without writing anything."""
    with translation.override("zh-hans"):
        return _build(meeting_date)


def _build(day: datetime.date) -> Pack:
    pack = Pack(day)
    projects = {
        row[0]: row
        for row in Project.objects.values_list(
            "pk", "code", "name", "stage", "total_investment", "leader__name", "lead_department__name"
        ).order_by("code")
    }
    pack.terminated = sum(1 for r in projects.values() if r[3] == Stage.TERMINATED)
    projects = {pk: r for pk, r in projects.items() if r[3] != Stage.TERMINATED}
    scheduled = Project.objects.exclude(stage=Stage.TERMINATED)

    # Lights for the meeting date, evaluated, not saved.
    active = {code: r for code, r in services.rules().items() if r.is_active}
    facts = services.load_facts(None, day)
    lights: dict[int, tuple[str, list]] = {
        pk: services.evaluate(facts[pk], active, day) for pk in projects if pk in facts
    }

    # 一、总体情况
    pack.project_count = len(projects)
    pack.total_investment = sum((r[4] for r in projects.values()), Decimal(0))
    stage_count, stage_money = Counter(), defaultdict(Decimal)
    light_count, light_money = Counter(), defaultdict(Decimal)
    for pk, r in projects.items():
        stage_count[r[3]] += 1
        stage_money[r[3]] += r[4]
        light = lights[pk][0]
        light_count[light] += 1
        light_money[light] += r[4]
    pack.by_stage = [(STAGE_NAMES[s], stage_count[s], stage_money[s]) for s in STAGES_SHOWN]
    pack.by_light = [(LIGHT_NAMES[li], light_count[li], light_money[li]) for li in LIGHTS_SHOWN]
    pack.progress = services.list_progress(scheduled, as_of=day)

    # 二、红黄灯项目: red first, then yellow, each by code.
    flagged = []
    for pk, r in projects.items():
        light, findings = lights[pk]
        if light in (Light.RED, Light.YELLOW):
            reasons = [f.text for f in findings if f.light in (Light.RED, Light.YELLOW)]
            flagged.append(
                FlaggedProject(r[1], r[2], light, STAGE_NAMES[r[3]], r[5] or "", r[6] or "", reasons)
            )
    flagged.sort(key=lambda p: (-LIGHT_RANK[p.light], p.code))
    pack.flagged = flagged

    # 三、逾期问题 by department (the department's order), then deadline.
    groups: dict[tuple, list[OverdueProblem]] = defaultdict(list)
    rows = (
        Problem.objects.overdue(day)
        .exclude(project__stage=Stage.TERMINATED)
        .values_list(
            "department__sort_order",
            "department__name",
            "project__code",
            "project__name",
            "category__name",
            "description",
            "deadline",
        )
        .order_by("department__sort_order", "department__name", "deadline", "project__code", "pk")
    )
    for order, dept, code, name, category, text, deadline in rows.iterator(chunk_size=5000):
        groups[(order, dept)].append(
            OverdueProblem(dept, code, name, category, text, deadline, (day - deadline).days)
        )
    pack.overdue = [(dept, items) for (_o, dept), items in groups.items()]

    # 四、投资进度: every project with a plan this year, the furthest behind first.
    months = services.complete_months(day)
    progress = []
    for pk, r in projects.items():
        f = facts.get(pk)
        if f is None or not f.plan:
            continue
        completed = f.completed or Decimal(0)
        expected = services.time_progress(f.plan, months)
        progress.append(
            ProgressRow(
                r[1], r[2], f.plan, completed, expected, share(completed, expected), share(completed, f.plan)
            )
        )
    progress.sort(
        key=lambda p: (
            p.share_of_expected is None,
            p.share_of_expected if p.share_of_expected is not None else 0,
            p.share_of_plan if p.share_of_plan is not None else 0,
            p.code,
        )
    )
    pack.investment = progress

    # 五、下月节点: open nodes due after the meeting and within a month of it.
    pack.next_until = services.add_months(day, 1)
    nodes = (
        Milestone.objects.filter(actual_date__isnull=True)
        .exclude(project__stage=Stage.TERMINATED)
        .annotate(due=Coalesce(F("baseline_date"), F("planned_date")))
        .filter(due__gt=day, due__lte=pack.next_until)
        .values_list(
            "project__code",
            "project__name",
            "name",
            "due",
            "project__lead_department__name",
            "project__leader__name",
        )
        .order_by("due", "project__code", "sequence", "pk")
    )
    pack.next_nodes = [
        NextNode(code, name, node, due, dept or "", leader or "")
        for code, name, node, due, dept, leader in nodes.iterator(chunk_size=5000)
    ]
    return pack


def summary_text(pack: Pack) -> list[str]:
    """The paragraphs of 一、总体情况."""
    wan = services.wan
    stages = "、".join(f"{name}{n}个" for name, n, _m in pack.by_stage if n)
    lights = "、".join(f"{name}{n}个" for name, n, _m in pack.by_light)
    first = (
        f"截至{chinese_date(pack.meeting_date)}，纳入调度的重点项目共{pack.project_count}个，"
        f"总投资{wan(pack.total_investment)}万元。按阶段分：{stages or '无'}。按亮灯分：{lights}。"
    )
    if pack.terminated:
        first += f"另有已终止项目{pack.terminated}个，不再纳入调度。"
    p = pack.progress
    if p is None or not p.plan:
        second = f"{p.year if p else pack.meeting_date.year}年尚未下达年度计划投资。"
    else:
        second = (
            f"{p.year}年计划投资{wan(p.plan)}万元，1—{p.months}月累计完成{wan(p.completed)}万元，"
            f"完成年度计划的{percent(p.share_of_plan)}；序时进度{wan(p.expected)}万元，"
            f"完成序时进度的{percent(p.share_of_expected)}。"
        )
    third = (
        f"红灯项目{sum(1 for f in pack.flagged if f.light == Light.RED)}个、"
        f"黄灯项目{sum(1 for f in pack.flagged if f.light == Light.YELLOW)}个；"
        f"逾期未销号问题{pack.overdue_count}个，涉及{len(pack.overdue)}个责任单位；"
        f"下月（{chinese_date(pack.next_until)}前）到期节点{len(pack.next_nodes)}个。"
    )
    return [first, second, third]


# --- .docx --------------------------------------------------------------------------------------


def pack_docx(meeting_date: datetime.date) -> bytes:
    return docx_bytes(build(meeting_date))


def docx_bytes(pack: Pack) -> bytes:

    wan = services.wan
    document = government_document(pack.title)

    _heading(document, "一、总体情况")
    for text in summary_text(pack):
        _body(document, text)
    fast_table(
        document,
        ["分类", "项目数（个）", "总投资（万元）"],
        [[name, str(n), wan(money)] for name, n, money in pack.by_stage]
        + [["合计", str(pack.project_count), wan(pack.total_investment)]],
        [5.0, 4.0, 6.0],
    )
    fast_table(
        document,
        ["亮灯", "项目数（个）", "总投资（万元）"],
        [[name, str(n), wan(money)] for name, n, money in pack.by_light],
        [5.0, 4.0, 6.0],
    )

    _heading(document, "二、红黄灯项目")
    if pack.flagged:
        fast_table(
            document,
            ["序号", "项目名称", "亮灯", "包保领导", "牵头单位", "亮灯原因"],
            [
                [str(i), p.name, LIGHT_NAMES[p.light], p.leader, p.department, "；".join(p.reasons)]
                for i, p in enumerate(pack.flagged, start=1)
            ],
            [1.2, 3.6, 1.4, 1.8, 2.4, 5.2],
        )
    else:
        _body(document, "无红灯、黄灯项目。")

    _heading(document, "三、逾期问题")
    if pack.overdue:
        for index, (department, items) in enumerate(pack.overdue, start=1):
            _subheading(document, f"（{chinese_number(index)}）{department}（{len(items)}个）")
            fast_table(
                document,
                ["序号", "项目名称", "问题描述", "办理期限", "逾期天数"],
                [
                    [str(i), p.project, p.description, p.deadline.isoformat(), str(p.days)]
                    for i, p in enumerate(items, start=1)
                ],
                [1.2, 3.6, 6.4, 2.2, 2.2],
            )
    else:
        _body(document, "无逾期未销号问题。")

    _heading(document, "四、投资进度")
    months = pack.progress.months if pack.progress else services.complete_months(pack.meeting_date)
    if pack.investment:
        fast_table(
            document,
            [
                "序号",
                "项目名称",
                "年度计划（万元）",
                f"1—{months}月完成（万元）",
                "序时进度（万元）",
                "完成序时",
                "完成年度计划",
            ],
            [
                [
                    str(i),
                    p.name,
                    wan(p.plan),
                    wan(p.completed),
                    wan(p.expected),
                    percent(p.share_of_expected),
                    percent(p.share_of_plan),
                ]
                for i, p in enumerate(pack.investment, start=1)
            ],
            [1.2, 3.8, 2.2, 2.2, 2.2, 1.9, 2.1],
        )
    else:
        _body(document, "本年度尚无项目下达计划投资。")

    _heading(document, "五、下月节点")
    if pack.next_nodes:
        fast_table(
            document,
            ["序号", "项目名称", "节点", "计划完成日期", "责任单位"],
            [
                [str(i), n.project, n.node, n.due.isoformat(), n.department]
                for i, n in enumerate(pack.next_nodes, start=1)
            ],
            [1.2, 5.0, 3.0, 2.6, 3.8],
        )
    else:
        _body(document, f"{chinese_date(pack.next_until)}前无到期节点。")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _subheading(document, text):
    paragraph = document.add_paragraph()
    _run(paragraph, text, BODY_FONT, 16).bold = True


def fast_table(document, headers: list[str], rows: list[list[str]], widths_cm: list[float]):
    """A bordered table: the header row through python-docx, then each body row a deep copy of
    one formatted prototype row with its texts replaced (thousands of rows in well under a
    second, where ``add_row`` would take seconds)."""
    from docx.oxml.ns import qn
    from docx.shared import Cm

    table = document.add_table(rows=1, cols=len(headers))
    table.style = "Table Grid"
    table.autofit = False
    for cell, text, width in zip(table.rows[0].cells, headers, widths_cm, strict=True):
        _run(cell.paragraphs[0], text, HEADING_FONT, 10.5)
        cell.width = Cm(width)
    prototype = table.add_row()
    for cell, width in zip(prototype.cells, widths_cm, strict=True):
        _run(cell.paragraphs[0], "x", BODY_FONT, 10.5)
        cell.width = Cm(width)
    template = prototype._tr
    tbl = table._tbl
    tbl.remove(template)
    text_tag = qn("w:t")
    for values in rows:
        tr = copy.deepcopy(template)
        for node, value in zip(tr.iter(text_tag), values, strict=True):
            node.text = value
            if value[:1].isspace() or value[-1:].isspace():
                node.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
        tbl.append(tr)
    return table


# --- .xlsx --------------------------------------------------------------------------------------


AMOUNT = "#,##0.00"
PCT = '0.0"%"'
DAYS = "0"


def pack_xlsx(meeting_date: datetime.date) -> bytes:
    return xlsx_bytes(build(meeting_date))


def xlsx_bytes(pack: Pack) -> bytes:
    from openpyxl import Workbook

    p = pack.progress
    months = p.months if p else services.complete_months(pack.meeting_date)
    workbook = Workbook(write_only=True)

    summary = [["全部", "合计", pack.project_count, pack.total_investment, None]]
    summary += [
        ["阶段", name, n, money, share(Decimal(n), Decimal(pack.project_count))]
        for name, n, money in pack.by_stage
    ]
    summary += [
        ["亮灯", name, n, money, share(Decimal(n), Decimal(pack.project_count))]
        for name, n, money in pack.by_light
    ]
    if p is not None:
        summary += [
            ["投资", f"{p.year}年计划投资", None, p.plan, None],
            ["投资", f"1—{p.months}月累计完成", None, p.completed, p.share_of_plan],
            ["投资", f"序时进度（{p.months}/12）", None, p.expected, p.share_of_expected],
        ]
    if pack.terminated:
        summary.append(["终止", "已终止（不纳入调度）", pack.terminated, None, None])
    _sheet(
        workbook,
        "总体情况",
        ["分类", "项目", "项目数（个）", "金额（万元）", "比例（%）"],
        summary,
        [10, 24, 14, 18, 12],
        [None, None, DAYS, AMOUNT, PCT],
    )
    _sheet(
        workbook,
        "红黄灯项目",
        ["序号", "项目编号", "项目名称", "亮灯", "阶段", "包保领导", "牵头单位", "亮灯原因"],
        (
            [i, f.code, f.name, LIGHT_NAMES[f.light], f.stage, f.leader, f.department, "\n".join(f.reasons)]
            for i, f in enumerate(pack.flagged, start=1)
        ),
        [6, 14, 30, 8, 10, 12, 16, 80],
        [DAYS] + [None] * 7,
    )
    _sheet(
        workbook,
        "逾期问题",
        ["责任单位", "项目编号", "项目名称", "问题类别", "问题描述", "办理期限", "逾期天数"],
        (
            [o.department, o.code, o.project, o.category, o.description, o.deadline, o.days]
            for _d, items in pack.overdue
            for o in items
        ),
        [16, 14, 30, 10, 50, 12, 10],
        [None, None, None, None, None, None, DAYS],
    )
    _sheet(
        workbook,
        "投资进度",
        [
            "项目编号",
            "项目名称",
            "年度计划（万元）",
            f"1—{months}月完成（万元）",
            "序时进度（万元）",
            "完成序时（%）",
            "完成年度计划（%）",
        ],
        (
            [r.code, r.name, r.plan, r.completed, r.expected, r.share_of_expected, r.share_of_plan]
            for r in pack.investment
        ),
        [14, 30, 16, 16, 16, 14, 16],
        [None, None, AMOUNT, AMOUNT, AMOUNT, PCT, PCT],
    )
    _sheet(
        workbook,
        "下月节点",
        ["项目编号", "项目名称", "节点", "计划完成日期", "责任单位", "包保领导"],
        ([n.code, n.project, n.node, n.due, n.department, n.leader] for n in pack.next_nodes),
        [14, 30, 14, 14, 16, 12],
        [None] * 6,
    )
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _sheet(workbook, title, headers, rows, widths, formats) -> None:
    """One write-only sheet: styled, frozen header row, widths, number formats per column.
    Plain texts and unformatted numbers go in as raw values (a styled cell per value costs
    about ten times more); formula-like texts, dates and formatted numbers through
    ``core.xlsx.cell``, which writes native types and defuses formulas."""
    from openpyxl.utils import get_column_letter

    from gaoxin.core.xlsx import DANGEROUS_START, cell, header_cells

    ws = workbook.create_sheet(title)
    for index, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(index)].width = width
    ws.freeze_panes = "A2"
    ws.append(header_cells(ws, headers))
    for values in rows:
        out = []
        for value, number_format in zip(values, formats, strict=True):
            if (
                value is None
                or (isinstance(value, str) and not value.startswith(DANGEROUS_START))
                or (isinstance(value, int) and number_format is None)
            ):
                out.append(value)
            else:
                styled = cell(ws, value)
                if number_format:
                    styled.number_format = number_format
                out.append(styled)
        ws.append(out)
