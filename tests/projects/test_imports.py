"""Importing the project ledger and completed investment: the export imports back without
a change, every bad row gets 第N行 · 列名 · 原因 in Chinese, and a refused file changes nothing."""

import datetime
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation

from gaoxin.core.imports import get_spec
from gaoxin.core.models import Job, ObjectChange
from gaoxin.core.testing import read_xlsx, xlsx_bytes
from gaoxin.indicators.models import DataSet, Submission
from gaoxin.projects.models import Investment, Project, ProjectList
from tests.contract import ImportRoundTrip

D = datetime.date

HEADER = [
    "项目编号",
    "项目名称",
    "园区",
    "主导产业",
    "业主单位",
    "建设性质",
    "项目阶段",
    "所属清单",
    "总投资（万元）",
    "用地面积（亩）",
    "计划开工日期",
    "计划竣工日期",
    "纳统日期",
    "包保领导",
    "牵头单位",
    "调度频次",
    "建设内容",
]


def row(**changes) -> list:
    values = {
        "项目编号": "XM-101",
        "项目名称": "城东新材料产业园",
        "园区": "城东园区",
        "主导产业": "新能源新材料",
        "业主单位": "甲企业有限公司",
        "建设性质": "新建",
        "项目阶段": "在建",
        "所属清单": "sizhong-2025、省重点",
        "总投资（万元）": "1,200",
        "用地面积（亩）": 40,
        "计划开工日期": D(2025, 3, 1),
        "计划竣工日期": D(2026, 12, 31),
        "纳统日期": "",
        "包保领导": "王强",
        "牵头单位": "经发局",
        "调度频次": "月度",
        "建设内容": "年产5万吨新材料",
    }
    values.update(changes)
    return [values[h] for h in HEADER]


@pytest.fixture
def lists(db):
    return (
        ProjectList.objects.create(code="sizhong-2025", name="2025年四重项目", year=2025),
        ProjectList.objects.create(code="provincial", name="省重点"),
    )


@pytest.fixture
def clerk(client, world, pw, lists):
    client.force_login(world.clerk)
    return client


