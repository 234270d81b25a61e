"""上年同期 (issue 10 item 15): each firm's same period of last year as its report states it
now; park and zone growth = Σ本年 ÷ Σ上年同期 over the firms reporting this year (the bureau's
method: a firm new to 规上 in, a firm that left out), the same enterprises of both years where
no 上年同期 was filed, and the basis said in words wherever the growth is shown."""

import io
from decimal import Decimal

import openpyxl
import pytest
from django.urls import reverse

from gaoxin.core.models import ObjectChange
from gaoxin.goals.views import park_breakdown
from gaoxin.indicators import services, workflow
from gaoxin.indicators.models import Aggregate, DataSet, Indicator, Observation, Submission
from gaoxin.indicators.services import refresh_aggregates
from tests.factories import make_enterprise

D = Decimal
PRIOR_3 = "按上年同期数计算（3家企业）"


@pytest.fixture
def output(world):
    return Indicator.objects.create(
        code="output", name="规模以上工业总产值", unit="万元", kind="level", sums_enterprises=True
    )


def observe(indicator, firm, year, value, previous=None, month=9, submission=None):
    return Observation.objects.create(
        indicator=indicator,
        scope="enterprise",
        enterprise=firm,
        year=year,
        month=month,
        value=D(value),
        previous_value=None if previous is None else D(previous),
        source="bureau",
        submission=submission,
    )


@pytest.fixture
def firms(world, output):
    """A and C in 城东, B in 城北. 2024: A 1000, B 500, D 300 (D leaves 规上: nothing in 2025).
    2025: A 1100, B 600, C 1000 (C new to 规上: no 2024 value)."""
    entered = make_enterprise("丙新进规上企业", 3, park=world.park)
    left = make_enterprise("丁退出规上企业", 4, park=world.park)
    for firm, value in ((world.firm_a, "1000"), (world.firm_b, "500"), (left, "300")):
        observe(output, firm, 2024, value)
    return {"a": world.firm_a, "b": world.firm_b, "c": entered, "d": left}


def file_2025(output, firms, previous: dict):
    for key, value in (("a", "1100"), ("b", "600"), ("c", "1000")):
        observe(output, firms[key], 2025, value, previous.get(key))
    refresh_aggregates({(2025, 9)})


def aggregate(output, key="zone"):
    return Aggregate.objects.get(indicator=output, scope_key=key, year=2025, month=9)


def test_the_bureaus_growth_counts_a_firm_new_to_guishang_and_leaves_out_one_that_left(world, output, firms):
    # A 上年同期 1000 as filed last year; B revised 500 → 520; C never filed last year: 800.
    file_2025(output, firms, {"a": "1000", "b": "520", "c": "800"})
    zone = aggregate(output)
    assert (zone.value, zone.reporters) == (D("2700"), 3)
    assert (zone.prior_current, zone.prior_previous, zone.prior_reporters, zone.prior_filed) == (
        D("2700"),  # A + B + C; D (left) has no value this year and is not in it
        D("2320"),  # 1000 + 520 + 800
        3,
        3,
    )
    basis = services.aggregate_growth(zone)
    assert (basis.method, basis.label) == ("prior", PRIOR_3)
    assert services.shown_growth(basis.growth) == D("16.4")  # 2700 ÷ 2320 − 1 = 16.38%
    # the same-set sums stay as they were: A and B only, last year's filings (1700 ÷ 1500)
    assert (zone.same_set_current, zone.same_set_previous) == (D("1700"), D("1500"))
    east = services.aggregate_growth(aggregate(output, f"park:{world.park.pk}"))
    assert (east.current, east.previous, east.label) == (D("2100"), D("1800"), "按上年同期数计算（2家企业）")
    assert services.shown_growth(east.growth) == D("16.7")  # (1100 + 1000) ÷ (1000 + 800) − 1
    reading = services.ZoneData([output], [2025]).reading(output, 2025, 9)
    assert (reading.growth, reading.growth_method, reading.growth_note()) == (basis.growth, "prior", PRIOR_3)


