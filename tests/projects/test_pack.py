"""The scheduling pack (调度会材料): both files opened and read back, exact counts and amounts.

The meeting is on 30 June 2025. Investment is judged on the last period due (project_investment
is due on the 5th of the next month): 1–5月, due 5 June; 1–6月 is due on 5 July. 序时 = plan × 5/12:

XM-001 在建 12,000 万元, 王强 / 经济发展局: plan 2,400, 1–5月 400 of 序时 1,000 (40.0%) → red
       (1–6月 500, not yet due, ignored); a node due 10 May still open; a problem of 经济发展局
       one day past its deadline.
XM-002 签约 5,000 万元, 招商局: plan 1,200, 1–5月 500 = 序时 → green by investment, but a
       problem of 招商局 20 days overdue → yellow.
XM-003 谋划 3,000 万元: not rated; a node due 15 July.
"Next month" = after 30 June up to 30 July (``services.add_months``).
XM-004 终止 8,000 万元: left out of the pack (its overdue problem and next node too).
"""

import datetime
import io
from decimal import Decimal

import pytest
from django.utils import translation
from docx import Document
from openpyxl import load_workbook

from gaoxin.projects import pack as pack_module
from gaoxin.projects import services
from gaoxin.projects.models import (
    Investment,
    InvestmentPlan,
    LightChange,
    LightRule,
    Milestone,
    Problem,
    ProblemCategory,
    Project,
    Stage,
)
from gaoxin.projects.pack import pack_docx, pack_xlsx

MEETING = datetime.date(2025, 6, 30)
D = datetime.date


def node(project, code, name, planned=None, baseline=None, actual=None, sequence=100):
    return Milestone.objects.create(
        project=project,
        code=code,
        name=name,
        sequence=sequence,
        planned_date=planned,
        baseline_date=baseline,
        actual_date=actual,
    )


def problem(project, department, deadline, text, status=Problem.Status.ASSIGNED):
    return Problem.objects.create(
        project=project,
        category=ProblemCategory.objects.get(code="land"),
        description=text,
        raised_on=deadline - datetime.timedelta(days=30),
        department=department,
        deadline=deadline,
        status=status,
    )


@pytest.fixture
def meeting(pw):
    a, b = pw.project, pw.project_b
    InvestmentPlan.objects.create(project=a, year=2025, amount=Decimal("2400"))
    InvestmentPlan.objects.create(project=a, year=2024, amount=Decimal("9999"))  # another year: ignored
    Investment.objects.create(project=a, year=2025, month=4, cumulative=Decimal("300"))
    Investment.objects.create(project=a, year=2025, month=5, cumulative=Decimal("400"))
    Investment.objects.create(project=a, year=2025, month=6, cumulative=Decimal("500"))  # due 5 July
    Investment.objects.create(project=a, year=2025, month=7, cumulative=Decimal("2000"))  # after the meeting
    InvestmentPlan.objects.create(project=b, year=2025, amount=Decimal("1200"))
    Investment.objects.create(project=b, year=2025, month=5, cumulative=Decimal("500"))
    c = Project.objects.create(
        code="XM-003", name="丙数字产业园", stage=Stage.PLANNING, total_investment=Decimal("3000")
    )
    d = Project.objects.create(
        code="XM-004",
        name="丁已终止项目",
        stage=Stage.TERMINATED,
        total_investment=Decimal("8000"),
        lead_department=pw.economy,
    )
    # nodes
    node(a, "start", "开工", planned=D(2025, 5, 10), sequence=1)  # open, late → yellow finding
    node(a, "structure", "主体完工", planned=D(2025, 8, 20), baseline=D(2025, 7, 30), sequence=2)  # due 7-30
    node(a, "equipment", "设备安装", planned=D(2025, 7, 30), sequence=3)  # = meeting + 1 month: in
    node(a, "acceptance", "竣工验收", planned=D(2025, 7, 31), sequence=4)  # one day later: out
    node(a, "register", "注册", planned=D(2025, 7, 10), actual=D(2025, 6, 1), sequence=5)  # done: out
    node(a, "sign", "签约", planned=MEETING, sequence=6)  # due on the meeting day: not "next month"
    node(c, "approval", "立项/备案", planned=D(2025, 7, 15))
    node(d, "start", "开工", planned=D(2025, 7, 5))  # terminated project: out
    # problems
    problem(a, pw.economy, D(2025, 6, 29), "施工用电线路未接入")  # 1 day overdue
    problem(b, pw.invest, D(2025, 6, 10), "土地指标尚未落实")  # 20 days overdue
    problem(b, pw.invest, D(2025, 6, 30), "环评批复待出")  # due on the day: not overdue
    problem(b, pw.invest, D(2025, 1, 10), "已销号问题", status=Problem.Status.CLOSED)
    problem(d, pw.economy, D(2025, 3, 1), "终止项目遗留问题")
    return pw


