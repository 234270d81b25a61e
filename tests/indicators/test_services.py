"""Readings, aggregates, target status in words, forecasts: exact values, band edges."""

from decimal import Decimal

import pytest
from django.urls import reverse

from gaoxin.indicators import services
from gaoxin.indicators.models import Aggregate, Indicator, Observation, Target
from tests.factories import make_enterprise

D = Decimal


@pytest.fixture
def catalogue(world):
    output = Indicator.objects.create(
        code="output", name="规模以上工业总产值", unit="万元", kind="level", sums_enterprises=True
    )
    high = Indicator.objects.create(
        code="high", name="高新技术产值", unit="万元", kind="level", sums_enterprises=True
    )
    share = Indicator.objects.create(
        code="share", name="高新技术产值占比", unit="%", kind="ratio", numerator=high, denominator=output
    )
    added = Indicator.objects.create(
        code="iva", name="规模以上工业增加值", unit="%", kind="rate", comparable_prices=True
    )
    return {"output": output, "high": high, "share": share, "iva": added}


def observe(indicator, year, month, value=None, growth=None, enterprise=None):
    scope = "enterprise" if enterprise else "zone"
    return Observation.objects.create(
        indicator=indicator,
        scope=scope,
        enterprise=enterprise,
        year=year,
        month=month,
        value=value,
        growth=growth,
        source="bureau",
    )


def test_ratio_is_computed_from_its_terms(catalogue):
    observe(catalogue["output"], 2024, 12, value=D("1910700"))
    observe(catalogue["high"], 2024, 12, value=D("1433000"))
    data = services.ZoneData([catalogue["share"]], [2024])
    reading = data.reading(catalogue["share"], 2024, 12)
    assert reading.value.quantize(D("0.0001")) == D("74.9987")  # 143.3 ÷ 191.07 亿元
    assert services.pct(reading.value) == "75.0%"


def test_reported_growth_wins_over_computed(catalogue):
    observe(catalogue["output"], 2023, 9, value=D("100"))
    observe(catalogue["output"], 2024, 9, value=D("120"), growth=D("13.80"))
    reading = services.ZoneData([catalogue["output"]], [2024]).reading(catalogue["output"], 2024, 9)
    assert (reading.growth, reading.growth_basis) == (D("13.80"), "reported")


def test_growth_is_computed_when_not_reported(catalogue):
    observe(catalogue["output"], 2023, 9, value=D("100"))
    observe(catalogue["output"], 2024, 9, value=D("121"))
    reading = services.ZoneData([catalogue["output"]], [2024]).reading(catalogue["output"], 2024, 9)
    assert (reading.growth, reading.growth_basis) == (D("21"), "computed")
    assert reading.growth_note() == "增速按同一批企业上年同期计算"


def test_aggregates_sum_parks_and_compute_growth_on_the_same_enterprises(world, catalogue):
    output = catalogue["output"]
    c = make_enterprise("丙企业", 3, park=world.park)  # new this year: counted, but not in the growth basis
    observe(output, 2023, 9, value=D("100"), enterprise=world.firm_a)
    observe(output, 2023, 9, value=D("50"), enterprise=world.firm_b)
    observe(output, 2024, 9, value=D("110"), enterprise=world.firm_a)
    observe(output, 2024, 9, value=D("60"), enterprise=world.firm_b)
    observe(output, 2024, 9, value=D("30"), enterprise=c)
    services.refresh_aggregates({(2024, 9)})
    zone = Aggregate.objects.get(indicator=output, scope_key="zone", year=2024, month=9)
    assert (zone.value, zone.reporters, zone.same_set_current, zone.same_set_previous) == (
        D("200"),
        3,
        D("170"),
        D("150"),
    )
    east = Aggregate.objects.get(indicator=output, scope_key=f"park:{world.park.pk}", year=2024, month=9)
    assert (east.value, east.reporters) == (D("140"), 2)
    reading = services.ZoneData([output], [2024]).reading(output, 2024, 9)
    assert reading.value == D("200")
    assert reading.growth.quantize(D("0.01")) == D("13.33")  # 170 / 150 − 1
    assert reading.growth_basis == "computed"


def test_aggregates_of_a_first_year_have_no_same_set_basis(world, catalogue):
    output = catalogue["output"]
    observe(output, 2024, 9, value=D("110"), enterprise=world.firm_a)
    observe(output, 2024, 9, value=D("60"), enterprise=world.firm_b)
    observe(output, 2023, 8, value=D("90"), enterprise=world.firm_a)  # another month: no basis
    services.refresh_aggregates({(2024, 9)})
    zone = Aggregate.objects.get(indicator=output, scope_key="zone", year=2024, month=9)
    assert (zone.value, zone.reporters, zone.same_set_current, zone.same_set_previous) == (
        D("170"),
        2,
        None,
        None,
    )
    parks = Aggregate.objects.filter(indicator=output, scope="park", year=2024, month=9)
    assert sum(a.value for a in parks) == D("170")
    assert {(a.same_set_current, a.same_set_previous) for a in parks} == {(None, None)}


