"""Annual goals as live KPIs: metrics from the indicators and from the registry, status
and forecast in words, the cockpit and /api/goals/."""

import datetime
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from gaoxin.core.metrics import all_metrics
from gaoxin.goals import services
from gaoxin.goals.models import Goal
from gaoxin.indicators.models import Indicator, Observation, Target
from gaoxin.zone.models import Zone
from tests.factories import make_enterprise, qualification

D = Decimal


@pytest.fixture
def iva(world):
    indicator = Indicator.objects.create(
        code="iva", name="规模以上工业增加值", unit="%", kind="rate", comparable_prices=True
    )
    for year, month, growth in ((2024, 8, "13.0"), (2024, 12, "13.8"), (2025, 8, "12.1")):
        Observation.objects.create(
            indicator=indicator, scope="zone", year=year, month=month, growth=D(growth), source="bureau"
        )
    Target.objects.create(indicator=indicator, year=2025, basis="growth", base_value=15, stretch_value=20)
    return indicator


def test_metrics_are_registered_by_the_apps():
    codes = {m.code for m in all_metrics()}
    assert {"indicator_growth", "indicator_value", "enterprises_with_qualification"} <= codes


def test_growth_goal_status_and_forecast(iva):
    goal = Goal.objects.create(
        year=2025,
        code="iva",
        title="规上工业增加值增长",
        metric="indicator_growth",
        params={"indicator": "iva"},
        target=15,
        stretch=20,
        unit="%",
    )
    Zone.objects.update(reference_date=datetime.date(2025, 9, 30))
    state = services.evaluate(goal, services.as_of_for(2025))
    assert services.as_of_for(2025) == datetime.date(2025, 9, 30)  # the evaluation date
    assert (state.color, state.shown_value, state.progress) == ("red", "12.1%", 81)
    assert state.text == "2025年1–8月为12.1%，低于目标15.0%，差2.9个百分点。"
    assert state.value.forecast.value == D("12.9")  # 12.1 + (13.8 − 13.0)
    assert (state.verdict, state.verdict_text) == ("unlikely", "难以完成")
    assert state.value.link == f"{reverse('indicators:indicator_detail', args=[iva.pk])}?year=2025"


def test_stretch_target_reached(iva):
    Observation.objects.filter(year=2025).update(growth=D("20.5"))
    goal = Goal.objects.create(
        year=2025,
        code="iva",
        title="x",
        metric="indicator_growth",
        params={"indicator": "iva"},
        target=15,
        stretch=20,
        unit="%",
    )
    state = services.evaluate(goal, services.as_of_for(2025))
    assert state.color == "green"
    assert state.stretch_met is True
    assert state.text.endswith("已达到力争目标20.0%。")


def test_registry_goal_counts_holders_and_forecasts_from_last_year(world, iva):
    c = make_enterprise("丙企业", 3)
    d = make_enterprise("丁企业", 4)
    # 2024: one holder on 31 August, two by 31 December (a factor of 2)
    qualification(world.firm_a, "high_tech", datetime.date(2023, 12, 1))
    qualification(world.firm_b, "high_tech", datetime.date(2024, 11, 20))
    # 2025: three holders on 31 August
    qualification(c, "high_tech", datetime.date(2025, 3, 1))
    qualification(d, "tech_sme", datetime.date(2025, 3, 1))
    Zone.objects.update(reference_date=datetime.date(2025, 8, 31))
    goal = Goal.objects.create(
        year=2025,
        code="ht",
        title="高企翻番",
        metric="enterprises_with_qualification",
        params={"types": ["high_tech"]},
        target=8,
        unit="家",
    )
    state = services.evaluate(goal, services.as_of_for(2025))
    assert state.value.value == D(3)
    assert (state.value.forecast.value, state.verdict) == (D(6), "unlikely")
    assert state.color == "red"
    assert state.text == "截至2025-08-31为3家，完成目标8家的37.5%，尚差5家。"
    assert "qualification_any=high_tech&valid_on=2025-08-31" in state.value.link


def test_four_above_counts_any_of_the_types(world, iva):
    qualification(
        world.firm_a, "above_scale_industry", datetime.date(2025, 1, 1), expires=datetime.date(2025, 12, 31)
    )
    qualification(
        world.firm_b, "above_scale_services", datetime.date(2025, 1, 1), expires=datetime.date(2025, 12, 31)
    )
    qualification(
        world.firm_b, "above_quota_trade", datetime.date(2025, 1, 1), expires=datetime.date(2025, 12, 31)
    )
    goal = Goal.objects.create(
        year=2025,
        code="four",
        title="四上",
        metric="enterprises_with_qualification",
        params={"types": ["above_scale_industry", "above_quota_trade", "above_scale_services"]},
        target=2,
        unit="家",
    )
    state = services.evaluate(goal, services.as_of_for(2025))
    assert (state.value.value, state.color) == (D(2), "green")