def investment_reason(day=MEETING, completed="400") -> str:
    """The investment rule's sentence for XM-001, as the rule writes it (in Chinese when the
    translation exists)."""
    rule = LightRule.objects.get(code="investment")
    facts = services.Facts(
        Stage.CONSTRUCTION,
        plan=Decimal("2400"),
        completed=Decimal(completed),
        period=services.reported_period(day),
    )
    with translation.override("zh-hans"):
        return services.rule_investment(facts, rule, day).text


def test_docx(meeting):
    document = Document(io.BytesIO(pack_docx(MEETING)))
    texts = [p.text for p in document.paragraphs]
    assert texts[0] == "重点项目调度会材料（2025年6月30日）"
    for heading in ("一、总体情况", "二、红黄灯项目", "三、逾期问题", "四、投资进度", "五、下月节点"):
        assert heading in texts
    body = "\n".join(texts)
    assert "纳入调度的重点项目共3个，总投资2.00亿元" in body
    assert "按阶段分：谋划1个、签约1个、在建1个。" in body
    assert "按亮灯分：红灯1个、黄灯1个、绿灯0个、未评价1个。" in body
    assert "另有已终止项目1个" in body
    # plan 3,600 万元; 1–5月 400 + 500 = 900 (25.0%); 序时 3,600 × 5/12 = 1,500 (60.0%); in 亿元
    assert (
        "2025年计划投资0.36亿元；2025年1–5月累计完成0.09亿元，完成年度计划的25.0%；"
        "序时进度（5/12）0.15亿元，完成序时进度的60.0%。"
    ) in body
    assert "逾期未答复问题2个，涉及2个责任单位" in body
    assert "（一）经济发展局（1个）" in body and "（二）招商局（1个）" in body

    rows = [[[c.text for c in row.cells] for row in table.rows] for table in document.tables]
    stages, lights, flagged, overdue_a, overdue_b, investment, nodes = rows
    assert stages[0] == ["阶段", "项目数（个）", "总投资（亿元）"]
    assert stages[-1] == ["合计", "3", "2.00"]
    assert ["在建", "1", "1.20"] in stages and ["终止", "1", "0.80"] not in stages
    assert lights[1:] == [
        ["红灯", "1", "1.20"],
        ["黄灯", "1", "0.50"],
        ["绿灯", "0", "0.00"],
        ["未评价", "1", "0.30"],
    ]

    assert [r[:5] for r in flagged[1:]] == [
        ["1", "甲企业新材料项目", "红灯", "王强", "经济发展局"],
        ["2", "乙企业扩建项目", "黄灯", "", "招商局"],
    ]
    assert (
        flagged[1][5]
        == (  # the rules' sentences joined, dates as in prose
            investment_reason().rstrip("。") + "；节点「开工」应于2025年5月10日完成，至今未完成（逾期51天）；"
            "1个问题逾期未答复，最久已逾期1天（时限2025年6月29日）。"
        )
    )
    assert investment_reason() == (
        "2025年1–5月累计完成投资400万元，序时计划1,000万元（年度计划2,400万元×5/12），完成序时进度的40.0%。"
    )

    assert overdue_a[1] == ["1", "甲企业新材料项目", "施工用电线路未接入", "2025-06-29", "1"]
    assert overdue_b[1:] == [["1", "乙企业扩建项目", "土地指标尚未落实", "2025-06-10", "20"]]

    assert investment[0][3] == "2025年1–5月完成（万元）"
    assert investment[1:] == [
        ["1", "甲企业新材料项目", "2,400", "400", "1,000", "40.0%", "16.7%"],
        ["2", "乙企业扩建项目", "1,200", "500", "500", "100.0%", "41.7%"],
    ]
    assert nodes[1:] == [
        ["1", "丙数字产业园", "立项/备案", "2025-07-15", ""],
        ["2", "甲企业新材料项目", "主体完工", "2025-07-30", "经济发展局"],
        ["3", "甲企业新材料项目", "设备安装", "2025-07-30", "经济发展局"],
    ]


