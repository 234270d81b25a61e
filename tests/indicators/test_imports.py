"""The bureau's tables as they really come: titles, merged headers, footnotes, percentages
in three spellings, units, names; and every refusal leaves the data as it was."""

import io
from decimal import Decimal

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from gaoxin.core.models import Job
from gaoxin.core.testing import xlsx_bytes
from gaoxin.indicators import workflow
from gaoxin.indicators.models import Aggregate, DataSet, Indicator, Observation, Submission
from tests.factories import make_enterprise

D = Decimal


@pytest.fixture
def economy(world):
    iva = Indicator.objects.create(
        code="iva",
        name="规模以上工业增加值",
        aliases="规上工业增加值",
        unit="%",
        kind="rate",
        comparable_prices=True,
    )
    output = Indicator.objects.create(
        code="output", name="规模以上工业总产值", unit="万元", kind="level", sums_enterprises=True
    )
    power = Indicator.objects.create(
        code="power", name="工业用电量", unit="万千瓦时", kind="level", sums_enterprises=True
    )
    bureau = DataSet.objects.create(code="bureau-main", name="主要经济指标", scope="zone")
    monthly = DataSet.objects.create(code="monthly", name="规上工业企业月报", scope="zone")
    return {"iva": iva, "output": output, "power": power, "bureau": bureau, "monthly": monthly}


