"""Importing enterprises, qualifications and annual facts: every bad input gets a precise
Chinese message (第N行 · 列名 · 原因) and the database stays exactly as it was."""

import datetime
import io
import zipfile
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from gaoxin.core.models import Job, ObjectChange
from gaoxin.core.testing import make_uscc, xlsx_bytes
from gaoxin.enterprises.models import AnnualFacts, Enterprise, Qualification

HEADER = [
    "企业名称",
    "统一社会信用代码",
    "法定代表人",
    "成立日期",
    "注册资本（万元）",
    "园区",
    "行业代码（GB/T 4754）",
    "状态",
]


def good_row(seed: int, name: str | None = None) -> list:
    return [
        name or f"随州测试{seed}有限公司",
        make_uscc(seed + 100),
        "张三",
        datetime.date(2020, 5, 1),
        500,
        "城东园区",
        "C3841",
        "存续",
    ]


def upload(client, kind: str, content: bytes, name: str = "企业.xlsx") -> Job:
    response = client.post(
        reverse("imports:import"), {"kind": kind, "file": SimpleUploadedFile(name, content)}
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    return Job.objects.get(pk=response["Location"].rstrip("/").split("/")[-1])


def errors_of(job: Job) -> list[tuple[int, str, str]]:
    return [(e["row"], e["column"], e["message"]) for e in job.result["errors"]]


def state():
    """Everything an import could touch, to assert that a refused import changed nothing."""
    return (
        list(Enterprise.objects.order_by("pk").values()),
        list(Qualification.objects.order_by("pk").values()),
        list(AnnualFacts.objects.order_by("pk").values()),
        ObjectChange.objects.count(),
    )


@pytest.fixture
def clerk(client, world):
    client.force_login(world.clerk)
    return client


# --- happy path, idempotence, all-or-nothing --------------------------------------------------


def test_dry_run_then_commit_stores_all_rows_with_one_request_id(clerk, world):
    rows = [good_row(1), good_row(2), good_row(3)]
    job = upload(clerk, "enterprises", xlsx_bytes(HEADER, rows))
    assert job.result["summary"] == {"new": 3, "changed": 0, "unchanged": 0, "error_rows": 0, "errors": 0}
    assert Enterprise.objects.count() == 2  # the dry run stored nothing
    clerk.post(reverse("imports:commit", args=[job.pk]))
    job.refresh_from_db()
    assert job.result["committed"] is True
    stored = Enterprise.objects.get(uscc=rows[0][1])
    assert (
        stored.name,
        stored.registered_capital,
        stored.park.name,
        stored.industry_id,
        stored.region_id,
    ) == (
        "随州测试1有限公司",
        Decimal("500.0000"),
        "城东园区",
        "3841",
        "421303",
    )
    changes = ObjectChange.objects.filter(source="import")
    assert changes.count() == 3
    assert {c.request_id for c in changes} == {job.request_id}
    assert {c.user_name for c in changes} == {"clerk"}


def test_importing_the_same_file_twice_changes_nothing_the_second_time(clerk, world):
    content = xlsx_bytes(HEADER, [good_row(1), good_row(2)])
    first = upload(clerk, "enterprises", content)
    clerk.post(reverse("imports:commit", args=[first.pk]))
    before = state()
    second = upload(clerk, "enterprises", content)
    assert second.result["summary"] == {"new": 0, "changed": 0, "unchanged": 2, "error_rows": 0, "errors": 0}
    clerk.post(reverse("imports:commit", args=[second.pk]))
    assert state() == before


def test_a_changed_cell_is_an_update_with_before_and_after(clerk, world):
    row = good_row(1)
    job = upload(clerk, "enterprises", xlsx_bytes(HEADER, [row]))
    clerk.post(reverse("imports:commit", args=[job.pk]))
    row[5] = "城北园区"
    job = upload(clerk, "enterprises", xlsx_bytes(HEADER, [row]))
    assert job.result["summary"]["changed"] == 1
    assert job.result["preview"][0]["fields"] == [
        {"label": "园区", "before": "城东园区", "after": "城北园区"}
    ]
    clerk.post(reverse("imports:commit", args=[job.pk]))
    change = ObjectChange.objects.filter(source="import", action="update").get()
    assert change.prechange_data["park"]["repr"] == "城东园区"
    assert change.postchange_data["park"]["repr"] == "城北园区"


def test_blank_cells_never_erase_stored_values(clerk, world):
    row = good_row(1)
    job = upload(clerk, "enterprises", xlsx_bytes(HEADER, [row]))
    clerk.post(reverse("imports:commit", args=[job.pk]))
    row[2] = None  # legal representative left blank
    job = upload(clerk, "enterprises", xlsx_bytes(HEADER, [row]))
    assert job.result["summary"]["unchanged"] == 1
    assert Enterprise.objects.get(uscc=row[1]).legal_representative == "张三"


def test_one_bad_row_means_nothing_is_stored(clerk, world):
    rows = [good_row(1), good_row(2), good_row(3)]
    rows[1][4] = "很多"
    before = state()
    job = upload(clerk, "enterprises", xlsx_bytes(HEADER, rows))
    assert errors_of(job) == [(3, "注册资本（万元）", "应为数字，实际为“很多”。")]
    assert job.result["valid"] is False
    response = clerk.post(reverse("imports:commit", args=[job.pk]))
    assert response.status_code == 302
    assert state() == before


# --- credit codes -----------------------------------------------------------------------------


def test_wrong_check_character_is_a_row_error(clerk, world):
    row = good_row(1)
    row[1] = row[1][:17] + ("0" if row[1][17] != "0" else "1")
    job = upload(clerk, "enterprises", xlsx_bytes(HEADER, [good_row(2), row]))
    [(number, column, message)] = errors_of(job)
    assert (number, column) == (3, "统一社会信用代码")
    assert message.startswith("校验位错误")


def test_lowercase_and_full_width_codes_are_normalised(clerk, world):
    code = make_uscc(7)
    full_width = "".join(chr(ord(c) + 0xFEE0) for c in code.lower())
    rows = [good_row(1), good_row(2)]
    rows[0][1], rows[1][1] = code.lower(), full_width
    job = upload(clerk, "enterprises", xlsx_bytes(HEADER, rows))
    assert errors_of(job) == [(3, "统一社会信用代码", "与第2行的统一社会信用代码重复。")]


def test_normalised_code_is_stored_upper_case(clerk, world):
    code = make_uscc(8)
    row = good_row(1)
    row[1] = code.lower()
    job = upload(clerk, "enterprises", xlsx_bytes(HEADER, [row]))
    clerk.post(reverse("imports:commit", args=[job.pk]))
    assert Enterprise.objects.filter(uscc=code).exists()


def test_duplicate_code_within_the_file_names_the_first_row(clerk, world):
    rows = [good_row(1), good_row(2), good_row(1, name="另一个名字有限公司")]
    job = upload(clerk, "enterprises", xlsx_bytes(HEADER, rows))
    assert errors_of(job) == [(4, "统一社会信用代码", "与第2行的统一社会信用代码重复。")]


def test_code_stored_as_a_number_by_excel_is_refused(clerk, world):
    row = good_row(1)
    row[1] = 911101086000373410  # all-digit code typed into a number cell
    job = upload(clerk, "enterprises", xlsx_bytes(HEADER, [row]))
    [(number, column, message)] = errors_of(job)
    assert (number, column) == (2, "统一社会信用代码")
    assert "数字" in message


def test_pilot_region_code_only_warns_and_is_stored(clerk, world):
    from gaoxin.core import uscc

    first17 = "91350200M000ABC1" + "2"
    wrong = "0" if uscc.check_character(first17) != "0" else "1"
    row = good_row(1)
    row[1] = first17 + wrong
    job = upload(clerk, "enterprises", xlsx_bytes(HEADER, [row]))
    assert job.result["errors"] == []
    assert [w["column"] for w in job.result["warnings"]] == ["统一社会信用代码"]
    clerk.post(reverse("imports:commit", args=[job.pk]))
    assert Enterprise.objects.filter(uscc=row[1]).exists()


# --- cells ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("column", "value", "message"),
    [
        (4, -1, "不能为负数，实际为-1。"),
        (4, "五百万", "应为数字，实际为“五百万”。"),
        (4, "1.23456", "最多4位小数，实际为1.23456。"),
        (3, datetime.date(2099, 1, 1), "日期2099-01-01晚于今天。"),
        (3, "去年", "应为日期（如 2024-12-31），实际为“去年”。"),
        (6, "C9999", "行业代码“C9999”不在 GB/T 4754-2017 中。"),
        (6, "C38", "“C38”是大类，请填写其下的4位小类代码。"),
        (5, "火星园区", "园区“火星园区”不存在；可选：城东园区、城北园区。"),
        (7, "倒闭", "“倒闭”不在可选值中：存续、迁出、注销。"),
        (0, "=cmd|' /C calc'!A0", "单元格是公式，请只粘贴数值。"),  # openpyxl stores it as a real formula
    ],
)
def test_bad_cell_gets_row_column_and_reason(clerk, world, column, value, message):
    row = good_row(1)
    row[column] = value
    before = state()
    job = upload(clerk, "enterprises", xlsx_bytes(HEADER, [good_row(2), row]))
    assert errors_of(job) == [(3, HEADER[column], message)]
    assert state() == before