def test_xlsx(meeting):
    workbook = load_workbook(io.BytesIO(pack_xlsx(MEETING)))
    assert workbook.sheetnames == ["总体情况", "红黄灯项目", "逾期问题", "投资进度", "下月节点"]
    for sheet in workbook.worksheets:
        assert sheet.freeze_panes == "A2"
        assert sheet.column_dimensions["B"].width > 10

    summary = {(r[0], r[1]): r[2:] for r in workbook["总体情况"].iter_rows(min_row=2, values_only=True)}
    assert summary[("全部", "合计")] == (3, 20000, None)
    assert summary[("阶段", "在建")] == (1, 12000, pytest.approx(33.3))
    assert summary[("亮灯", "红灯")][:2] == (1, 12000)
    assert summary[("亮灯", "未评价")][:2] == (1, 3000)
    assert summary[("投资", "2025年计划投资")][1] == 3600
    assert summary[("投资", "2025年1–5月累计完成")][1:] == (900, pytest.approx(25.0))
    assert summary[("投资", "序时进度（5/12）")][1:] == (1500, pytest.approx(60.0))
    assert summary[("终止", "已终止（不纳入调度）")][0] == 1

    flagged = list(workbook["红黄灯项目"].iter_rows(min_row=2, values_only=True))
    assert [r[:7] for r in flagged] == [
        (1, "XM-001", "甲企业新材料项目", "红灯", "在建", "王强", "经济发展局"),
        (2, "XM-002", "乙企业扩建项目", "黄灯", "签约", None, "招商局"),
    ]
    assert investment_reason() in flagged[0][7].split("\n")

    overdue = list(workbook["逾期问题"].iter_rows(min_row=2, values_only=True))
    assert overdue == [
        (
            "经济发展局",
            "XM-001",
            "甲企业新材料项目",
            "土地",
            "施工用电线路未接入",
            datetime.datetime(2025, 6, 29),
            1,
        ),
        (
            "招商局",
            "XM-002",
            "乙企业扩建项目",
            "土地",
            "土地指标尚未落实",
            datetime.datetime(2025, 6, 10),
            20,
        ),
    ]

    sheet = workbook["投资进度"]
    rows = list(sheet.iter_rows(min_row=2, values_only=True))
    assert rows == [
        ("XM-001", "甲企业新材料项目", 2400, 400, 1000, 40, pytest.approx(16.7)),
        ("XM-002", "乙企业扩建项目", 1200, 500, 500, 100, pytest.approx(41.7)),
    ]
    assert sheet["C2"].number_format == "#,##0.00"
    assert sheet["F2"].number_format == '0.0"%"'

    nodes = list(workbook["下月节点"].iter_rows(min_row=2, values_only=True))
    assert [(r[0], r[2], r[3].date()) for r in nodes] == [
        ("XM-003", "立项/备案", D(2025, 7, 15)),
        ("XM-001", "主体完工", D(2025, 7, 30)),
        ("XM-001", "设备安装", D(2025, 7, 30)),
    ]
    assert workbook["下月节点"]["D2"].number_format == "yyyy-mm-dd"


def test_pack_does_not_change_the_lights(meeting):
    services.recompute_lights(as_of=D(2025, 9, 30))
    before = list(Project.objects.order_by("pk").values_list("light", "light_reasons", "light_since"))
    history = LightChange.objects.count()
    pack_docx(MEETING)
    pack_xlsx(D(2025, 1, 15))
    assert list(Project.objects.order_by("pk").values_list("light", "light_reasons", "light_since")) == before
    assert LightChange.objects.count() == history


