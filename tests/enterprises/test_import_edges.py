"""Edge cases found in review: rules checked on the record as it would be stored, blank
cells of stored records, concurrent edits, huge numbers, sheets not starting at A1,
tags, and scope on every method."""

import datetime
import io
from decimal import Decimal

import openpyxl
import pytest
from django.urls import reverse

from gaoxin.core.imports.columns import CellError, to_decimal
from gaoxin.core.models import ObjectChange, Tag
from gaoxin.core.testing import make_uscc, xlsx_bytes
from gaoxin.enterprises.models import AnnualFacts, Enterprise, Qualification
from tests.enterprises.test_imports import errors_of, state, upload
from tests.factories import facts, qualification

D = datetime.date


@pytest.fixture
def clerk(client, world):
    client.force_login(world.clerk)
    return client


def test_cross_field_rule_is_checked_against_the_stored_values(clerk, world):
    facts(world.firm_a, 2023, rd_expense=Decimal("100"), staff_total=10)
    before = state()
    header = ["统一社会信用代码", "年度", "境内研发费用（万元）", "研发人员"]
    job = upload(clerk, "annual-facts", xlsx_bytes(header, [[world.firm_a.uscc, 2023, 200, 50]]))
    assert errors_of(job) == [
        (2, "境内研发费用（万元）", "境内研发费用不能超过研发费用总额。"),
        (2, "研发人员", "研发人员（50）不能超过从业人员总数（10）。"),
    ]
    assert job.result["valid"] is False
    clerk.post(reverse("imports:commit", args=[job.pk]))
    assert state() == before


def test_blank_expiry_keeps_the_stored_expiry(clerk, world):
    item = qualification(world.firm_a, "high_tech", D(2022, 12, 1), expires=D(2026, 6, 30))
    header = ["统一社会信用代码", "资质类型", "认定日期", "有效期至"]
    job = upload(
        clerk,
        "qualifications",
        xlsx_bytes(header, [[world.firm_a.uscc, "高新技术企业", D(2022, 12, 1), None]]),
    )
    assert job.result["summary"]["unchanged"] == 1
    clerk.post(reverse("imports:commit", args=[job.pk]))
    item.refresh_from_db()
    assert item.expires_on == D(2026, 6, 30)


def test_expiry_before_stored_grant_is_refused(clerk, world):
    qualification(world.firm_a, "gazelle", D(2023, 6, 1))
    header = ["统一社会信用代码", "资质类型", "认定日期", "有效期至"]
    job = upload(
        clerk,
        "qualifications",
        xlsx_bytes(header, [[world.firm_a.uscc, "瞪羚企业", D(2023, 6, 1), D(2023, 1, 1)]]),
    )
    assert errors_of(job) == [(2, "有效期至", "有效期至2023-01-01早于认定日期2023-06-01。")]


def test_a_concurrent_edit_of_another_column_survives_the_import(clerk, world, monkeypatch):
    from gaoxin.core.imports import engine

    real = engine.build_preview

    def someone_edits_meanwhile(*args, **kwargs):
        Enterprise.objects.filter(pk=world.firm_b.pk).update(address="同时修改的地址")
        return real(*args, **kwargs)

    header = ["企业名称", "统一社会信用代码", "地址", "法定代表人"]
    rows = [
        [world.firm_a.name, world.firm_a.uscc, "新地址", ""],
        [world.firm_b.name, world.firm_b.uscc, "", "李四"],
    ]
    job = upload(clerk, "enterprises", xlsx_bytes(header, rows))
    monkeypatch.setattr(engine, "build_preview", someone_edits_meanwhile)
    clerk.post(reverse("imports:commit", args=[job.pk]))
    b = Enterprise.objects.get(pk=world.firm_b.pk)
    assert (b.address, b.legal_representative) == ("同时修改的地址", "李四")
    assert Enterprise.objects.get(pk=world.firm_a.pk).address == "新地址"


@pytest.mark.parametrize("value", ["1e30", 1e30, "123456789012345678901234567890"])
def test_huge_numbers_are_a_cell_error(clerk, world, value):
    header = ["统一社会信用代码", "年度", "营业收入（万元）"]
    job = upload(clerk, "annual-facts", xlsx_bytes(header, [[world.firm_a.uscc, 2023, value]]))
    assert job.status == "succeeded"
    [(row, column, message)] = errors_of(job)
    assert (row, column) == (2, "营业收入（万元）")
    assert message.endswith("过大。")


@pytest.mark.parametrize(
    ("text", "number"), [("1,234,567.5", Decimal("1234567.5")), ("12,345", Decimal("12345"))]
)
def test_thousands_separators_in_their_places(text, number):
    assert to_decimal(text) == number