@pytest.mark.parametrize("text", ["=cmd|' /C calc'!A0", "@SUM(1+1)*cmd|' /C calc'!A0", "+cmd|'/c calc'!A1"])
def test_formula_text_in_csv_is_refused(clerk, world, text):
    lines = [",".join(HEADER[:2]), f'"{text}",{make_uscc(5)}']
    job = upload(clerk, "enterprises", "\n".join(lines).encode("utf-8"), name="企业.csv")
    assert errors_of(job) == [
        (
            2,
            "企业名称",
            f"疑似表格公式（{text[:30]}…），已拒绝。"
            if len(text) > 30
            else f"疑似表格公式（{text}），已拒绝。",
        )
    ]


def test_required_cell_left_empty(clerk, world):
    row = good_row(1)
    row[0] = None
    job = upload(clerk, "enterprises", xlsx_bytes(HEADER, [row]))
    assert errors_of(job) == [(2, "企业名称", "此列为必填项。")]


def test_real_formula_cell_in_xlsx_is_refused(clerk, world):
    import openpyxl

    workbook = openpyxl.Workbook()
    ws = workbook.active
    ws.append(HEADER)
    ws.append(good_row(1))
    ws["A2"] = '=HYPERLINK("http://x","点我")'
    buffer = io.BytesIO()
    workbook.save(buffer)
    job = upload(clerk, "enterprises", buffer.getvalue())
    assert errors_of(job) == [(2, "企业名称", "单元格是公式，请只粘贴数值。")]


