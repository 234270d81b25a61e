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
problem closed since then counts as done/closed; investment is read by reporting period:
1–N月 is the last period of the project investment calendar due on the meeting date, later
months are ignored, ``services.reported_period``), the same reading ``recompute_lights(as_of=…)``
makes. Every section names the period judged (2025年1–8月; 1月 alone; none before the first is due).
Projects in stage 终止 are left out (they are no longer scheduled); the summary says how many.

Everything is loaded in bulk — about fifteen queries whatever the number of projects. The
.docx is laid out by ``core.documents`` (whose tables copy one XML row, fast at thousands of
rows), the .xlsx written by ``core.xlsx``. The document text is Chinese (a government
document, like the monthly brief); the reasons are the rules' own sentences, in Chinese.
"""

from __future__ import annotations

import datetime
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import F
from django.db.models.functions import Coalesce
from django.utils import translation

from gaoxin.core import documents as doc
from gaoxin.core.xlsx import Sheet, workbook_bytes

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


chinese_date = doc.chinese_date


chinese_number = doc.chinese_number


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
    period: str = ""  # the investment period judged: 2025年1–8月, 2025年1月, or that none is due yet
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
    projects = _project_rows()
    pack.terminated = sum(1 for r in projects.values() if r[3] == Stage.TERMINATED)
    projects = {pk: r for pk, r in projects.items() if r[3] != Stage.TERMINATED}
    period = services.reported_period(day)  # the investment period due on the meeting date
    facts = services.load_facts(None, day, period)
    lights = _lights(projects, facts, day)
    _summarise(pack, projects, lights)
    pack.progress = services.list_progress(
        Project.objects.exclude(stage=Stage.TERMINATED), as_of=day, months=period.months
    )
    pack.period = pack.progress.label
    pack.flagged = _flagged(projects, lights)
    pack.overdue = _overdue(day)
    pack.investment = _investment(projects, facts, period.months)
    pack.next_until = services.add_months(day, 1)
    pack.next_nodes = _next_nodes(day, pack.next_until)
    return pack


def _project_rows() -> dict[int, tuple]:
    """pk → (pk, code, name, stage, total investment, leader, lead department), by code."""
    rows = Project.objects.values_list(
        "pk", "code", "name", "stage", "total_investment", "leader__name", "lead_department__name"
    ).order_by("code")
    return {row[0]: row for row in rows}


def _lights(projects: dict, facts: dict, day: datetime.date) -> dict[int, tuple[str, list]]:
    """Each project's light and findings for the meeting date, evaluated, not saved."""
    active = {code: r for code, r in services.rules().items() if r.is_active}
    return {pk: services.evaluate(facts[pk], active, day) for pk in projects if pk in facts}


def _summarise(pack: Pack, projects: dict, lights: dict) -> None:
    """一、总体情况: counts and total investment by stage and by light."""
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


def _flagged(projects: dict, lights: dict) -> list[FlaggedProject]:
    """二、红黄灯项目: red first, then yellow, each by code, with the red and yellow reasons."""
    flagged = []
    for pk, r in projects.items():
        light, findings = lights[pk]
        if light in (Light.RED, Light.YELLOW):
            reasons = [f.text for f in findings if f.light in (Light.RED, Light.YELLOW)]
            flagged.append(
                FlaggedProject(r[1], r[2], light, STAGE_NAMES[r[3]], r[5] or "", r[6] or "", reasons)
            )
    flagged.sort(key=lambda p: (-LIGHT_RANK[p.light], p.code))
    return flagged


def _overdue(day: datetime.date) -> list[tuple[str, list[OverdueProblem]]]:
    """三、逾期问题 by department (the department's order), then deadline."""
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
    return [(dept, items) for (_o, dept), items in groups.items()]


def _investment(projects: dict, facts: dict, months: int) -> list[ProgressRow]:
    """四、投资进度: every project with a plan this year, the furthest behind first (none
    before the year's first period is due)."""
    progress = []
    if not months:
        return progress
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
    progress.sort(key=_behind_first)
    return progress


def _behind_first(p: ProgressRow) -> tuple:
    return (
        p.share_of_expected is None,
        p.share_of_expected if p.share_of_expected is not None else 0,
        p.share_of_plan if p.share_of_plan is not None else 0,
        p.code,
    )