def test_comparable_price_indicator_never_computes_growth(catalogue):
    catalogue["output"].comparable_prices = True
    catalogue["output"].save()
    observe(catalogue["output"], 2023, 9, value=D("100"))
    observe(catalogue["output"], 2024, 9, value=D("121"))
    reading = services.ZoneData([catalogue["output"]], [2024]).reading(catalogue["output"], 2024, 9)
    assert reading.growth is None


def growth_target(indicator, base="15", yellow="2", strict=False, stretch=None):
    return Target.objects.create(
        indicator=indicator,
        year=2025,
        basis="growth",
        base_value=D(base),
        stretch_value=stretch,
        yellow_gap=D(yellow),
        strict=strict,
    )


@pytest.mark.parametrize(
    ("growth", "color", "text"),
    [
        ("12.1", "red", "2025年1–9月累计增长12.1%，低于序时目标15.0%，差2.9个百分点。"),
        ("13.0", "yellow", "2025年1–9月累计增长13.0%，低于序时目标15.0%，差2.0个百分点。"),  # the yellow edge
        (
            "12.99",
            "yellow",
            "2025年1–9月累计增长13.0%，低于序时目标15.0%，差2.0个百分点。",
        ),  # shown 13.0: yellow
        ("12.94", "red", "2025年1–9月累计增长12.9%，低于序时目标15.0%，差2.1个百分点。"),
        ("14.96", "green", "2025年1–9月累计增长15.0%，与序时目标15.0%持平。"),  # shown 15.0 meets ≥ 15
        ("14.94", "yellow", "2025年1–9月累计增长14.9%，低于序时目标15.0%，差0.1个百分点。"),
        ("15.0", "green", "2025年1–9月累计增长15.0%，与序时目标15.0%持平。"),
        ("16.2", "green", "2025年1–9月累计增长16.2%，高于序时目标15.0%，超出1.2个百分点。"),
    ],
)
def test_growth_target_status_in_words(catalogue, growth, color, text):
    target = growth_target(catalogue["iva"])
    observe(catalogue["iva"], 2025, 9, growth=D(growth))
    data = services.ZoneData([catalogue["iva"]], [2025])
    status = services.target_status(target, data.reading(catalogue["iva"], 2025, 9), data)
    assert (status.color, status.text) == (color, text)


@pytest.mark.parametrize(
    ("growth", "color", "text"),
    [
        ("10", "yellow", "2025年1–9月累计增长10.0%，与序时目标10.0%持平，未达到“高于10.0%”的要求。"),
        ("10.04", "yellow", "2025年1–9月累计增长10.0%，与序时目标10.0%持平，未达到“高于10.0%”的要求。"),
        ("10.05", "green", "2025年1–9月累计增长10.1%，高于序时目标10.0%，超出0.1个百分点。"),
    ],
)
def test_strict_target_is_not_met_at_equality_and_says_so(catalogue, growth, color, text):
    target = growth_target(catalogue["iva"], base="10", strict=True)
    observe(catalogue["iva"], 2025, 9, growth=D(growth))
    data = services.ZoneData([catalogue["iva"]], [2025])
    status = services.target_status(target, data.reading(catalogue["iva"], 2025, 9), data)
    assert (status.color, status.text) == (color, text)


@pytest.mark.parametrize(
    ("current", "previous", "growth", "remark"),
    [
        ("121", "100", D("21"), ""),
        ("-100", "50", D("-300"), ""),  # a positive base gives a rate, however steep
        ("50", "-100", None, "扭亏为盈"),
        ("0", "-100", None, "减亏"),
        ("-50", "-100", None, "减亏"),
        ("-150", "-100", None, "增亏"),
        ("-100", "-100", None, "亏损持平"),
        ("50", "0", None, "上年同期为零，不计算增速"),
        ("0", "0", None, "上年同期为零，不计算增速"),
    ],
)
def test_growth_on_a_zero_or_negative_base_is_words_not_a_percentage(current, previous, growth, remark):
    assert services.growth_between(D(current), D(previous)) == growth
    assert services.growth_remark(D(current), D(previous)) == remark


def test_a_reading_on_a_negative_base_carries_the_remark(catalogue):
    observe(catalogue["output"], 2023, 9, value=D("-100"))
    observe(catalogue["output"], 2024, 9, value=D("50"))
    reading = services.ZoneData([catalogue["output"]], [2024]).reading(catalogue["output"], 2024, 9)
    assert (reading.growth, reading.growth_remark, reading.growth_basis) == (None, "扭亏为盈", "computed")