def test_cockpit_for_leaders_only(client, world, iva):
    Goal.objects.create(
        year=2025,
        code="iva",
        title="规上工业增加值增长",
        metric="indicator_growth",
        params={"indicator": "iva"},
        target=15,
        unit="%",
    )
    Zone.objects.update(reference_date=datetime.date(2025, 9, 30))
    client.force_login(world.leader)
    response = client.get(reverse("goals:cockpit"))
    assert response.status_code == 200
    content = response.content.decode()
    assert "截至2025年9月30日（评价基准日） · 统计数据：2025年1–8月" in content
    assert "规上工业增加值增长" in content
    brief = reverse("reports:brief", args=["docx"]) + "?year=2025&amp;month=8&amp;as_of=2025-09-30"
    assert brief in content
    client.force_login(world.firm_user)
    assert client.get(reverse("goals:cockpit")).status_code == 403


def test_cockpit_says_who_is_late(client, world, iva, settings):
    from gaoxin.indicators.models import DataSet, Submission

    data_set = DataSet.objects.create(code="monthly", name="规上工业企业月报", scope="zone", due_day=12)
    Submission.objects.create(data_set=data_set, year=2025, month=8, status="approved")
    Submission.objects.create(data_set=data_set, year=2025, month=9)  # a draft, due 2025-10-12
    client.force_login(world.leader)
    content = client.get(reverse("goals:cockpit")).content.decode()
    late = content.split('data-testid="late-summary"')[1].split("row row-cards")[0]
    # this year's: September (a draft) to December, newest first; not 2026's
    assert late.count("list-group-item") == 4
    assert "规上工业企业月报 · 2025年1–9月" in late and "2026年" not in late
    assert reverse("indicators:late") in late


def test_cockpit_query_count_does_not_grow_with_enterprise_data(client, world, iva):
    Goal.objects.create(
        year=2025,
        code="iva",
        title="x",
        metric="indicator_growth",
        params={"indicator": "iva"},
        target=15,
        unit="%",
    )
    from gaoxin.indicators.services import refresh_aggregates

    output = Indicator.objects.create(
        code="output", name="规模以上工业总产值", unit="万元", kind="level", sums_enterprises=True
    )
    client.force_login(world.leader)

    def add_firms(start, count_):
        firms = [make_enterprise(f"企业{i}", 100 + i, park=world.park) for i in range(start, start + count_)]
        Observation.objects.bulk_create(
            Observation(
                indicator=output,
                scope="enterprise",
                enterprise=f,
                scope_key=f"ent:{f.pk}",
                year=2025,
                month=m,
                value=D(m * 10),
                source="bureau",
            )
            for f in firms
            for m in range(2, 9)
        )
        refresh_aggregates({(2025, m) for m in range(2, 9)})

    def count():
        with CaptureQueriesContext(connection) as queries:
            assert client.get(reverse("goals:cockpit")).status_code == 200
        return len(queries)

    add_firms(0, 3)
    client.get(reverse("goals:cockpit"))
    small = count()
    add_firms(3, 40)
    assert count() == small


def test_goals_api_gives_state_and_forecast(api, world, iva):
    Goal.objects.create(
        year=2025,
        code="iva",
        title="规上工业增加值增长",
        metric="indicator_growth",
        params={"indicator": "iva"},
        target=15,
        stretch=20,
        unit="%",
    )
    api.force_authenticate(world.leader)
    [goal] = api.get("/api/goals/?year=2025").json()["results"]
    assert goal["state"]["value"] == "12.10"
    assert goal["state"]["status"] == "red"
    assert goal["state"]["forecast"]["verdict"] == "unlikely"
    api.force_authenticate(world.firm_user)
    assert api.get("/api/goals/").status_code == 403


def test_a_park_total_on_the_cockpit_links_to_the_enterprise_values_behind_it(client, world, iva):
    from gaoxin.indicators.services import refresh_aggregates

    output = Indicator.objects.create(
        code="output", name="规模以上工业总产值", unit="万元", kind="level", sums_enterprises=True
    )
    inside = make_enterprise("园内企业", 201, park=world.park)
    outside = make_enterprise("园外企业", 202, park=world.park2)
    for firm, amount in ((inside, "120"), (outside, "80")):
        Observation.objects.create(
            indicator=output,
            scope="enterprise",
            enterprise=firm,
            year=2025,
            month=8,
            value=D(amount),
            source="bureau",
        )
    refresh_aggregates({(2025, 8)})
    client.force_login(world.leader)
    content = client.get(reverse("goals:cockpit")).content.decode()
    link = (
        reverse("indicators:observation_list")
        + f"?indicator=output&amp;scope=enterprise&amp;park={world.park.pk}&amp;year=2025&amp;month=8"
    )
    assert link in content
    listed = client.get(link.replace("&amp;", "&")).content.decode()
    assert "园内企业" in listed and "园外企业" not in listed