@pytest.mark.parametrize("text", ["1,5", "12,34", "1,2345"])
def test_commas_elsewhere_are_refused(text, settings):
    with pytest.raises(CellError):
        to_decimal(text)


def sheet_at(row: int, column: int, header: list, data: list[list]) -> bytes:
    workbook = openpyxl.Workbook()
    ws = workbook.active
    for r, values in enumerate([header, *data]):
        for c, value in enumerate(values):
            ws.cell(row=row + r, column=column + c, value=value)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def test_formula_is_caught_when_the_table_starts_at_b3(clerk, world):
    content = sheet_at(
        3, 2, ["企业名称", "统一社会信用代码", "法定代表人"], [["丁公司", make_uscc(88), "=A1"]]
    )
    job = upload(clerk, "enterprises", content)
    assert errors_of(job) == [(4, "法定代表人", "单元格是公式，请只粘贴数值。")]


def test_row_numbers_are_excel_rows_when_the_table_starts_lower(clerk, world):
    content = sheet_at(3, 1, ["企业名称", "统一社会信用代码"], [["戊公司", "bad"]])
    job = upload(clerk, "enterprises", content)
    assert [(row, column) for row, column, _ in errors_of(job)] == [(4, "统一社会信用代码")]


def test_tags_from_an_import_are_audited_and_checked(clerk, world):
    header = ["企业名称", "统一社会信用代码", "标签"]
    job = upload(
        clerk, "enterprises", xlsx_bytes(header, [["己公司", make_uscc(99), "链主,=cmd|' /C calc'!A0"]])
    )
    assert errors_of(job) == [(2, "标签", "疑似表格公式（=cmd|' /C calc'!A0），已拒绝。")]
    job = upload(clerk, "enterprises", xlsx_bytes(header, [["己公司", make_uscc(99), "链主，拟上市"]]))
    clerk.post(reverse("imports:commit", args=[job.pk]))
    assert sorted(Enterprise.objects.get(name="己公司").tags.values_list("name", flat=True)) == [
        "拟上市",
        "链主",
    ]
    for tag in Tag.objects.all():
        assert (
            ObjectChange.objects.filter(
                content_type__model="tag", object_id=str(tag.pk), action="create"
            ).count()
            == 1
        )


def test_new_tags_need_the_permission_to_create_tags(client, world):
    from django.contrib.auth.models import Permission

    world.clerk.groups.first().permissions.remove(Permission.objects.get(codename="add_tag"))
    client.force_login(world.clerk)
    header = ["企业名称", "统一社会信用代码", "标签"]
    job = upload(client, "enterprises", xlsx_bytes(header, [["庚公司", make_uscc(98), "新标签"]]))
    client.post(reverse("imports:commit", args=[job.pk]))
    job.refresh_from_db()
    assert job.result["committed"] is False
    assert job.result["file_error"] == "您无权新建标签（新标签）。"
    assert not Enterprise.objects.filter(name="庚公司").exists()


def test_a_tag_change_outside_any_request_gets_its_own_audit_row(world):
    firm = world.firm_a
    firm.name = "甲企业（改）"
    firm.save()
    rows = ObjectChange.objects.for_object(firm).count()
    firm.tags.add(Tag.objects.create(name="后加"))
    assert ObjectChange.objects.for_object(firm).count() == rows + 1
    latest = ObjectChange.objects.for_object(firm).filter(content_type__model="enterprise").first()
    assert (latest.prechange_data["tags"], latest.postchange_data["tags"]) == ([], ["后加"])


@pytest.mark.parametrize("method", ["get", "post", "put", "patch", "delete", "options"])
def test_every_method_on_another_firms_add_route_is_404(client, world, method):
    client.force_login(world.firm_user)
    for name in ("qualification_add", "annualfacts_add", "contact_add"):
        url = reverse(f"enterprises:{name}", args=[world.firm_b.pk])
        assert getattr(client, method)(url).status_code == 404, (name, method)


@pytest.mark.parametrize("method", ["options", "head"])
def test_every_method_on_another_firms_api_route_is_404(api, world, method):
    api.force_authenticate(world.firm_user)
    assert getattr(api, method)(f"/api/enterprises/{world.firm_b.pk}/").status_code == 404


def test_nul_bytes_anywhere_in_a_csv_are_refused(clerk, world):
    text = "企业名称,统一社会信用代码\n" + "某公司,x\n" * 500 + "坏\x00公司,y\n"
    job = upload(clerk, "enterprises", text.encode("utf-8"), name="e.csv")
    assert job.result["file_error"] == "该文件不是文本格式的 CSV 文件（含有二进制内容）。"
    assert AnnualFacts.objects.count() == 0
    assert Qualification.objects.count() == 0