def test_level_target_split_by_elapsed_months_and_by_last_year(catalogue):
    output = catalogue["output"]
    target = Target.objects.create(indicator=output, year=2025, basis="level", base_value=D("1200000"))
    assert services.period_target(target, 9) == D("900000")
    observe(output, 2024, 9, value=D("700000"))
    observe(output, 2024, 12, value=D("1000000"))
    target.split = "last_year"
    target.save()
    data = services.ZoneData([output], [2025])
    assert services.period_target(target, 9, data) == D("840000")  # 1,200,000 × 70%
    observe(output, 2025, 9, value=D("800000"))
    data = services.ZoneData([output], [2025])
    status = services.target_status(target, data.reading(output, 2025, 9), data)
    assert status.color == "red"
    assert status.text == "2025年1–9月为80.00亿元，完成序时目标84.00亿元的95.2%，差4.8%。"


def test_forecast_of_a_level_from_past_shares(catalogue):
    output = catalogue["output"]
    for year, nine, twelve in ((2022, "70", "100"), (2023, "72", "100"), (2024, "74", "100")):
        observe(output, year, 9, value=D(nine))
        observe(output, year, 12, value=D(twelve))
    observe(output, 2025, 9, value=D("81"))
    data = services.ZoneData([output], [2025, 2024, 2023, 2022])
    forecast = services.forecast_level(output, 2025, 9, data)
    assert forecast.value.quantize(D("0.01")) == D("112.50")  # 81 / 0.72
    assert (forecast.low.quantize(D("0.01")), forecast.high.quantize(D("0.01"))) == (D("109.46"), D("115.71"))
    growth = services.forecast_growth(output, 2025, 9, data)
    assert growth.value.quantize(D("0.01")) == D("12.50")


def test_forecast_of_a_reported_rate_from_past_moves(catalogue):
    iva = catalogue["iva"]
    for year, nine, twelve in ((2023, "10.0", "11.0"), (2024, "13.0", "13.8")):
        observe(iva, year, 9, growth=D(nine))
        observe(iva, year, 12, growth=D(twelve))
    observe(iva, 2025, 9, growth=D("12.1"))
    data = services.ZoneData([iva], [2025, 2024, 2023])
    forecast = services.forecast_growth(iva, 2025, 9, data)
    assert (forecast.value, forecast.low, forecast.high) == (D("13.0"), D("12.9"), D("13.1"))
    assert services.verdict(forecast, D("15")) == ("unlikely", "难以完成")
    assert services.verdict(forecast, D("13")) == ("at_risk", "有风险")
    assert services.verdict(forecast, D("12.9")) == ("likely", "预计可完成")


def test_latest_period(catalogue):
    assert services.latest_period() is None
    observe(catalogue["iva"], 2025, 8, growth=D("12"))
    observe(catalogue["iva"], 2024, 12, growth=D("13.8"))
    assert services.latest_period() == (2025, 8)
    assert services.latest_period(2024) == (2024, 12)


def test_a_park_target_is_judged_on_the_parks_own_totals(client, world, catalogue):
    output = catalogue["output"]
    observe(output, 2023, 9, value=D("100"), enterprise=world.firm_a)  # firm A is in world.park
    observe(output, 2024, 9, value=D("110"), enterprise=world.firm_a)
    observe(output, 2024, 9, value=D("60"), enterprise=world.firm_b)  # another park: not counted
    services.refresh_aggregates({(2024, 9)})
    Target.objects.create(
        indicator=output, year=2024, scope="park", park=world.park, basis="growth", base_value=15
    )
    client.force_login(world.leader)
    page = client.get(output.get_absolute_url() + "?year=2024").content.decode()
    split = page.split('data-testid="split-targets"')[1]
    assert world.park.name in split
    assert "2024年1–9月累计增长10.0%，低于序时目标15.0%，差5.0个百分点。" in split
    assert "bg-red-lt" in split


def test_the_data_list_opens_on_the_latest_period(client, world, catalogue):
    observe(catalogue["iva"], 2025, 7, growth=D("11.5"))
    observe(catalogue["iva"], 2025, 8, growth=D("12.1"))
    client.force_login(world.clerk)
    page = client.get(reverse("indicators:observation_list")).content.decode()
    assert "2025年1–8月" in page and "2025年1–7月" not in page
    page = client.get(reverse("indicators:observation_list") + "?year=2025").content.decode()
    assert "2025年1–8月" in page and "2025年1–7月" in page


def test_latest_period_reads_zone_rows_only(world, catalogue):
    observe(catalogue["output"], 2025, 9, value=D("5"), enterprise=world.firm_a)  # no zone row, no aggregate
    observe(catalogue["iva"], 2025, 8, growth=D("12.1"))
    observe(catalogue["iva"], 2024, 12, growth=D("13.8"))
    assert services.latest_period() == (2025, 8)
    assert services.latest_period(2024) == (2024, 12)
    services.refresh_aggregates({(2025, 9)})
    assert services.latest_period() == (2025, 9)
    assert services.latest_period(aggregates=False) == (2025, 8)
