"""Issue 10 items 11 and 16: a bureau row's level and growth each land where they belong
(亿元 converted to 万元 exactly, a unit of another family refused, never a level under a %
indicator); a figure carries its status (预计 / 快报 / 正式) wherever it appears; quarterly
series read 一季度 / 上半年 / 前三季度 / 全年."""

import io
from decimal import Decimal

import openpyxl
import pytest
from django.urls import reverse
from django.utils import translation

from gaoxin.core.imports import Table, get_spec, run_import
from gaoxin.indicators import services
from gaoxin.indicators.models import DataSet, Indicator, Observation, Submission, Target, period_label
from gaoxin.reports import brief as briefs
from tests.indicators.test_imports import errors, upload

D = Decimal


@pytest.fixture
def catalogue(world):
    fai = Indicator.objects.create(
        code="fai", name="固定资产投资", aliases="固投", unit="万元", kind="rate", sort_order=10
    )
    gdp = Indicator.objects.create(
        code="gdp",
        name="地区生产总值",
        unit="%",
        kind="rate",
        frequency="quarterly",
        comparable_prices=True,
        sort_order=20,
    )
    bureau = DataSet.objects.create(code="bureau-main", name="主要经济指标", scope="zone")
    return {"fai": fai, "gdp": gdp, "bureau": bureau}


@pytest.fixture
def clerk(client, world):
    client.force_login(world.clerk)
    return client


def table(rows, header=("指标名称", "计量单位", "累计值", "同比增长", "数据状态")) -> bytes:
    workbook = openpyxl.Workbook()
    ws = workbook.active
    ws.append(["随州高新区2024年1-12月主要经济指标完成情况"])
    ws.append(list(header))
    for row in rows:
        ws.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def stored():
    return {
        o.indicator.code: (o.value, o.growth, o.status)
        for o in Observation.objects.select_related("indicator")
    }


# --- item 11: level and growth ------------------------------------------------------------


@pytest.mark.parametrize(
    ("unit", "value"),
    [("亿元", 85.6), ("万元", 856000), ("", 856000), ("元", 8560000000)],
)
def test_a_level_in_any_money_unit_is_stored_in_wan_yuan_with_the_growth(clerk, catalogue, unit, value):
    job = upload(clerk, "indicator-table", table([["固定资产投资", unit, value, 15.47]]), year=2024, month=12)
    assert errors(job) == []
    clerk.post(reverse("imports:commit", args=[job.pk]))
    assert stored() == {"fai": (D("856000.0000"), D("15.47"), "final")}


def test_a_percent_unit_with_a_level_is_refused(clerk, catalogue):
    job = upload(clerk, "indicator-table", table([["固定资产投资", "%", 85.6, 15.47]]), year=2024, month=12)
    assert errors(job) == [(3, "单位", "单位“%”与指标单位万元不一致。")]
    assert Observation.objects.count() == 0


def test_a_unit_of_another_family_is_refused(clerk, catalogue):
    job = upload(
        clerk, "indicator-table", table([["固定资产投资", "万千瓦时", 85.6, 15.47]]), year=2024, month=12
    )
    assert errors(job) == [(3, "单位", "单位“万千瓦时”与指标单位万元不一致。")]


def test_a_level_without_a_unit_for_a_growth_only_indicator_is_refused(clerk, catalogue):
    job = upload(clerk, "indicator-table", table([["地区生产总值", "", 85.6, 11.1]]), year=2024, month=12)
    assert errors(job) == [
        (
            3,
            "累计值",
            "地区生产总值只公布增速（%）：累计值85.6没有单位，不予保存。"
            "请填写单位，或在指标目录中为该指标设置总量单位（万元）。",
        )
    ]
    assert Observation.objects.count() == 0


def test_a_level_in_yi_yuan_for_a_growth_only_indicator_is_refused(clerk, catalogue):
    job = upload(clerk, "indicator-table", table([["地区生产总值", "亿元", 85.6, 11.1]]), year=2024, month=12)
    assert errors(job) == [(3, "单位", "单位“亿元”不符：地区生产总值只公布增速（%），总量85.6亿元不予保存。")]


def test_a_growth_only_indicators_number_with_the_unit_percent_is_its_growth(clerk, catalogue):
    job = upload(clerk, "indicator-table", table([["地区生产总值", "%", 11.1, None]]), year=2024, month=12)
    assert errors(job) == []
    clerk.post(reverse("imports:commit", args=[job.pk]))
    assert stored() == {"gdp": (None, D("11.10"), "final")}


# --- item 16: the figure's status ---------------------------------------------------------


def test_the_status_column_is_stored_and_shown_in_the_brief_and_the_api(clerk, api, world, catalogue):
    rows = [["地区生产总值", "%", None, "11.1%", "预计"], ["固定资产投资", "亿元", 85.6, 15.47, "正式"]]
    job = upload(clerk, "indicator-table", table(rows), year=2024, month=12)
    assert errors(job) == []
    clerk.post(reverse("imports:commit", args=[job.pk]))
    Submission.objects.update(status="approved")
    assert stored() == {"gdp": (None, D("11.10"), "estimate"), "fai": (D("856000.0000"), D("15.47"), "final")}

    brief = briefs.build(2024, 12)
    assert brief.summary == [  # GDP is a figure of its own period (全年): a sentence of its own
        "2024年1–12月，固定资产投资完成85.60亿元，同比增长15.5%。2024年全年，地区生产总值预计增长11.1%。"
    ]
    gdp_row = next(r for r in brief.rows if r.name == "地区生产总值")
    assert (gdp_row.value, gdp_row.growth) == ("—", "11.1%（预计）")

    api.force_authenticate(world.clerk)
    figures = {f["indicator"]: f for f in api.get("/api/zone-figures/?year=2024&month=12").json()}
    gdp = figures["gdp"]
    assert (gdp["period"], gdp["status"], gdp["status_label"], gdp["growth_text"]) == (
        "2024年全年",
        "estimate",
        "预计",
        "预计增长11.1%",
    )
    assert (figures["fai"]["value"], figures["fai"]["growth_text"]) == ("856000.0000", "同比增长15.5%")
    listed = api.get("/api/observations/?indicator=gdp").json()["results"]
    assert [o["status"] for o in listed] == ["estimate"]