def bureau_table(rows, title="随州高新区2025年1-9月主要经济指标完成情况", percent_row=None) -> bytes:
    workbook = openpyxl.Workbook()
    ws = workbook.active
    ws.append([title])
    ws.merge_cells("A1:D1")
    ws.append(["指标名称", "计量单位", "1-9月", None])
    ws.merge_cells("C2:D2")
    ws.append([None, None, "累计值", "同比增长"])
    ws.append(["一、工业", None, None, None])  # a heading row: skipped
    for row in rows:
        ws.append(row)
    if percent_row is not None:
        ws.cell(row=4 + percent_row, column=4).number_format = "0.0%"
    ws.append([])
    ws.append(["注：规上工业增加值增速按可比价计算。"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def upload(client, kind, content, year=2025, month=9, data_set="bureau-main", name="表.xlsx"):
    response = client.post(
        reverse("imports:import"),
        {
            "kind": kind,
            "file": SimpleUploadedFile(name, content),
            f"{kind}-data_set": data_set,
            f"{kind}-year": year,
            f"{kind}-month": month,
        },
    )
    if response.status_code != 302:
        return response
    return Job.objects.get(pk=response["Location"].rstrip("/").split("/")[-1])


def errors(job):
    return [(e["row"], e["column"], e["message"]) for e in job.result["errors"]]


@pytest.fixture
def clerk(client, world):
    client.force_login(world.clerk)
    return client


def test_bureau_table_with_title_merged_header_notes_and_three_percent_spellings(clerk, economy):
    rows = [
        ["1.规模以上工业增加值（%）", "%", None, "12.1%"],  # text with % and numbering
        ["工业用电量", "亿千瓦时", 3.5, 0.18],  # percent-formatted cell, unit converted
        ["规模以上工业总产值", "万元", 1500000, 11.2],
    ]
    job = upload(clerk, "indicator-table", bureau_table(rows, percent_row=2))
    assert job.result["errors"] == []
    assert job.result["summary"]["new"] == 3
    clerk.post(reverse("imports:commit", args=[job.pk]))
    stored = {o.indicator.code: (o.value, o.growth) for o in Observation.objects.select_related("indicator")}
    assert stored == {
        "iva": (None, D("12.10")),
        "power": (D("35000.0000"), D("18.00")),
        "output": (D("1500000.0000"), D("11.20")),
    }
    submission = Submission.objects.get()
    assert (submission.data_set.code, submission.year, submission.month, submission.status) == (
        "bureau-main",
        2025,
        9,
        "draft",
    )
    assert set(Observation.objects.values_list("submission", flat=True)) == {submission.pk}


def test_a_table_for_another_period_is_refused(clerk, economy):
    job = upload(clerk, "indicator-table", bureau_table([["规模以上工业增加值", "%", None, 12.1]]), month=8)
    assert (
        job.result["file_error"]
        == "表格标题为2025年1–9月，与所选期间2025年1–8月不符，请选择正确的期间或文件。"
    )
    assert Observation.objects.count() == 0


def test_an_approved_period_is_locked(clerk, economy):
    Submission.objects.create(data_set=economy["bureau"], year=2025, month=9, status="approved")
    job = upload(clerk, "indicator-table", bureau_table([["规模以上工业增加值", "%", None, 12.1]]))
    assert "已审核锁定" in job.result["file_error"]
    assert Observation.objects.count() == 0


def test_unknown_indicator_suggests_the_nearest(clerk, economy):
    job = upload(clerk, "indicator-table", bureau_table([["规模以上工业增加", "%", None, 12.1]]))
    [(row, column, message)] = errors(job)
    assert (row, column) == (5, "指标")
    assert message == "没有名为“规模以上工业增加”的指标；是否为“规模以上工业增加值”？"


def test_january_alone_is_refused_when_published_with_february(clerk, economy):
    response = upload(
        clerk, "indicator-table", bureau_table([["规模以上工业增加值", "%", None, 12.1]]), month=1
    )
    assert response.status_code == 400
    assert "1–2月" in response.content.decode()


def test_january_alone_is_refused_by_the_spec_itself(world, economy, tmp_path):
    """The same rule when the spec runs without the upload form (API, command, another app)."""
    from gaoxin.core.imports import readers
    from gaoxin.core.imports.engine import get_spec, run_import

    spec = get_spec("indicator-table")(
        world.clerk, options={"data_set": economy["bureau"], "year": 2025, "month": 1}
    )
    content = bureau_table([["规模以上工业增加值", "%", None, 12.1]], title="2025年1月主要经济指标")
    path = tmp_path / "表.xlsx"
    path.write_bytes(content)
    table = readers.read_table(path, "表.xlsx")
    result = run_import(spec, table, commit=True)
    assert result.file_error == "主要经济指标的1月数据与2月合并发布（1–2月），请选择2月。"
    assert not Observation.objects.exists()


@pytest.mark.parametrize(("growth", "stored"), [(-100, D("-100.00")), (-100.5, None), (-100.01, None)])
def test_a_growth_below_minus_100_is_refused(clerk, economy, growth, stored):
    job = upload(clerk, "indicator-table", bureau_table([["规模以上工业增加值", "%", None, growth]]))
    if stored is None:
        assert errors(job) == [(5, "增速（%）", f"增速{growth}超出合理范围。")]
    else:
        assert errors(job) == []


def monthly_table(rows) -> bytes:
    return xlsx_bytes(["序号", "统一社会信用代码", "企业名称", "规模以上工业总产值", "工业用电量"], rows)


def test_enterprise_table_by_code_or_name_refreshes_the_aggregates(clerk, world, economy):
    a, b = world.firm_a, world.firm_b
    rows = [[1, a.uscc, a.name, 1000, 50], [2, None, b.name, 500.5, None]]
    job = upload(clerk, "enterprise-monthly", monthly_table(rows), data_set="monthly")
    assert job.result["errors"] == []
    assert job.result["summary"]["new"] == 3  # three values: a's two, b's output
    clerk.post(reverse("imports:commit", args=[job.pk]))
    assert not Aggregate.objects.filter(
        scope_key="zone", year=2025, month=9
    ).exists()  # a draft counts nowhere
    approve(world, Submission.objects.get(year=2025, month=9))
    zone = Aggregate.objects.get(indicator=economy["output"], scope_key="zone", year=2025, month=9)
    assert (zone.value, zone.reporters) == (D("1500.5000"), 2)
    park = Aggregate.objects.get(
        indicator=economy["output"], scope_key=f"park:{world.park.pk}", year=2025, month=9
    )
    assert park.value == D("1000.0000")


def test_a_name_matching_two_enterprises_is_refused(clerk, world, economy):
    twin = make_enterprise(world.firm_a.name, 9)
    job = upload(
        clerk,
        "enterprise-monthly",
        monthly_table([[1, None, world.firm_a.name, 1000, 50]]),
        data_set="monthly",
    )
    assert errors(job) == [
        (
            2,
            "企业名称",
            f"“{world.firm_a.name}”对应2家企业（{world.firm_a.uscc}、{twin.uscc}），请填写统一社会信用代码。",
        )
    ]


def test_a_cumulative_value_below_last_month_is_refused(clerk, world, economy):
    Observation.objects.create(
        indicator=economy["output"],
        scope="enterprise",
        enterprise=world.firm_a,
        year=2025,
        month=8,
        value=D("1200"),
        source="bureau",
    )
    before = list(Observation.objects.values())
    job = upload(
        clerk, "enterprise-monthly", monthly_table([[1, world.firm_a.uscc, "", 1000, 50]]), data_set="monthly"
    )
    assert errors(job) == [(2, "规模以上工业总产值", "累计值1000低于1–8月的1200，累计值不能减少。")]
    clerk.post(reverse("imports:commit", args=[job.pk]))
    assert list(Observation.objects.values()) == before


def test_enterprise_table_is_idempotent(clerk, world, economy):
    content = monthly_table([[1, world.firm_a.uscc, "", 1000, 50]])
    job = upload(clerk, "enterprise-monthly", content, data_set="monthly")
    clerk.post(reverse("imports:commit", args=[job.pk]))
    again = upload(clerk, "enterprise-monthly", content, data_set="monthly")
    assert again.result["summary"] == {"new": 0, "changed": 0, "unchanged": 2, "error_rows": 0, "errors": 0}


def test_enterprise_user_cannot_import_monthly_tables(client, world, economy):
    client.force_login(world.firm_user)
    response = client.post(
        reverse("imports:import"),
        {
            "kind": "enterprise-monthly",
            "file": SimpleUploadedFile("t.xlsx", monthly_table([[1, world.firm_b.uscc, "", 1, 1]])),
            "enterprise-monthly-data_set": "monthly",
            "enterprise-monthly-year": 2025,
            "enterprise-monthly-month": 9,
        },
    )
    assert response.status_code == 403
    assert Observation.objects.count() == 0


def test_each_table_row_is_audited_once_and_each_value_shows_its_history(clerk, world, economy):
    from gaoxin.core.models import ObjectChange

    content = monthly_table([[1, world.firm_a.uscc, "", 1000, 50], [2, world.firm_b.uscc, "", 700, None]])
    clerk.post(
        reverse("imports:commit", args=[upload(clerk, "enterprise-monthly", content, data_set="monthly").pk])
    )
    fixed = monthly_table([[1, world.firm_a.uscc, "", 1100, 50]])
    clerk.post(
        reverse("imports:commit", args=[upload(clerk, "enterprise-monthly", fixed, data_set="monthly").pk])
    )

    rows = ObjectChange.objects.filter(
        content_type__model="submission", related_content_type__model="enterprise"
    )
    rows = rows.order_by("time", "pk")
    assert [(c.action, c.related_object_id, c.prechange_data, c.postchange_data) for c in rows] == [
        ("create", str(world.firm_a.pk), None, {"规模以上工业总产值": "1000", "工业用电量": "50"}),
        ("create", str(world.firm_b.pk), None, {"规模以上工业总产值": "700"}),
        ("update", str(world.firm_a.pk), {"规模以上工业总产值": "1000"}, {"规模以上工业总产值": "1100"}),
    ]
    output = Observation.objects.get(enterprise=world.firm_a, indicator=economy["output"])
    page = clerk.get(output.get_absolute_url()).content.decode()
    assert page.count('data-testid="change"') == 2
    assert "1100" in page and "工业用电量" not in page.split("History")[-1].split("历史")[-1]


def approve(world, submission):
    workflow.submission_submit(submission=submission, user=world.clerk)
    workflow.submission_approve(submission=submission, user=world.leader)


def test_a_value_is_corrected_by_hand_with_a_reason_and_the_totals_follow(clerk, world, economy):
    from gaoxin.core.models import ObjectChange

    content = monthly_table([[1, world.firm_a.uscc, "", 1000, 50], [2, world.firm_b.uscc, "", 500, None]])
    clerk.post(
        reverse("imports:commit", args=[upload(clerk, "enterprise-monthly", content, data_set="monthly").pk])
    )
    output = Observation.objects.get(enterprise=world.firm_a, indicator=economy["output"])
    url = reverse("indicators:observation_edit", args=[output.pk])
    response = clerk.post(url, {"value": "1200", "growth": "", "note": "", "_changelog": "企业更正"})
    assert response.status_code == 302
    approve(world, output.submission)  # corrected in the draft, counted once approved
    zone = Aggregate.objects.get(indicator=economy["output"], scope_key="zone", year=2025, month=9)
    assert zone.value == D("1700.0000")
    change = ObjectChange.objects.filter(content_type__model="observation", object_id=str(output.pk)).get()
    assert (change.message, change.prechange_data["value"], change.postchange_data["value"]) == (
        "企业更正",
        "1000.0000",
        "1200.0000",
    )


def test_a_hand_correction_keeps_the_rules(clerk, world, economy):
    Observation.objects.create(
        indicator=economy["output"],
        scope="enterprise",
        enterprise=world.firm_a,
        year=2025,
        month=8,
        value=D("900"),
        source="bureau",
    )
    content = monthly_table([[1, world.firm_a.uscc, "", 1000, 50]])
    clerk.post(
        reverse("imports:commit", args=[upload(clerk, "enterprise-monthly", content, data_set="monthly").pk])
    )
    september = Observation.objects.get(enterprise=world.firm_a, indicator=economy["output"], month=9)
    url = reverse("indicators:observation_edit", args=[september.pk])
    response = clerk.post(url, {"value": "800", "growth": "", "note": ""})
    assert response.status_code == 400
    assert "累计值800低于1–8月的900，累计值不能减少。" in response.content.decode()
    Submission.objects.update(status="approved")
    response = clerk.post(url, {"value": "1100", "growth": "", "note": ""})
    assert response.status_code == 400
    assert "已审核" in response.content.decode()
    september.refresh_from_db()
    assert september.value == D("1000.0000")


def test_an_enterprise_user_cannot_correct_values(client, world, economy):
    mine = Observation.objects.create(
        indicator=economy["output"],
        scope="enterprise",
        enterprise=world.firm_a,
        year=2025,
        month=9,
        value=D("900"),
        source="bureau",
    )
    theirs = Observation.objects.create(
        indicator=economy["output"],
        scope="enterprise",
        enterprise=world.firm_b,
        year=2025,
        month=9,
        value=D("900"),
        source="bureau",
    )
    client.force_login(world.firm_user)
    assert (
        client.post(reverse("indicators:observation_edit", args=[theirs.pk]), {"value": "1"}).status_code
        == 404
    )
    assert (
        client.post(reverse("indicators:observation_edit", args=[mine.pk]), {"value": "1"}).status_code == 403
    )


def test_the_api_import_takes_the_period_options(api, world, economy):
    """Issue 12.11: enterprise-monthly and indicator-table through /api/imports/ with the
    data set and period as bare fields."""
    a = world.firm_a
    api.force_authenticate(world.clerk)
    content = monthly_table([[1, a.uscc, a.name, 1000, 50]])
    body = {"kind": "enterprise-monthly", "data_set": "monthly", "year": 2025, "month": 9, "commit": "true"}
    response = api.post("/api/imports/", {**body, "file": SimpleUploadedFile("表.xlsx", content)})
    assert response.status_code == 201, response.json()
    assert Observation.objects.get(enterprise=a, indicator=economy["output"], year=2025, month=9).value == D(
        1000
    )
    missing = api.post(
        "/api/imports/", {"kind": "enterprise-monthly", "file": SimpleUploadedFile("表.xlsx", content)}
    )
    assert missing.status_code == 400
    assert "报表" in str(missing.json()) or "数据集" in str(missing.json())