# --- columns and files ------------------------------------------------------------------------


def test_missing_and_renamed_columns_are_named(clerk, world):
    header = ["公司名字", "法定代表人"]
    job = upload(clerk, "enterprises", xlsx_bytes(header, [["某公司", "张三"]]))
    assert job.result["file_error"] == (
        "缺少必填列：企业名称、统一社会信用代码。 无法识别的列：公司名字（是否改过列名？请下载模板查看标准列名）。"
    )


def test_not_a_zip_named_xlsx(clerk, world):
    job = upload(clerk, "enterprises", b"this is not a workbook at all" * 10)
    assert job.result["file_error"] == "文件扩展名为 .xlsx，但内容不是 Excel 工作簿（不是 zip 文件）。"


def test_zip_bomb_disguised_as_xlsx_is_refused(clerk, world, settings):
    settings.XLSX_MAX_UNPACKED_MB = 5
    settings.XLSX_MAX_UNPACKED_BYTES = 5 * 1024 * 1024
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/workbook.xml", "<workbook/>")
        with archive.open("xl/worksheets/sheet1.xml", "w") as member:
            chunk = b"\0" * (1 << 20)
            for _ in range(50):
                member.write(chunk)
    assert len(buffer.getvalue()) < 200_000
    before = state()
    job = upload(clerk, "enterprises", buffer.getvalue())
    assert job.result["file_error"] == "工作簿解压后超过5 MB，疑似压缩炸弹，已拒绝。"
    assert state() == before


def test_upload_over_the_limit_is_refused_before_reading(clerk, world):
    before = state()
    response = clerk.generic(
        "POST",
        reverse("imports:import"),
        b"x" * 10,
        content_type="multipart/form-data; boundary=xyz",
        CONTENT_LENGTH=str(200 * 1024 * 1024),
    )
    assert response.status_code == 413
    assert "200.0 MB" in response.content.decode()
    assert state() == before