def _next_nodes(day: datetime.date, until: datetime.date) -> list[NextNode]:
    """五、下月节点: open nodes due after the meeting and within a month of it."""
    nodes = (
        Milestone.objects.filter(actual_date__isnull=True)
        .exclude(project__stage=Stage.TERMINATED)
        .annotate(due=Coalesce(F("baseline_date"), F("planned_date")))
        .filter(due__gt=day, due__lte=until)
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
    return [
        NextNode(code, name, node, due, dept or "", leader or "")
        for code, name, node, due, dept, leader in nodes.iterator(chunk_size=5000)
    ]


def summary_text(pack: Pack) -> list[str]:
    """The paragraphs of 一、总体情况; the list's totals in 亿元."""
    yi = doc.yi
    stages = "、".join(f"{name}{n}个" for name, n, _m in pack.by_stage if n)
    lights = "、".join(f"{name}{n}个" for name, n, _m in pack.by_light)
    first = (
        f"截至{chinese_date(pack.meeting_date)}，纳入调度的重点项目共{pack.project_count}个，"
        f"总投资{yi(pack.total_investment)}亿元。按阶段分：{stages or '无'}。按亮灯分：{lights}。"
    )
    if pack.terminated:
        first += f"另有已终止项目{pack.terminated}个，不再纳入调度。"
    p = pack.progress
    if p is None or not p.plan:
        second = f"{p.year if p else pack.meeting_date.year}年尚未下达年度计划投资。"
    elif not p.months:
        second = f"{p.year}年计划投资{yi(p.plan)}亿元；{pack.period}，投资进度暂不评价。"
    else:
        second = (
            f"{p.year}年计划投资{yi(p.plan)}亿元；{pack.period}累计完成{yi(p.completed)}亿元，"
            f"完成年度计划的{percent(p.share_of_plan)}；序时进度（{p.months}/12）{yi(p.expected)}亿元，"
            f"完成序时进度的{percent(p.share_of_expected)}。"
        )
    third = (
        f"红灯项目{sum(1 for f in pack.flagged if f.light == Light.RED)}个、"
        f"黄灯项目{sum(1 for f in pack.flagged if f.light == Light.YELLOW)}个；"
        f"逾期未答复问题{pack.overdue_count}个，涉及{len(pack.overdue)}个责任单位；"
        f"下月（{chinese_date(pack.next_until)}前）到期节点{len(pack.next_nodes)}个。"
    )
    return [first, second, third]


# --- .docx --------------------------------------------------------------------------------------


def pack_docx(meeting_date: datetime.date) -> bytes:
    return docx_bytes(build(meeting_date))


def pack_pdf(meeting_date: datetime.date) -> bytes:
    """The .docx rendered by LibreOffice (``core.documents.ConversionUnavailable`` without it)."""
    return doc.docx_to_pdf(pack_docx(meeting_date))


def docx_bytes(pack: Pack) -> bytes:
    """The pack as a government document on A4 landscape (its tables are wide), one
    function per section."""
    document = doc.government_document(pack.title, landscape=True)
    for section in (_docx_summary, _docx_flagged, _docx_overdue, _docx_investment, _docx_next_nodes):
        section(document, pack)
    return doc.document_bytes(document)


def _docx_summary(document, pack: Pack) -> None:
    """The paragraphs, then one table by stage and by light (totals in 亿元)."""
    yi = doc.yi
    doc.heading(document, "一、总体情况")
    for text in summary_text(pack):
        doc.body(document, text)
    headers = ["项目数（个）", "总投资（亿元）"]
    total = [["合计", str(pack.project_count), yi(pack.total_investment)]]
    by_stage = [[name, str(n), yi(money)] for name, n, money in pack.by_stage]
    doc.table(document, ["阶段", *headers], by_stage + total, [6.0, 4.0, 6.0])
    by_light = [[name, str(n), yi(money)] for name, n, money in pack.by_light]
    doc.table(document, ["亮灯", *headers], by_light, [6.0, 4.0, 6.0])


def _docx_flagged(document, pack: Pack) -> None:
    doc.heading(document, "二、红黄灯项目")
    if not pack.flagged:
        doc.body(document, "无红灯、黄灯项目。")
        return
    rows = [
        [str(i), p.name, LIGHT_NAMES[p.light], p.leader, p.department, reasons_text(p.reasons)]
        for i, p in enumerate(pack.flagged, start=1)
    ]
    headers = ["序号", "项目名称", "亮灯", "包保领导", "牵头单位", "亮灯原因"]
    doc.table(document, headers, rows)


def reasons_text(reasons: list[str]) -> str:
    """The rules' sentences as one: 节点…未完成；1个问题逾期未答复。 with dates as in prose."""
    joined = "；".join(reason.rstrip("。") for reason in reasons)
    return doc.chinese_dates_in(joined + "。") if joined else ""


def _docx_overdue(document, pack: Pack) -> None:
    doc.heading(document, "三、逾期问题")
    if not pack.overdue:
        doc.body(document, "无逾期未答复问题。")
        return
    headers = ["序号", "项目名称", "问题描述", "办理期限", "逾期天数"]
    for index, (department, items) in enumerate(pack.overdue, start=1):
        doc.subheading(document, f"（{chinese_number(index)}）{department}（{len(items)}个）")
        rows = [
            [str(i), p.project, p.description, p.deadline.isoformat(), str(p.days)]
            for i, p in enumerate(items, start=1)
        ]
        doc.table(document, headers, rows)


def _docx_investment(document, pack: Pack) -> None:
    doc.heading(document, "四、投资进度")
    if pack.progress is not None and not pack.progress.months:
        doc.body(document, f"{pack.period}，投资进度暂不评价。")
        return
    if not pack.investment:
        doc.body(document, "本年度尚无项目下达计划投资。")
        return
    done = f"{pack.period}完成（万元）"
    headers = ["序号", "项目名称", "年度计划（万元）", done, "序时进度（万元）", "完成序时", "完成年度计划"]
    rows = [_investment_cells(i, p) for i, p in enumerate(pack.investment, start=1)]
    doc.table(document, headers, rows)


def _investment_cells(number: int, p: ProgressRow) -> list[str]:
    wan = services.wan
    return [
        str(number),
        p.name,
        wan(p.plan),
        wan(p.completed),
        wan(p.expected),
        percent(p.share_of_expected),
        percent(p.share_of_plan),
    ]


def _docx_next_nodes(document, pack: Pack) -> None:
    doc.heading(document, "五、下月节点")
    if not pack.next_nodes:
        doc.body(document, f"{chinese_date(pack.next_until)}前无到期节点。")
        return
    rows = [
        [str(i), n.project, n.node, n.due.isoformat(), n.department]
        for i, n in enumerate(pack.next_nodes, start=1)
    ]
    headers = ["序号", "项目名称", "节点", "计划完成日期", "责任单位"]
    doc.table(document, headers, rows)


# --- .xlsx --------------------------------------------------------------------------------------


AMOUNT = "#,##0.00"
PCT = '0.0"%"'
DAYS = "0"


def pack_xlsx(meeting_date: datetime.date) -> bytes:
    return xlsx_bytes(build(meeting_date))


def xlsx_bytes(pack: Pack) -> bytes:
    """The same content as the .docx, one sheet per section, through ``core.xlsx`` (native
    numbers and dates, formula-like texts defused)."""
    return workbook_bytes(
        [
            _xlsx_summary(pack),
            _xlsx_flagged(pack),
            _xlsx_overdue(pack),
            _xlsx_investment(pack),
            _xlsx_nodes(pack),
        ]
    )


def _xlsx_summary(pack: Pack) -> Sheet:
    whole = Decimal(pack.project_count)
    rows = [["全部", "合计", pack.project_count, pack.total_investment, None]]
    rows += [["阶段", name, n, money, share(Decimal(n), whole)] for name, n, money in pack.by_stage]
    rows += [["亮灯", name, n, money, share(Decimal(n), whole)] for name, n, money in pack.by_light]
    p = pack.progress
    if p is not None:
        rows += [
            ["投资", f"{p.year}年计划投资", None, p.plan, None],
            ["投资", f"{pack.period}累计完成", None, p.completed, p.share_of_plan],
            ["投资", f"序时进度（{p.months}/12）", None, p.expected, p.share_of_expected],
        ]
    if pack.terminated:
        rows.append(["终止", "已终止（不纳入调度）", pack.terminated, None, None])
    headers = ["分类", "项目", "项目数（个）", "金额（万元）", "比例（%）"]
    return Sheet("总体情况", headers, rows, [10, 24, 14, 18, 12], [None, None, DAYS, AMOUNT, PCT])


def _xlsx_flagged(pack: Pack) -> Sheet:
    rows = (
        [i, f.code, f.name, LIGHT_NAMES[f.light], f.stage, f.leader, f.department, "\n".join(f.reasons)]
        for i, f in enumerate(pack.flagged, start=1)
    )
    headers = ["序号", "项目编号", "项目名称", "亮灯", "阶段", "包保领导", "牵头单位", "亮灯原因"]
    return Sheet("红黄灯项目", headers, rows, [6, 14, 30, 8, 10, 12, 16, 80], [DAYS] + [None] * 7)


def _xlsx_overdue(pack: Pack) -> Sheet:
    rows = (
        [o.department, o.code, o.project, o.category, o.description, o.deadline, o.days]
        for _d, items in pack.overdue
        for o in items
    )
    headers = ["责任单位", "项目编号", "项目名称", "问题类别", "问题描述", "办理期限", "逾期天数"]
    return Sheet("逾期问题", headers, rows, [16, 14, 30, 10, 50, 12, 10], [None] * 6 + [DAYS])


def _xlsx_investment(pack: Pack) -> Sheet:
    rows = (
        [r.code, r.name, r.plan, r.completed, r.expected, r.share_of_expected, r.share_of_plan]
        for r in pack.investment
    )
    done = f"{pack.period}完成（万元）"
    headers = [
        "项目编号",
        "项目名称",
        "年度计划（万元）",
        done,
        "序时进度（万元）",
        "完成序时（%）",
        "完成年度计划（%）",
    ]
    formats = [None, None, AMOUNT, AMOUNT, AMOUNT, PCT, PCT]
    return Sheet("投资进度", headers, rows, [14, 30, 16, 16, 16, 14, 16], formats)


def _xlsx_nodes(pack: Pack) -> Sheet:
    rows = ([n.code, n.project, n.node, n.due, n.department, n.leader] for n in pack.next_nodes)
    headers = ["项目编号", "项目名称", "节点", "计划完成日期", "责任单位", "包保领导"]
    return Sheet("下月节点", headers, rows, [14, 30, 14, 14, 16, 12])