def test_a_firm_without_a_filed_figure_compares_with_its_own_last_year(world, output, firms):
    file_2025(output, firms, {"a": "1000", "c": "800"})  # B filed no 上年同期: its 500 of 2024
    basis = services.aggregate_growth(aggregate(output))
    assert (basis.current, basis.previous, basis.method) == (D("2700"), D("2300"), "mixed")
    assert basis.label == "按上年同期数计算（3家企业，其中1家未填上年同期，按其上年数据）"
    assert services.shown_growth(basis.growth) == D("17.4")  # 2700 ÷ 2300 − 1 = 17.39%


def test_with_no_figure_filed_the_growth_is_on_the_firms_of_both_years_and_says_so(world, output, firms):
    file_2025(output, firms, {})
    zone = aggregate(output)
    basis = services.aggregate_growth(zone)
    assert (zone.value, basis.current, basis.previous) == (D("2700"), D("1700"), D("1500"))
    assert (basis.method, basis.label) == ("same_set", "同口径（两年均有数据的2家企业）计算")
    assert services.shown_growth(basis.growth) == D("13.3")  # C (no basis) and D (left) out
    north = services.aggregate_growth(aggregate(output, f"park:{world.park2.pk}"))
    assert north.label == "同口径（两年均有数据的1家企业）计算"


def test_a_first_year_of_data_has_growth_from_the_filed_figures(world, output):
    observe(output, world.firm_a, 2025, "1100", "1000")
    observe(output, world.firm_b, 2025, "600")  # nothing to compare with: not in the basis
    refresh_aggregates({(2025, 9)})
    basis = services.aggregate_growth(aggregate(output))
    assert (basis.current, basis.previous, basis.label) == (
        D("1100"),
        D("1000"),
        "按上年同期数计算（1家企业）",
    )
    assert basis.growth == D("10")


@pytest.mark.parametrize(
    "current, previous, remark",
    [
        ("100", "0", "上年同期为零，不计算增速"),
        ("30", "-50", "扭亏为盈"),
        ("-20", "-50", "减亏"),
        ("-80", "-50", "增亏"),
    ],
)
def test_a_zero_or_negative_figure_gives_words_not_a_percentage(world, output, current, previous, remark):
    observe(output, world.firm_a, 2025, current, previous)
    refresh_aggregates({(2025, 9)})
    basis = services.aggregate_growth(aggregate(output))
    assert (basis.growth, basis.remark, basis.label) == (None, remark, "按上年同期数计算（1家企业）")
    reading = services.ZoneData([output], [2025]).reading(output, 2025, 9)
    assert (reading.growth, reading.growth_remark, reading.growth_basis) == (None, remark, "computed")
    [row] = park_breakdown(2025, (2025, 9))["rows"]
    assert (row["cells"][0]["growth"], row["cells"][0]["growth_remark"]) == (None, remark)


def test_a_draft_figure_counts_nowhere(world, output, firms):
    data_set = DataSet.objects.create(code="firm", name="企业月报", scope="enterprise")
    draft = Submission.objects.create(data_set=data_set, year=2025, month=9, enterprise=firms["c"])
    observe(output, firms["a"], 2025, "1100", "1000")
    observe(output, firms["c"], 2025, "1000", "800", submission=draft)
    refresh_aggregates({(2025, 9)})
    zone = aggregate(output)
    assert (zone.value, zone.prior_current, zone.prior_previous, zone.prior_filed) == (
        D("1100"),
        D("1100"),
        D("1000"),
        1,
    )


# --- the bureau's enterprise table --------------------------------------------------------


@pytest.fixture
def clerk(client, world):
    client.force_login(world.clerk)
    return client


def upload(client, content, commit=True):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from gaoxin.core.models import Job

    response = client.post(
        reverse("imports:import"),
        {
            "kind": "enterprise-monthly",
            "file": SimpleUploadedFile("月报.xlsx", content),
            "enterprise-monthly-data_set": "monthly",
            "enterprise-monthly-year": 2025,
            "enterprise-monthly-month": 9,
        },
    )
    job = Job.objects.get(pk=response["Location"].rstrip("/").split("/")[-1])
    if commit and not job.result["errors"]:
        client.post(reverse("imports:commit", args=[job.pk]))
    return job


