"""The 亩均 evaluation (land/evaluation.py): the 黄岩 2022 formula by hand, missing data
named, no land never divided, emissions given the group average, exemptions, and the grade
cut-offs at their edges."""

import datetime
from decimal import Decimal

import pytest

from gaoxin.land.evaluation import evaluate, scheme_problems
from gaoxin.land.models import MuExemption, MuIndicator, MuScheme
from tests.factories import facts, make_enterprise

from .helpers import above_scale, land, taizhou_scheme

pytestmark = pytest.mark.django_db
D = Decimal


def benchmark_firm(name, seed, park, *, times=1, emissions="100", cleaner=1):
    """A 规上 firm on 10 亩 whose every indicator is ``times`` the 2022 benchmark."""
    firm = make_enterprise(name, seed, park=park, established_on=datetime.date(2010, 1, 1))
    above_scale(firm, 2022)
    t = D(times)
    va = D("1361.6") * t  # 136.16 万元/亩 × 10 亩
    facts(
        firm,
        2022,
        tax_paid=D("240.97") * t,
        value_added=va,
        energy_tce=va / D("2.694"),
        staff_average=int(va / D("18.14")) if t == 1 else 75,
        rd_expense=D("30.2"),
        main_business_revenue=D(1000) / t,
    )
    land(firm, 2022, "10", emissions=None if emissions is None else va / D("4929.81") / cleaner)
    return firm


def test_a_firm_at_every_benchmark_scores_100_and_twice_the_tax_adds_30(world):
    scheme = taizhou_scheme()
    at = benchmark_firm("基准企业", 11, world.park)
    result = evaluate(scheme).by_enterprise()
    sheet = result[at.pk]
    # labour productivity: 1361.6 ÷ int(1361.6 ÷ 18.14 = 75.06) = 75 → 18.1547 ÷ 18.14 × 10 = 10.0081
    assert sheet.total == D("100.01")
    assert sheet.items["tax_per_mu"] == D(30)
    assert sheet.land_mu == D(10) and sheet.land_source == "土地台账"


def test_the_worked_formula_by_hand(world):
    scheme = taizhou_scheme()
    firm = make_enterprise("手算企业", 12, park=world.park, established_on=datetime.date(2010, 1, 1))
    above_scale(firm, 2022)
    facts(
        firm,
        2022,
        tax_paid=D(482),
        value_added=D(2000),
        energy_tce=D(1000),
        staff_average=100,
        rd_expense=D(60),
        main_business_revenue=D(2000),
    )
    land(firm, 2022, "12", leased="0", let_out="2", emissions="0.5")  # 10 亩 net
    sheet = evaluate(scheme).by_enterprise()[firm.pk]
    # 48.2/24.097×30 = 60.0075; 200/136.16×20 = 29.3772; 2/2.694×20 = 14.8478;
    # 4000/4929.81×10 = 8.1139; 20/18.14×10 = 11.0254; 0.03/0.0302×10 = 9.9338 → 133.3056
    assert sheet.total == D("133.31")
    assert sheet.items["value_added_per_energy"].quantize(D("0.0001")) == D("14.8478")


def test_missing_tax_is_named_and_land_zero_is_never_divided(world):
    scheme = taizhou_scheme()
    lacking = make_enterprise("缺税企业", 13, park=world.park)
    above_scale(lacking, 2022)
    facts(
        lacking,
        2022,
        value_added=D(100),
        energy_tce=D(10),
        staff_average=5,
        rd_expense=D(1),
        main_business_revenue=D(50),
    )
    land(lacking, 2022, "5")
    nothing = make_enterprise("零地企业", 14, park=world.park)
    above_scale(nothing, 2022)
    facts(nothing, 2022, tax_paid=D(10))
    land(nothing, 2022, "3", let_out="3")
    sheets = evaluate(scheme).by_enterprise()
    assert sheets[lacking.pk].excluded == "缺少2022年税收。" and sheets[lacking.pk].total is None
    assert sheets[nothing.pk].excluded == "2022年用地面积为0.00亩。"