def test_formula_like_text_is_defused(meeting):
    problem(meeting.project, meeting.economy, D(2025, 6, 1), '=HYPERLINK("http://x")')
    sheet = load_workbook(io.BytesIO(pack_xlsx(MEETING)))["逾期问题"]
    cell = sheet["E2"]
    assert cell.value == '=HYPERLINK("http://x")' and cell.data_type == "s"


def test_empty_ledger(world):
    document = Document(io.BytesIO(pack_docx(D(2025, 1, 15))))
    body = "\n".join(p.text for p in document.paragraphs)
    assert "纳入调度的重点项目共0个" in body
    assert "无红灯、黄灯项目。" in body and "无逾期未答复问题。" in body
    assert load_workbook(io.BytesIO(pack_xlsx(D(2025, 1, 15))))["投资进度"].max_row == 1


def test_query_count_does_not_grow(meeting, django_assert_max_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    pack_module.build(MEETING)  # the light rules exist from here on
    with CaptureQueriesContext(connection) as small:
        pack_module.build(MEETING)
    for i in range(20):
        p = Project.objects.create(
            code=f"XM-1{i:02d}",
            name=f"批量项目{i}",
            stage=Stage.CONSTRUCTION,
            total_investment=Decimal("1000"),
            lead_department=meeting.invest,
            leader=meeting.leader,
        )
        InvestmentPlan.objects.create(project=p, year=2025, amount=Decimal("120"))
        Investment.objects.create(project=p, year=2025, month=6, cumulative=Decimal("10"))
        node(p, "start", "开工", planned=D(2025, 7, 1))
        problem(p, meeting.economy, D(2025, 6, 1), "批量问题")
    with django_assert_max_num_queries(len(small)):
        built = pack_module.build(MEETING)
    assert built.project_count == 23 and len(built.next_nodes) == 23


def pack_text(day) -> str:
    return "\n".join(p.text for p in Document(io.BytesIO(pack_docx(day))).paragraphs)


def test_the_pack_on_the_due_day_judges_the_new_period_and_one_day_before_not(meeting):
    # 5 July: 1–6月 falls due today → XM-001 500 of 序时 2,400 × 6/12 = 1,200 (41.7%)
    on_the_day = pack_module.build(D(2025, 7, 5))
    assert (on_the_day.period, on_the_day.progress.months) == ("2025年1–6月", 6)
    assert [(r.code, r.completed, r.expected) for r in on_the_day.investment] == [
        ("XM-001", Decimal("500"), Decimal("1200")),
        ("XM-002", Decimal("500"), Decimal("600")),
    ]
    assert investment_reason(D(2025, 7, 5), "500") in on_the_day.flagged[0].reasons
    assert "2025年1–6月累计完成0.10亿元" in pack_text(D(2025, 7, 5))
    # 4 July: still 1–5月
    before = pack_module.build(D(2025, 7, 4))
    assert (before.period, before.progress.months, before.progress.completed) == (
        "2025年1–5月",
        5,
        Decimal("900"),
    )


def test_the_pack_in_january_rates_no_investment(meeting):
    # 15 January 2026: 2025年1–12月 was due on 5 January, but no period of 2026 is due before
    # 5 February; the 2025 plan is not carried into 2026
    InvestmentPlan.objects.create(project=meeting.project, year=2026, amount=Decimal("3000"))
    pack = pack_module.build(D(2026, 1, 15))
    assert (pack.period, pack.progress.months, pack.progress.plan) == (
        "2026年尚无到期的填报期",
        0,
        Decimal("3000"),
    )
    assert "2026年计划投资0.30亿元；2026年尚无到期的填报期，投资进度暂不评价。" in pack_text(D(2026, 1, 15))
    assert pack.investment == []
    assert pack_text(D(2026, 1, 15)).count("2026年尚无到期的填报期，投资进度暂不评价。") == 2  # 一 and 四
    assert not any("投资" in reason for f in pack.flagged for reason in f.reasons)