def merged_table(rows) -> bytes:
    """The 一套表 layout: the indicator over 本年累计 | 上年同期."""
    workbook = openpyxl.Workbook()
    ws = workbook.active
    ws.append(["统一社会信用代码", "企业名称", "规模以上工业总产值（万元）", None])
    ws.merge_cells("C1:D1")
    ws.append([None, None, "本年累计", "上年同期"])
    for row in rows:
        ws.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


@pytest.fixture
def monthly(world, output):
    return DataSet.objects.create(code="monthly", name="规上工业企业月报", scope="zone")


def test_the_table_brings_the_figure_under_a_merged_header_and_audits_it(clerk, world, output, monthly):
    a, b = world.firm_a, world.firm_b
    job = upload(clerk, merged_table([[a.uscc, a.name, 1100, 1000], [b.uscc, b.name, 600, None]]))
    assert job.result["errors"] == []
    stored = dict(Observation.objects.filter(year=2025).values_list("enterprise_id", "previous_value"))
    assert stored == {a.pk: D("1000.0000"), b.pk: None}
    row = ObjectChange.objects.get(content_type__model="submission", related_object_id=str(a.pk))
    assert row.postchange_data == {"规模以上工业总产值": "1100（上年同期 1000）"}


def test_a_column_named_after_the_indicator_and_a_revision_of_the_figure(clerk, world, output, monthly):
    from gaoxin.core.testing import xlsx_bytes

    header = ["统一社会信用代码", "规模以上工业总产值", "规模以上工业总产值上年同期"]
    upload(clerk, xlsx_bytes(header, [[world.firm_a.uscc, 1100, 1000]]))
    again = upload(clerk, xlsx_bytes(header, [[world.firm_a.uscc, 1100, 1020]]))
    assert again.result["summary"]["changed"] == 1
    assert Observation.objects.get(year=2025).previous_value == D("1020.0000")


def test_text_in_the_figure_is_refused_on_its_row_and_column(clerk, world, output, monthly):
    a = world.firm_a
    job = upload(clerk, merged_table([[a.uscc, a.name, 1100, "八百"], [None, world.firm_b.name, None, 500]]))
    assert [(e["row"], e["column"], e["message"]) for e in job.result["errors"]] == [
        (3, "规模以上工业总产值上年同期", "应为数字，实际为“八百”。"),
        (4, "规模以上工业总产值上年同期", "填写了上年同期，须同时填写规模以上工业总产值的本年累计数。"),
    ]
    assert not Observation.objects.exists()


def test_the_template_has_the_column_and_its_instructions(clerk, output):
    response = clerk.get(reverse("imports:template", args=["enterprise-monthly"]))
    content = b"".join(response.streaming_content) if response.streaming else response.content
    workbook = openpyxl.load_workbook(io.BytesIO(content))
    header = [c.value for c in workbook.worksheets[0][1]]
    assert header[header.index("规模以上工业总产值") + 1] == "规模以上工业总产值上年同期"
    notes = {row[0]: row[2] for row in workbook["填写说明"].iter_rows(values_only=True) if row and row[0]}
    assert notes["规模以上工业总产值上年同期"].startswith(
        "上年同期：按本年统计报表所列的上年同期数填写，单位万元"
    )


# --- the firm's own filing ----------------------------------------------------------------


@pytest.fixture
def filing(world, output):
    data_set = DataSet.objects.create(code="firm-filing", name="企业月度填报", scope="enterprise", due_day=8)
    data_set.indicators.set([output])
    Observation.objects.create(
        indicator=output, scope="zone", year=2025, month=8, value=D("9000"), source="bureau"
    )
    observe(output, world.firm_b, 2024, "400")  # outside the calendar: counted
    observe(output, world.firm_b, 2025, "500")
    refresh_aggregates({(2025, 9)})
    return data_set