def test_a_firm_without_emission_data_gets_the_group_average(world):
    scheme = taizhou_scheme()
    benchmark_firm("有排放", 15, world.park)  # emission item 10
    double = benchmark_firm("双倍", 16, world.park, cleaner=2)  # half the emissions: item 20
    blank = benchmark_firm("无排放", 17, world.park, emissions=None)
    sheet = evaluate(scheme).by_enterprise()[blank.pk]
    assert sheet.items["value_added_per_emission"].quantize(D("0.01")) == D("15.00")  # (10 + 20) ÷ 2
    assert "value_added_per_emission" in sheet.averaged
    assert evaluate(scheme).by_enterprise()[double.pk].items["value_added_per_emission"].quantize(
        D("0.01")
    ) == D("20.00")


def test_new_firms_and_listed_exemptions_are_scored_not_graded(world):
    scheme = taizhou_scheme(exempt_new_years=3)
    old = benchmark_firm("老企业", 18, world.park)
    young = benchmark_firm("新企业", 19, world.park)
    young.established_on = datetime.date(2020, 1, 1)  # 2020 > 2022 − 3: exempt
    young.save()
    edge = benchmark_firm("刚满企业", 20, world.park)
    edge.established_on = datetime.date(2019, 12, 31)  # 2019 = 2022 − 3: graded
    edge.save()
    MuExemption.objects.create(scheme=scheme, enterprise=old, kind="utility", reason="供水企业")
    sheets = evaluate(scheme).by_enterprise()
    assert sheets[old.pk].exempt == "供水企业" and sheets[old.pk].grade == "" and sheets[old.pk].total
    assert "2020" in sheets[young.pk].exempt and sheets[young.pk].grade == ""
    assert (sheets[edge.pk].rank, sheets[edge.pk].graded_count) == (1, 1)  # the only firm graded


def test_percentile_edges_top_25_is_a_and_the_next_is_b(world):
    scheme = taizhou_scheme()
    firms = [benchmark_firm(f"企业{n:02d}", 30 + n, world.park, times=D(1) + D(n) / 10) for n in range(8)]
    sheets = evaluate(scheme).by_enterprise()
    ranks = {sheets[f.pk].rank: sheets[f.pk].grade for f in firms}
    # 8 firms: rank 2 → 25% (A), 3 → 37.5% (B), 5 → 62.5% (B), 6 → 75% (C), 7 → 87.5% (C), 8 → 100% (D)
    assert ranks == {1: "A", 2: "A", 3: "B", 4: "B", 5: "B", 6: "C", 7: "C", 8: "D"}


def test_score_cut_offs_at_the_edge(world):
    scheme = taizhou_scheme(method="score", a_cut=D("100.01"), b_cut=D("100"), c_cut=D(60))
    at = benchmark_firm("基准企业", 11, world.park)  # 100.01 exactly
    assert evaluate(scheme).by_enterprise()[at.pk].grade == "A"
    scheme.a_cut = D("100.02")
    assert evaluate(scheme).by_enterprise()[at.pk].grade == "B"


def test_weights_not_summing_to_100_stop_the_evaluation_with_the_reason(world):
    scheme = taizhou_scheme()
    MuIndicator.objects.filter(scheme=scheme, code="rd_ratio").update(weight=D("9.99"))
    problems = scheme_problems(scheme)
    assert problems == ["规上企业的权重合计为99.99，不是100。"]
    assert evaluate(scheme).sheets == []


def test_below_scale_firms_under_the_land_threshold_are_out_of_scope(world):
    scheme = taizhou_scheme(below_scale_min_mu=D(3))
    small = make_enterprise("小企业", 40, park=world.park, established_on=datetime.date(2010, 1, 1))
    facts(small, 2022, tax_paid=D("24.097"), electricity_10k_kwh=D(10))
    land(small, 2022, "2.99")
    edge = make_enterprise("三亩企业", 41, park=world.park, established_on=datetime.date(2010, 1, 1))
    facts(edge, 2022, tax_paid=D("72.291"), electricity_10k_kwh=D("144.582"))
    land(edge, 2022, "3")
    sheets = evaluate(scheme).by_enterprise()
    assert small.pk not in sheets
    # 24.097/24.097×50 + (72.291/144.582 = 0.5)/0.5×50 = 100
    assert sheets[edge.pk].group == "below" and sheets[edge.pk].total == D("100.00")


def test_the_scheme_is_not_published_with_problems(world):
    from django.core.exceptions import ValidationError

    from gaoxin.land.services import scheme_publish

    scheme = MuScheme.objects.create(name="空方案", year=2023)
    with pytest.raises(ValidationError):
        scheme_publish(scheme=scheme, user=world.admin)
    scheme.refresh_from_db()
    assert scheme.state == "draft"