def test_real_upload_over_a_small_limit_is_refused(clerk, world, settings):
    settings.MAX_UPLOAD_BYTES = 1024 * 1024
    content = xlsx_bytes(HEADER, [good_row(1)]) + b"\0" * (2 * 1024 * 1024)
    response = clerk.post(
        reverse("imports:import"), {"kind": "enterprises", "file": SimpleUploadedFile("big.xlsx", content)}
    )
    assert response.status_code == 413
    assert Job.objects.count() == 0


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gb18030"])
def test_csv_in_utf8_with_or_without_bom_and_gb18030(clerk, world, encoding):
    lines = [",".join(HEADER)] + [",".join(str(v) for v in good_row(n)) for n in (1, 2)]
    content = "\r\n".join(lines).encode(encoding)
    job = upload(clerk, "enterprises", content, name="企业.csv")
    assert job.result["errors"] == []
    assert job.result["summary"]["new"] == 2
    clerk.post(reverse("imports:commit", args=[job.pk]))
    assert Enterprise.objects.filter(name="随州测试1有限公司", legal_representative="张三").exists()


def test_other_file_types_are_refused_on_the_page(clerk, world):
    upload_file = SimpleUploadedFile("old.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 512)
    response = clerk.post(reverse("imports:import"), {"kind": "enterprises", "file": upload_file})
    assert response.status_code == 400
    assert "只能导入 .xlsx 和 .csv 文件" in response.content.decode()
    assert Job.objects.count() == 0


def test_old_xls_renamed_to_xlsx_gets_advice(clerk, world):
    job = upload(clerk, "enterprises", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 512)
    assert "另存为 .xlsx" in job.result["file_error"]


# --- qualifications and annual facts ------------------------------------------------------------

Q_HEADER = ["统一社会信用代码", "企业名称", "资质类型", "证书或入库编号", "认定日期", "有效期至"]


def test_qualification_expiry_is_computed_and_expiry_before_grant_refused(clerk, world):
    a, b = world.firm_a, world.firm_b
    rows = [
        [a.uscc, a.name, "高新技术企业", "GR202342000001", datetime.date(2023, 12, 8), None],
        [
            b.uscc,
            b.name,
            "high_tech",
            "GR202342000002",
            datetime.date(2023, 12, 8),
            datetime.date(2022, 1, 1),
        ],
    ]
    job = upload(clerk, "qualifications", xlsx_bytes(Q_HEADER, rows))
    assert errors_of(job) == [(3, "有效期至", "有效期至2022-01-01早于认定日期2023-12-08。")]
    rows.pop()
    job = upload(clerk, "qualifications", xlsx_bytes(Q_HEADER, rows))
    clerk.post(reverse("imports:commit", args=[job.pk]))
    stored = Qualification.objects.get(enterprise=a)
    assert (stored.type.code, stored.granted_on, stored.expires_on, stored.level) == (
        "high_tech",
        datetime.date(2023, 12, 8),
        datetime.date(2026, 12, 7),
        "national",
    )


def test_qualification_for_an_unknown_enterprise(clerk, world):
    code = make_uscc(99)
    job = upload(
        clerk,
        "qualifications",
        xlsx_bytes(Q_HEADER, [[code, "", "高新技术企业", "", datetime.date(2023, 1, 1), None]]),
    )
    assert errors_of(job) == [(2, "统一社会信用代码", f"名录中没有信用代码为{code}的企业（请先导入企业）。")]


def test_unknown_qualification_type(clerk, world):
    a = world.firm_a
    job = upload(
        clerk,
        "qualifications",
        xlsx_bytes(Q_HEADER, [[a.uscc, "", "五星企业", "", datetime.date(2023, 1, 1), None]]),
    )
    [(row, column, message)] = errors_of(job)
    assert (row, column) == (2, "资质类型")
    assert message.startswith("未知的资质类型“五星企业”")


F_HEADER = [
    "统一社会信用代码",
    "年度",
    "营业收入（万元）",
    "研发费用（万元）",
    "境内研发费用（万元）",
    "从业人员",
    "研发人员",
]


def test_annual_facts_keyed_by_code_and_year_with_cross_checks(clerk, world):
    a = world.firm_a
    rows = [
        [a.uscc, 2023, 1000, 50, 40, 100, 10],
        [a.uscc, 2024, 1200.5, 50, 60, 100, 120],
        [a.uscc, 2023, 1000, 50, 40, 100, 10],
    ]
    job = upload(clerk, "annual-facts", xlsx_bytes(F_HEADER, rows))
    assert errors_of(job) == [
        (3, "境内研发费用（万元）", "境内研发费用不能超过研发费用总额。"),
        (3, "研发人员", "研发人员（120）不能超过从业人员总数（100）。"),
        (4, "统一社会信用代码", "与第2行的统一社会信用代码 + 年度重复。"),
    ]
    job = upload(
        clerk, "annual-facts", xlsx_bytes(F_HEADER, [rows[0], [a.uscc, 2024, 1200.5, 50, 45, 100, 12]])
    )
    clerk.post(reverse("imports:commit", args=[job.pk]))
    facts = AnnualFacts.objects.get(enterprise=a, year=2024)
    assert (facts.operating_revenue, facts.rd_expense_domestic, facts.staff_rd) == (
        Decimal("1200.5000"),
        Decimal("45.0000"),
        12,
    )


def test_negative_profit_is_allowed_but_negative_tax_is_not(clerk, world):
    a = world.firm_a
    header = ["统一社会信用代码", "年度", "利润总额（万元）", "实缴税金（万元）"]
    job = upload(clerk, "annual-facts", xlsx_bytes(header, [[a.uscc, 2024, -300, -1]]))
    assert errors_of(job) == [(2, "实缴税金（万元）", "不能为负数，实际为-1。")]


# --- permissions and scope ------------------------------------------------------------------


def test_enterprise_user_cannot_import(client, world):
    client.force_login(world.firm_user)
    response = client.post(
        reverse("imports:import"),
        {"kind": "annual-facts", "file": SimpleUploadedFile("f.xlsx", xlsx_bytes(F_HEADER, []))},
    )
    assert response.status_code == 403
    assert Job.objects.count() == 0


def test_leader_cannot_open_the_import_page(client, world):
    client.force_login(world.leader)
    assert client.get(reverse("imports:import")).status_code == 403


def test_another_users_import_job_is_404(client, world):
    client.force_login(world.clerk)
    job = upload(client, "enterprises", xlsx_bytes(HEADER, [good_row(1)]))
    client.force_login(world.auditor)
    assert client.get(reverse("imports:job", args=[job.pk])).status_code == 404
    assert client.post(reverse("imports:commit", args=[job.pk])).status_code == 404


# --- background jobs ----------------------------------------------------------------------


def test_big_file_runs_as_a_background_job_with_progress(
    clerk, world, settings, django_capture_on_commit_callbacks
):
    settings.IMPORT_SYNC_MAX_ROWS = 5
    rows = [good_row(n) for n in range(1, 21)]
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        job = upload(clerk, "enterprises", xlsx_bytes(HEADER, rows))
    assert job.status == "pending"
    page = clerk.get(reverse("imports:job", args=[job.pk]))
    assert 'hx-trigger="every 1s"' in page.content.decode()
    for callback in callbacks:
        callback()  # the worker picks the job up
    job.refresh_from_db()
    assert (job.status, job.progress, job.result["summary"]["new"]) == ("succeeded", 100, 20)


# --- templates and exports ------------------------------------------------------------------


def test_template_has_the_instructions_sheet_and_text_code_column(clerk, world):
    import openpyxl

    response = clerk.get(reverse("imports:template", args=["enterprises"]))
    workbook = openpyxl.load_workbook(io.BytesIO(response.content))
    assert workbook.sheetnames == ["企业", "填写说明"]
    header = [c.value for c in workbook["企业"][1]]
    assert header[:2] == ["企业名称", "统一社会信用代码"]
    assert workbook["企业"]["B2"].number_format == "@"
    notes = [row[0] for row in workbook["填写说明"].iter_rows(values_only=True)]
    assert "统一社会信用代码" in notes


def test_template_round_trips_through_the_import(clerk, world):
    response = clerk.get(reverse("imports:template", args=["enterprises"]) + "?examples=1")
    job = upload(clerk, "enterprises", response.content)
    assert job.result["errors"] == []
    assert job.result["summary"]["new"] == 3


def test_list_export_writes_formula_like_text_as_text(clerk, world):
    import openpyxl

    Enterprise.objects.filter(pk=world.firm_a.pk).update(name="=cmd|' /C calc'!A0")
    response = clerk.get(reverse("enterprises:enterprise_list") + "?export=xlsx")
    workbook = openpyxl.load_workbook(io.BytesIO(response.content))
    cells = [row[0] for row in workbook.worksheets[0].iter_rows(min_row=2)]
    target = next(c for c in cells if str(c.value).startswith("="))
    assert (target.value, target.data_type, target.quotePrefix) == ("=cmd|' /C calc'!A0", "s", True)