def upload(client, kind: str, content: bytes, name: str = "项目.xlsx") -> Job:
    response = client.post(
        reverse("imports:import"), {"kind": kind, "file": SimpleUploadedFile(name, content)}
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    return Job.objects.get(pk=response["Location"].rstrip("/").split("/")[-1])


def commit(client, job: Job) -> Job:
    client.post(reverse("imports:commit", args=[job.pk]))
    job.refresh_from_db()
    return job


def label(kind: str, key: str) -> str:
    """A column's label as the error list names it (Chinese once translated)."""
    with translation.override("zh-hans"):
        spec = get_spec(kind)(None)
        return next(str(c.label) for c in spec.columns if c.key == key)


def tr(msgid: str, **params) -> str:
    """One of this module's messages in Chinese (the catalogue may be compiled later)."""
    with translation.override("zh-hans"):
        return translation.gettext(msgid) % params if params else translation.gettext(msgid)


def errors_of(job: Job) -> list[tuple[int, str, str]]:
    return [(e["row"], e["column"], e["message"]) for e in job.result["errors"]]


def state():
    return (
        list(Project.objects.order_by("pk").values()),
        list(Project.lists.through.objects.order_by("pk").values()),
        list(Investment.objects.order_by("pk").values()),
        ObjectChange.objects.count(),
    )


# --- the ledger ---------------------------------------------------------------------------------


def test_new_project_with_lookups_lists_and_money_text(clerk, world, pw):
    job = upload(clerk, "projects", xlsx_bytes(HEADER, [row()]))
    assert errors_of(job) == []
    assert job.result["summary"]["new"] == 1
    assert commit(clerk, job).result["committed"] is True
    project = Project.objects.get(code="XM-101")
    assert (project.park, project.lead_industry, project.enterprise, project.owner_name) == (
        world.park,
        world.lead,
        world.firm_a,
        "",
    )
    assert (project.nature, project.stage, project.frequency) == ("new", "construction", "monthly")
    assert (project.total_investment, project.land_area_mu, project.intensity) == (
        Decimal("1200"),
        Decimal("40"),
        Decimal("30.00"),
    )
    assert (project.leader, project.lead_department) == (pw.leader, pw.economy)
    assert sorted(project.lists.values_list("code", flat=True)) == ["provincial", "sizhong-2025"]
    created = ObjectChange.objects.for_object(project).get()
    assert (created.action, created.source, created.user_name) == ("create", "import", "clerk")
    assert created.postchange_data["lists"] == ["2025年四重项目", "省重点"]


def test_owner_by_credit_code_or_kept_as_text(clerk, world):
    rows = [
        row(项目编号="XM-102", 业主单位=world.firm_b.uscc.lower()),
        row(项目编号="XM-103", 业主单位="丙未注册公司"),
    ]
    job = commit(clerk, upload(clerk, "projects", xlsx_bytes(HEADER, rows)))
    assert job.result["committed"] is True, job.result["errors"]
    b = Project.objects.get(code="XM-102")
    c = Project.objects.get(code="XM-103")
    assert (b.enterprise, b.owner_name) == (world.firm_b, "")
    assert (c.enterprise, c.owner_name, c.owner) == (None, "丙未注册公司", "丙未注册公司")


def test_export_then_import_changes_nothing(clerk, world, pw, lists):
    pw.project.lists.set(lists)
    Project.objects.create(
        code="XM-103", name="未注册业主项目", owner_name="丙未注册公司", total_investment=1
    )
    exported = clerk.get(reverse("imports:export", args=["projects"]))
    assert exported.status_code == 200
    sheet = read_xlsx(exported.content)
    assert sheet[1][:2] == ["XM-001", "甲企业新材料项目"]
    before = state()
    job = upload(clerk, "projects", exported.content, "roundtrip.xlsx")
    assert job.result["errors"] == []
    assert job.result["summary"] == {"new": 0, "changed": 0, "unchanged": 3, "error_rows": 0, "errors": 0}
    assert commit(clerk, job).result["committed"] is True
    assert state() == before


class TestProjectImportContract(ImportRoundTrip):
    """The generic contract's round trip, on the ledger and on completed investment (the
    pages' and the API's half of the contract is tests/projects/test_contract.py)."""

    @pytest.fixture(autouse=True, params=["projects", "project_investments"])
    def _kind(self, request, pw, lists):
        self.pw, self.lists = pw, lists
        self.import_kind = request.param
        self.model = Project if request.param == "projects" else Investment

    def make(self, world, enterprise):
        project = self.pw.project if enterprise == world.firm_a else self.pw.project_b
        project.lists.set(self.lists)
        if self.model is Investment:
            return Investment.objects.create(project=project, year=2025, month=9, cumulative=Decimal("10"))
        return project


def test_changing_a_project_and_its_lists(clerk, pw, lists):
    header = ["项目编号", "项目名称", "总投资", "所属清单"]
    content = xlsx_bytes(header, [["XM-001", "甲企业新材料项目", 15000, "省重点"]])
    job = commit(clerk, upload(clerk, "projects", content))
    assert job.result["summary"]["changed"] == 1
    pw.project.refresh_from_db()
    assert pw.project.total_investment == Decimal("15000")
    assert list(pw.project.lists.values_list("code", flat=True)) == ["provincial"]
    change = ObjectChange.objects.for_object(pw.project).get(action="update")
    assert change.postchange_data["lists"] == ["省重点"]


NOT_FOUND = "%(what)s “%(value)s” does not exist; allowed: %(allowed)s."


@pytest.mark.parametrize(
    ("changes", "key", "message"),
    [
        (
            {"计划竣工日期": D(2025, 2, 28)},
            "planned_completion",
            lambda: tr(
                "The planned completion %(end)s is before the planned start %(start)s.",
                end="2025-02-28",
                start="2025-03-01",
            ),
        ),
        ({"园区": "城西园区"}, "park", lambda: "园区“城西园区”不存在；可选：城东园区、城北园区。"),
        (
            {"牵头单位": "财政局"},
            "lead_department",
            lambda: tr(NOT_FOUND, what=tr("Department"), value="财政局", allowed="经济发展局、招商局"),
        ),
        (
            {"项目阶段": "开工"},
            "stage",
            lambda: "“开工”不在可选值中：谋划、储备、签约、在建、竣工投产、达产、停缓建、终止。",
        ),
        ({"总投资（万元）": "一千二"}, "total_investment", lambda: "应为数字，实际为“一千二”。"),
        (
            {"所属清单": "五大工程"},
            "lists",
            lambda: tr(NOT_FOUND, what=tr("List"), value="五大工程", allowed="provincial、sizhong-2025"),
        ),
        (
            {"包保领导": "李四"},
            "leader",
            lambda: tr(NOT_FOUND, what=tr("Leader"), value="李四", allowed="王强"),
        ),
        (
            {"牵头单位": "招商局"},
            "lead_department",
            lambda: tr("You may only add projects your department leads."),
        ),
    ],
)
def test_each_bad_row_has_a_precise_error_and_nothing_is_stored(clerk, changes, key, message):
    before = state()
    content = xlsx_bytes(HEADER, [row(项目编号="XM-100"), row(**changes)])
    job = upload(clerk, "projects", content)
    assert errors_of(job) == [(3, label("projects", key), message())]
    assert commit(clerk, job).result["committed"] is False
    assert state() == before


def test_another_departments_project_cannot_be_changed_by_import(clerk, pw):
    before = state()
    content = xlsx_bytes(["项目编号", "项目名称", "总投资"], [["XM-002", "乙企业扩建项目", 9999]])
    job = upload(clerk, "projects", content)
    message = tr("Only the lead department (%(department)s) may change this project.", department="招商局")
    assert errors_of(job) == [(2, label("projects", "code"), message)]
    assert commit(clerk, job).result["committed"] is False
    assert state() == before


# --- completed investment -----------------------------------------------------------------------

INV_HEADER = ["项目编号", "年度", "月份", "累计完成投资（万元）", "备注"]


def test_investment_rows_by_code_or_name(clerk, world, pw):
    content = xlsx_bytes(
        INV_HEADER,
        [["XM-001", 2025, 8, "3,000", ""], ["甲企业新材料项目", 2025, 9, 3500, ""]],
    )
    job = commit(clerk, upload(clerk, "project_investments", content))
    assert job.result["committed"] is True, job.result["errors"]
    assert list(Investment.objects.order_by("month").values_list("month", "cumulative", "entered_by")) == [
        (8, Decimal("3000"), world.clerk.pk),
        (9, Decimal("3500"), world.clerk.pk),
    ]
    assert Investment.objects.filter(submission__month=9).count() == 1


def test_investment_round_trip_changes_nothing(clerk, pw):
    Investment.objects.create(project=pw.project, year=2025, month=8, cumulative=Decimal("3000"))
    Investment.objects.create(project=pw.project, year=2025, month=9, cumulative=Decimal("3500.5"))
    exported = clerk.get(reverse("imports:export", args=["project_investments"]))
    before = state()
    job = upload(clerk, "project_investments", exported.content, "roundtrip.xlsx")
    assert job.result["errors"] == []
    assert job.result["summary"] == {"new": 0, "changed": 0, "unchanged": 2, "error_rows": 0, "errors": 0}
    assert state() == before


@pytest.fixture
def stored_august(pw):
    return Investment.objects.create(project=pw.project, year=2025, month=8, cumulative=Decimal("3000"))


@pytest.mark.parametrize(
    ("line", "key", "message"),
    [
        (
            ["XM-001", 2025, 9, 2999, ""],
            "cumulative",
            lambda: "累计完成投资不能下降：1–8月为3,000万元，本次为2,999万元。",
        ),
        (
            ["XM-001", 2025, 9, 12000.01, ""],
            "note",
            lambda: "累计完成投资（12,000.01万元）超过总投资12,000万元，请在备注中说明原因。",
        ),
        (
            ["XM-999", 2025, 9, 1, ""],
            "project",
            lambda: tr("No project with code or name “%(value)s”.", value="XM-999"),
        ),
        (["XM-001", 2025, 13, 1, ""], "month", lambda: "不能大于12，实际为13。"),
    ],
)
def test_bad_investment_rows_refuse_the_whole_file(clerk, stored_august, line, key, message):
    before = state()
    content = xlsx_bytes(INV_HEADER, [["XM-001", 2025, 7, 1000, ""], line])
    job = upload(clerk, "project_investments", content)
    assert errors_of(job) == [(3, label("project_investments", key), message())]
    assert commit(clerk, job).result["committed"] is False
    assert state() == before


def test_investment_falling_inside_the_file(clerk, pw):
    content = xlsx_bytes(INV_HEADER, [["XM-001", 2025, 8, 3000, ""], ["XM-001", 2025, 9, 2000, ""]])
    job = upload(clerk, "project_investments", content)
    assert errors_of(job) == [
        (
            3,
            label("project_investments", "cumulative"),
            "累计完成投资不能下降：1–8月为3,000万元，本次为2,000万元。",
        )
    ]
    assert Investment.objects.count() == 0


def test_locked_month_refuses_the_file(clerk, pw):
    Submission.objects.create(
        data_set=DataSet.objects.get(code="project_investment"),
        year=2025,
        month=9,
        scope_key="zone",
        status=Submission.Status.APPROVED,
    )
    before = state()
    job = upload(clerk, "project_investments", xlsx_bytes(INV_HEADER, [["XM-001", 2025, 9, 100, ""]]))
    assert errors_of(job) == [
        (
            2,
            label("project_investments", "month"),
            "2025年9月项目投资数据已审核锁定，须由管理员重新打开后才能修改。",
        )
    ]
    assert state() == before


def test_another_department_cannot_import_investment(client, pw, world):
    client.force_login(pw.clerk_b)
    job = upload(client, "project_investments", xlsx_bytes(INV_HEADER, [["XM-001", 2025, 9, 100, ""]]))
    message = "只有牵头单位或业主企业可以填报该项目的投资。"
    assert errors_of(job) == [(2, label("project_investments", "project"), message)]
    assert Investment.objects.count() == 0


def test_review_the_import_does_not_change_a_stage(client, pw, world):
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.urls import reverse

    from gaoxin.core.testing import xlsx_bytes
    from gaoxin.projects.models import StageChange

    content = xlsx_bytes(
        ["项目编号", "项目名称", "总投资", "项目阶段"], [["XM-001", "甲企业新材料项目", 12000, "终止"]]
    )
    client.force_login(world.clerk)
    response = client.post(
        reverse("imports:import"), {"kind": "projects", "file": SimpleUploadedFile("x.xlsx", content)}
    )
    job = client.get(response["Location"]).context["job"]
    assert job.result["errors"], job.result
    assert "阶段" in str(job.result["errors"][0])
    pw.project.refresh_from_db()
    assert pw.project.stage == "construction"
    assert not StageChange.objects.exists()