def test_the_firm_files_the_figure_and_once_approved_the_growth_changes_exactly(
    client, world, output, filing
):
    before = services.aggregate_growth(aggregate(output))
    assert (before.current, before.previous, before.label) == (
        D("500"),
        D("400"),
        "同口径（两年均有数据的1家企业）计算",
    )
    client.force_login(world.firm_user)
    page = client.get(reverse("indicators:filing")).content.decode()
    assert "规模以上工业总产值上年同期（万元）" in page
    field = f"prev_{output.pk}"
    response = client.post(
        reverse("indicators:filing"),
        {"data_set": "firm-filing", "period": "2025-9", f"ind_{output.pk}": "1000.5", field: "900"},
    )
    assert response.status_code == 302
    assert f'name="{field}" value="900.0000"' in client.get(response["Location"]).content.decode()
    submission = Submission.objects.get(enterprise=world.firm_a)
    assert services.aggregate_growth(aggregate(output)).previous == D("400")  # a draft: unchanged
    workflow.submission_submit(submission=submission, user=world.firm_user)
    workflow.submission_approve(submission=submission, user=world.leader)
    after = services.aggregate_growth(aggregate(output))
    assert (after.current, after.previous, after.method) == (D("1500.5"), D("1300"), "mixed")
    assert services.shown_growth(after.growth) == D("15.4")  # 1500.5 ÷ (900 + 400) − 1 = 15.42%


def test_a_figure_without_this_years_value_is_refused_on_its_field(client, world, output, filing):
    power = Indicator.objects.create(code="power", name="工业用电量", unit="万千瓦时", kind="level")
    filing.indicators.add(power)
    client.force_login(world.firm_user)
    data = {
        "data_set": "firm-filing",
        "period": "2025-9",
        f"prev_{output.pk}": "900",
        f"ind_{power.pk}": "52",
    }
    response = client.post(reverse("indicators:filing"), data)
    assert response.status_code == 400
    form = response.context["form"]
    assert form.errors == {
        f"prev_{output.pk}": ["填写了上年同期，须同时填写规模以上工业总产值的本年累计数。"]
    }
    assert not Observation.objects.filter(enterprise=world.firm_a).exists()


# --- where the growth is shown ------------------------------------------------------------


def test_the_cockpit_and_the_indicator_page_say_the_basis_with_the_growth(client, world, output, firms):
    file_2025(output, firms, {"a": "1000", "b": "520", "c": "800"})
    Observation.objects.create(
        indicator=output, scope="zone", year=2025, month=9, value=D("2700"), source="bureau"
    )
    client.force_login(world.leader)
    cockpit = client.get(reverse("goals:cockpit")).content.decode()
    assert "16.7%" in cockpit and "按上年同期数计算（2家企业）" in cockpit  # 城东
    assert "15.4%" in cockpit and "按上年同期数计算（1家企业）" in cockpit  # 城北: 600 ÷ 520 − 1
    page = client.get(
        reverse("indicators:indicator_detail", args=[output.pk]) + "?year=2025"
    ).content.decode()
    assert "按上年同期数计算（2家企业）" in page and "16.7%" in page


def test_the_observation_list_detail_and_api_show_the_figure(client, api, world, output, firms):
    file_2025(output, firms, {"a": "1000", "b": "520", "c": "800"})
    c = Observation.objects.get(enterprise=firms["c"])
    client.force_login(world.leader)
    listed = client.get(reverse("indicators:observation_list") + "?year=2025&month=9").content.decode()
    assert "上年同期" in listed and "800.00 万元" in listed  # 万元 at its two places (issue 11 item 4)
    detail = client.get(reverse("indicators:observation_detail", args=[c.pk])).content.decode()
    assert "25.0%" in detail and "按上年同期数计算" in detail  # 1000 ÷ 800 − 1
    api.force_authenticate(world.leader)
    assert api.get(f"/api/observations/{c.pk}/").json()["previous_value"] == "800.0000"
    rows = {r["indicator"]: r for r in api.get("/api/zone-figures/?year=2025&month=9").json()}
    assert (rows["output"]["growth_method"], rows["output"]["growth_note"]) == ("prior", PRIOR_3)


def test_a_hand_correction_of_the_figure_moves_the_totals(client, world, output, firms):
    file_2025(output, firms, {"a": "1000", "b": "520", "c": "800"})
    c = Observation.objects.get(enterprise=firms["c"])
    client.force_login(world.clerk)
    response = client.post(
        reverse("indicators:observation_edit", args=[c.pk]),
        {
            "value": "1000",
            "previous_value": "900",
            "growth": "",
            "note": "",
            "_changelog": "企业修订上年同期",
        },
    )
    assert response.status_code == 302
    assert aggregate(output).prior_previous == D("2420")  # 1000 + 520 + 900
