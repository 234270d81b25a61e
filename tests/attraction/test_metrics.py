"""Goal metrics of 招商引资 with exact values: verified signings only, tier edges (exactly
10 亿元 counts for ≥10 亿元), totals in 亿元, the linear forecast."""

import datetime
from decimal import Decimal

import pytest

from gaoxin.attraction.models import Activity, Lead, Signing
from gaoxin.core.metrics import get_metric

D = datetime.date


MARCH = D(2025, 3, 1)


def sign(amount, day=MARCH, status=Signing.Status.VERIFIED):
    return Signing.objects.create(
        contract_date=day,
        project_name=f"项目{amount}",
        investor="某公司",
        amount=Decimal(amount),
        status=status,
    )


@pytest.fixture
def signings(world):
    sign("9999.9999")  # just under 1 亿元
    sign("10000")  # exactly 1 亿元
    sign("100000")  # exactly 10 亿元
    sign("299999")
    sign("300000", day=D(2025, 9, 30))
    sign("500000", day=D(2025, 10, 1))  # after the as-of day
    sign("600000", status=Signing.Status.REPORTED)  # not verified
    sign("700000", day=D(2024, 12, 31))  # last year
    sign("800000", status=Signing.Status.REJECTED)
    for amount, currency in (("14000", "USD"), ("900000", "CNY")):  # export orders: never counted
        Signing.objects.create(
            kind=Signing.Kind.TRADE_ORDER,
            currency=currency,
            contract_date=MARCH,
            project_name=f"出口订单{amount}",
            investor="某商会",
            amount=Decimal(amount),
            status=Signing.Status.VERIFIED,
        )


AS_OF = D(2025, 9, 30)


@pytest.mark.parametrize(("minimum", "count"), [(None, 4), (10000, 4), (100000, 3), (300000, 1), (500000, 0)])
def test_signings_count_by_tier(signings, minimum, count):
    params = {} if minimum is None else {"min_amount": minimum}
    value = get_metric("signings_count").compute(params, 2025, AS_OF)
    assert value.value == Decimal(count)
    assert "status=verified" in value.link and "year=2025" in value.link and "kind=investment" in value.link


def test_signings_amount_in_yi(signings):
    value = get_metric("signings_amount").compute({"min_amount": 10000}, 2025, AS_OF)
    assert value.value == Decimal("70.9999")  # 1 + 10 + 29.9999 + 30 亿元
    assert value.unit == "亿元"


def test_the_linear_forecast_counts_complete_months(signings):
    value = get_metric("signings_count").compute({"min_amount": 10000}, 2025, AS_OF)
    forecast = value.forecast
    assert forecast.value == Decimal("5.3")  # 4 × 12 ÷ 9
    assert forecast.low == Decimal("4.2") and forecast.high == Decimal("6.4")
    assert "9" in forecast.method


def test_no_forecast_before_a_month_is_complete(signings):
    assert get_metric("signings_count").compute({}, 2025, D(2025, 1, 20)).forecast is None


def test_a_complete_year_forecasts_its_value(signings):
    value = get_metric("signings_count").compute({}, 2024, D(2025, 6, 1))
    assert value.value == Decimal(1)
    assert value.forecast.value == value.forecast.low == value.forecast.high == Decimal(1)


def test_activities_count_by_kind(world):
    for day, kind in [(D(2025, 2, 1), "outbound"), (D(2025, 5, 1), "fair"), (D(2025, 11, 1), "outbound")]:
        Activity.objects.create(date=day, kind=kind, title="活动")
    metric = get_metric("activities_count")
    assert metric.compute({}, 2025, AS_OF).value == Decimal(2)
    assert metric.compute({"kinds": ["outbound"]}, 2025, AS_OF).value == Decimal(1)


def test_leads_in_stage(world):
    for stage in ["clue", "negotiation", "negotiation", "signed"]:
        Lead.objects.create(
            code=f"L{Lead.objects.count()}", company_name="某", stage=stage, stage_since=AS_OF
        )
    metric = get_metric("leads_in_stage")
    assert metric.compute({"stages": ["negotiation", "signed"]}, 2025, AS_OF).value == Decimal(3)
    assert metric.compute({"stages": ["negotiation", "signed"]}, 2025, AS_OF).forecast is None