def test_an_invalid_status_is_refused_with_its_row(clerk, catalogue):
    rows = [["固定资产投资", "亿元", 85.6, 15.47, "正式"], ["地区生产总值", "%", None, 11.1, "初步"]]
    job = upload(clerk, "indicator-table", table(rows), year=2024, month=12)
    assert errors(job) == [(4, "数据状态", "数据状态“初步”不是预计、快报、正式之一。")]
    assert Observation.objects.count() == 0


def test_a_blank_status_keeps_the_stored_one_and_a_new_word_replaces_it(world, catalogue):
    def run(status):
        spec = get_spec("indicator-table")(
            world.clerk, options={"data_set": "bureau-main", "year": 2024, "month": 12}
        )
        header = ["指标名称", "计量单位", "累计值", "同比增长", "数据状态"]
        result = run_import(
            spec, Table(header=header, rows=[["地区生产总值", "%", "", "11.1", status]]), commit=True
        )
        assert result.ok, result.errors

    run("预计")
    from gaoxin.core.models import ObjectChange

    rows = ObjectChange.objects.filter(content_type__model="submission").values_list(
        "postchange_data", flat=True
    )
    assert {"地区生产总值": "—（增速 11.1%）（预计）"} in list(rows)
    run("")
    assert Observation.objects.get().status == "estimate"
    run("正式")
    assert Observation.objects.get().status == "final"


def test_the_status_is_corrected_by_hand_and_shown_in_the_list_and_the_detail(clerk, catalogue):
    observation = Observation.objects.create(
        indicator=catalogue["gdp"], scope="zone", year=2024, month=12, growth=D("11.1"), source="bureau"
    )
    response = clerk.post(
        reverse("indicators:observation_edit", args=[observation.pk]),
        {"growth": "11.1", "status": "estimate", "note": "统计局预计数", "change_message": "预计数"},
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    observation.refresh_from_db()
    assert observation.status == "estimate"
    listed = clerk.get(reverse("indicators:observation_list") + "?year=2024&month=12").content.decode()
    assert "预计" in listed and "2024年全年" in listed
    detail = clerk.get(observation.get_absolute_url()).content.decode()
    assert 'data-testid="figure-status">预计<' in detail


def test_the_cockpit_and_goal_texts_carry_the_status(world, catalogue):
    Observation.objects.create(
        indicator=catalogue["gdp"],
        scope="zone",
        year=2024,
        month=12,
        growth=D("11.1"),
        source="bureau",
        status="estimate",
    )
    target = Target.objects.create(
        indicator=catalogue["gdp"], year=2024, basis="growth", base_value=D(10), strict=True
    )
    data = services.ZoneData([catalogue["gdp"]], [2024])
    status = services.target_status(target, data.reading(catalogue["gdp"], 2024, 12), data)
    assert status.text == "2024年全年累计增长11.1%（预计），高于序时目标10.0%，超出1.1个百分点。"

    from gaoxin.goals.models import Goal
    from gaoxin.goals.services import evaluate

    goal = Goal.objects.create(
        year=2024,
        code="gdp",
        title="地区生产总值增长",
        metric="indicator_growth",
        params={"indicator": "gdp"},
        comparison="gt",
        target=10,
        unit="%",
    )
    state = evaluate(goal, None)
    assert state.shown_value == "11.1%（预计）"
    assert state.text == "2024年全年为11.1%（预计），高于目标10.0%，超出1.1个百分点。"
    assert state.value.explanation.startswith("2024年全年为11.1%（预计）")


# --- quarters -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("month", "label"),
    [(3, "2025年一季度"), (6, "2025年上半年"), (9, "2025年前三季度"), (12, "2025年全年")],
)
def test_a_quarterly_series_reads_quarters(month, label):
    with translation.override("zh-hans"):
        assert period_label(2025, month, "quarterly") == label


@pytest.mark.parametrize(
    ("month", "label"), [(1, "2025年1月"), (2, "2025年1–2月"), (3, "2025年1–3月"), (12, "2025年1–12月")]
)
def test_a_monthly_series_keeps_its_labels(month, label):
    with translation.override("zh-hans"):
        assert period_label(2025, month) == label
        assert period_label(2025, month, "monthly") == label


def test_a_quarterly_data_set_takes_quarter_months_only(world, catalogue):
    bureau = catalogue["bureau"]
    bureau.frequency = "quarterly"
    bureau.save()
    assert bureau.months() == [3, 6, 9, 12]
    assert str(Submission(data_set=bureau, year=2025, month=6)).startswith("主要经济指标 · 2025年上半年")
    spec = get_spec("indicator-table")(world.clerk, options={"data_set": bureau, "year": 2025, "month": 8})
    result = run_import(
        spec, Table(header=["指标名称", "同比增长"], rows=[["地区生产总值", "10.4"]]), commit=False
    )
    assert result.file_error == "主要经济指标按季度公布：请选择3、6、9或12月。"
