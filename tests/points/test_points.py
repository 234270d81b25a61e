"""The points' rules with hand-computed values at their edges: weights that sum to 100 (and
99.99 refused), stage rules that cover every firm (a gap refused and named), a firm exactly on
a stage boundary, a tier edge, a zero base in a growth indicator, missing data named never
zero, ranks within a stage, and the bank export only for consenting firms."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from gaoxin.points import services, stages
from gaoxin.points.facts import FirmData, Missing
from gaoxin.points.models import Consent, Indicator, StageRule
from gaoxin.points.services import Sheet, indicator_points, rank_and_tier
from tests.factories import facts

from .helpers import RULES, example_scheme

pytestmark = pytest.mark.django_db


def weights_of(scheme):
    return {i.code: (i.weight_startup, i.weight_growth, i.weight_stable) for i in scheme.indicators.all()}


def test_weights_summing_to_99_99_are_refused_and_nothing_is_saved(world):
    scheme = example_scheme()
    before = weights_of(scheme)
    rd, growth, ip1 = scheme.indicators.all()
    weights = {
        rd.pk: {"startup": Decimal("49.99"), "growth": 40, "stable": 30},
        growth.pk: {"startup": 30, "growth": 30, "stable": 30},
        ip1.pk: {"startup": 20, "growth": 30, "stable": 40},
    }
    with pytest.raises(ValidationError) as refused:
        services.weights_set(scheme=scheme, weights=weights)
    assert refused.value.messages == ["初创期的权重合计为99.99，不是100。"]
    assert weights_of(scheme) == before


def test_weights_summing_to_exactly_100_are_saved(world):
    scheme = example_scheme()
    rd, growth, ip1 = scheme.indicators.all()
    weights = {
        rd.pk: {"startup": Decimal("49.99"), "growth": 40, "stable": 30},
        growth.pk: {"startup": Decimal("30.01"), "growth": 30, "stable": 30},
        ip1.pk: {"startup": 20, "growth": 30, "stable": 40},
    }
    services.weights_set(scheme=scheme, weights=weights)
    assert weights_of(scheme)["rd"] == (Decimal("49.99"), Decimal(40), Decimal(30))
    assert weights_of(scheme)["growth"][0] == Decimal("30.01")


def test_a_stage_rule_set_with_a_gap_is_refused_naming_the_gap(world):
    scheme = example_scheme()
    with pytest.raises(ValidationError) as refused:
        services.stage_rules_set(scheme=scheme, rules=RULES[:2])
    assert refused.value.messages == ["没有规则为以下企业确定阶段：成立年限 ≥ 3 年，营业收入 ≥ 5000 万元。"]
    assert StageRule.objects.filter(scheme=scheme).count() == 3


def test_a_covering_rule_set_replaces_the_old_one(world):
    scheme = example_scheme()
    services.stage_rules_set(scheme=scheme, rules=[{"stage": "growth"}])
    assert [(r.stage, r.min_age, r.max_age) for r in scheme.stage_rules.all()] == [("growth", None, None)]


def firm(established, revenue, year=2024):
    return FirmData(1, year, established, {"operating_revenue": revenue}, None, 0)


@pytest.mark.parametrize(
    ("established", "revenue", "stage"),
    [
        (datetime.date(2022, 12, 31), Decimal(100), "startup"),  # age 2
        (datetime.date(2021, 1, 1), Decimal(100), "growth"),  # age exactly 3: the growth rule's lower bound
        (datetime.date(2021, 1, 1), Decimal("4999.9999"), "growth"),
        (datetime.date(2021, 1, 1), Decimal(5000), "stable"),  # revenue exactly 5000: stable
    ],
)
def test_the_stage_at_its_boundaries(established, revenue, stage):
    rules = [StageRule(**rule) for rule in RULES]
    assert stages.assign(rules, firm(established, revenue)) == stage


def test_a_firm_without_revenue_has_no_stage_and_the_reason_is_named():
    rules = [StageRule(**rule) for rule in RULES]
    with pytest.raises(Missing) as missing:
        stages.assign(rules, firm(datetime.date(2020, 1, 1), None))
    assert str(missing.value) == "缺少2024年营业收入"


@pytest.mark.parametrize(
    ("method", "reference", "bands", "raw", "points"),
    [
        ("linear", Decimal(10), [], Decimal(8), Decimal("80.00")),
        ("linear", Decimal(10), [], Decimal(10), Decimal("100.00")),
        ("linear", Decimal(10), [], Decimal(15), Decimal("100.00")),  # capped
        ("linear", Decimal(10), [], Decimal(-3), Decimal("0")),
        ("linear", Decimal(3), [], Decimal(1), Decimal("33.33")),
        ("bands", None, [[1, 60], [3, 100]], Decimal(0), Decimal("0")),
        ("bands", None, [[1, 60], [3, 100]], Decimal(2), Decimal("60")),
        ("bands", None, [[1, 60], [3, 100]], Decimal(3), Decimal("100")),  # exactly on the band
    ],
)
def test_indicator_points(method, reference, bands, raw, points):
    indicator = Indicator(method=method, reference=reference, bands=bands)
    assert indicator_points(indicator, raw) == points


def test_tier_edges_and_ranks_within_a_stage(world):
    scheme = example_scheme()
    sheets = [
        Sheet(1, 2024, "growth", total=Decimal("80.00")),
        Sheet(2, 2024, "growth", total=Decimal("79.99")),
        Sheet(3, 2024, "growth", total=Decimal("80.00")),
        Sheet(4, 2024, "growth", total=Decimal("39.99")),
        Sheet(5, 2024, "startup", total=Decimal("10")),
    ]
    rank_and_tier(sheets, list(scheme.tiers.all()))
    assert [(s.enterprise_id, s.rank, s.stage_count, s.tier) for s in sheets] == [
        (1, 1, 4, "A"),
        (2, 3, 4, "B"),
        (3, 1, 4, "A"),
        (4, 4, 4, ""),
        (5, 1, 1, ""),
    ]


def make_firms(world):
    a, b = world.firm_a, world.firm_b
    a.established_on = datetime.date(2021, 5, 1)  # age 3 in 2024: growth
    a.save()
    b.established_on = datetime.date(2022, 1, 1)  # age 2: start-up
    b.save()
    facts(a, 2023, operating_revenue=Decimal(3200))
    facts(a, 2024, operating_revenue=Decimal(4000), rd_expense=Decimal(320), ip_class1_count=3)
    facts(b, 2023, operating_revenue=Decimal(0))
    facts(b, 2024, operating_revenue=Decimal(1000), rd_expense=Decimal(150))
    return a, b


def test_the_sheets_hand_computed(world, django_assert_max_num_queries):
    scheme = example_scheme()
    a, b = make_firms(world)
    with django_assert_max_num_queries(7):
        sheets = {s.enterprise_id: s for s in services.points_compute(scheme=scheme, year=2024)}
    sheet = sheets[a.pk]
    # R&D 320 ÷ 4000 = 8% → 80 points × 40 = 32; growth 25% → 50 × 30 = 15; 3 Class I → 100 × 30 = 30
    assert [(line.raw, line.points, line.weight, line.contribution) for line in sheet.lines] == [
        (Decimal("8.00"), Decimal("80.00"), Decimal(40), Decimal("32.00")),
        (Decimal("25.00"), Decimal("50.00"), Decimal(30), Decimal("15.00")),
        (Decimal("3.00"), Decimal("100.00"), Decimal(30), Decimal("30.00")),
    ]
    assert (sheet.stage, sheet.total, sheet.rank, sheet.stage_count, sheet.tier) == (
        "growth",
        Decimal("77.00"),
        1,
        1,
        "B",
    )
    other = sheets[b.pk]
    # start-up: R&D 15% capped → 100 × 50 = 50; growth on a zero base and no IP count: named, no points
    assert (other.stage, other.total) == ("startup", Decimal("50.00"))
    assert other.missing == [
        "营业收入增长率：2023年营业收入为0，无法计算增长率",
        "一类知识产权：缺少2024年Ⅰ类知识产权",
    ]
    assert [line.points for line in other.lines] == [Decimal("100.00"), None, None]


def test_the_bank_export_refuses_a_firm_without_consent_and_lists_only_consenting_firms(world):
    scheme = example_scheme()
    a, b = make_firms(world)
    Consent.objects.create(enterprise=a, bank="工商银行随州分行", granted_on=datetime.date(2024, 1, 1))
    Consent.objects.create(
        enterprise=b,
        bank="工商银行随州分行",
        granted_on=datetime.date(2024, 1, 1),
        revoked_on=datetime.date(2024, 6, 1),
    )
    args = {
        "user": world.clerk,
        "scheme": scheme,
        "year": 2024,
        "bank": "工商银行随州分行",
        "day": datetime.date(2025, 9, 30),
    }
    with pytest.raises(ValidationError) as refused:
        services.bank_export_rows(**args, enterprise_ids=[a.pk, b.pk])
    assert refused.value.messages == [
        "以下企业未授权向工商银行随州分行提供积分：乙企业有限公司。未导出任何数据。"
    ]
    assert [s.enterprise_id for s in services.bank_export_rows(**args)] == [a.pk]


def test_the_firm_user_sees_only_its_own_sheet(world):
    scheme = example_scheme()
    a, _b = make_firms(world)
    sheets = services.sheets_for(world.firm_user, scheme=scheme, year=2024)
    assert [s.enterprise_id for s in sheets] == [a.pk]


def test_firms_b_sheet_page_is_a_404_for_firm_as_user(world, client):
    example_scheme()
    client.force_login(world.firm_user)
    from django.urls import reverse

    assert client.get(reverse("points:sheet", args=[world.firm_b.pk])).status_code == 404
    assert client.get(reverse("points:sheet", args=[world.firm_a.pk]) + "?year=2024").status_code == 200


def test_a_weight_over_100_is_refused_even_when_the_stage_sums_to_100(world):
    scheme = example_scheme()
    rd, growth, ip1 = scheme.indicators.all()
    weights = {
        rd.pk: {"startup": Decimal(120), "growth": 40, "stable": 30},
        growth.pk: {"startup": Decimal(-40), "growth": 30, "stable": 30},
        ip1.pk: {"startup": 20, "growth": 30, "stable": 40},
    }
    with pytest.raises(ValidationError) as refused:
        services.weights_set(scheme=scheme, weights=weights)
    assert refused.value.messages == ["权重必须在0到100之间。"]
    assert weights_of(scheme)["rd"] == (Decimal(50), Decimal(40), Decimal(30))


def test_the_weights_page_refuses_99_99_and_saves_nothing(world, client):
    from django.urls import reverse

    from gaoxin.core.models import ObjectChange

    scheme = example_scheme()
    before, changes = weights_of(scheme), ObjectChange.objects.count()
    data = {
        f"w-{i.pk}-{s}": str(getattr(i, f"weight_{s}"))
        for i in scheme.indicators.all()
        for s in ("startup", "growth", "stable")
    }
    data[f"w-{scheme.indicators.get(code='rd').pk}-stable"] = "29.99"
    client.force_login(world.clerk)
    response = client.post(reverse("points:scheme_weights", args=[scheme.pk]), data)
    assert response.status_code == 400
    assert "稳定期的权重合计为99.99，不是100。" in response.content.decode()
    assert weights_of(scheme) == before
    assert ObjectChange.objects.count() == changes
    data[f"w-{scheme.indicators.get(code='rd').pk}-stable"] = "30"
    assert client.post(reverse("points:scheme_weights", args=[scheme.pk]), data).status_code == 302


def test_the_leader_may_not_change_weights(world, client):
    from django.urls import reverse

    scheme = example_scheme()
    client.force_login(world.leader)
    assert client.post(reverse("points:scheme_weights", args=[scheme.pk]), {}).status_code == 403


def test_the_stage_rules_page_names_the_gap_and_saves_nothing(world, client):
    from django.urls import reverse

    scheme = example_scheme()
    data = {
        "form-TOTAL_FORMS": "2",
        "form-INITIAL_FORMS": "0",
        "form-0-stage": "startup",
        "form-0-max_age": "3",
    }
    data |= {"form-1-stage": "growth", "form-1-min_age": "3", "form-1-max_revenue": "5000"}
    client.force_login(world.clerk)
    response = client.post(reverse("points:stage_rules", args=[scheme.pk]), data)
    assert response.status_code == 400
    assert "没有规则为以下企业确定阶段：成立年限 ≥ 3 年，营业收入 ≥ 5000 万元。" in response.content.decode()
    assert scheme.stage_rules.count() == 3


def test_the_api_lists_points_by_year_and_stage_and_refuses_an_unconsented_bank_export(world):
    from django.urls import reverse
    from rest_framework.test import APIClient

    scheme = example_scheme()
    a, _b = make_firms(world)
    api = APIClient()
    api.force_authenticate(world.clerk)
    listed = api.get(
        reverse("innovation-points-list"), {"year": 2024, "stage": "growth", "scheme": scheme.pk}
    )
    assert listed.status_code == 200
    (row,) = listed.json()["results"]
    assert (row["enterprise"], row["points"], row["rank"], row["tier"]) == (a.pk, "77.00", 1, "B")
    assert [line["raw"] for line in row["lines"]] == ["8.00", "25.00", "3.00"]
    refused = api.get(
        reverse("innovation-points-bank-export"), {"year": 2024, "bank": "农业银行", "enterprises": f"{a.pk}"}
    )
    assert refused.status_code == 400
    assert "以下企业未授权向农业银行提供积分：甲企业有限公司。未导出任何数据。" in str(refused.json())
    firm_api = APIClient()
    firm_api.force_authenticate(world.firm_user)
    mine = firm_api.get(reverse("innovation-points-list"), {"year": 2024})
    assert [r["enterprise"] for r in mine.json()["results"]] == [a.pk]
    assert (
        firm_api.get(reverse("innovation-points-bank-export"), {"year": 2024, "bank": "农业银行"}).status_code
        == 403
    )


def test_the_api_refuses_weights_not_summing_to_100(world):
    from django.urls import reverse
    from rest_framework.test import APIClient

    scheme = example_scheme()
    rd = scheme.indicators.get(code="rd")
    api = APIClient()
    api.force_authenticate(world.clerk)
    response = api.post(
        reverse("point-scheme-weights", args=[scheme.pk]),
        {str(rd.pk): {"startup": 49, "growth": 40, "stable": 30}},
        format="json",
    )
    assert response.status_code == 400
    assert "初创期的权重合计为99，不是100。" in str(response.json())
    assert scheme.indicators.get(code="rd").weight_startup == Decimal(50)


def test_an_indicator_on_the_ip_register_counts_owned_items_valid_at_year_end(world):
    from gaoxin.enterprises.models import IPAsset

    scheme = example_scheme()
    a, _b = make_firms(world)
    ip1 = scheme.indicators.get(code="ip1")
    ip1.fact = "ip_register_class1"
    ip1.save()
    for number, granted in (("ZL1", datetime.date(2023, 5, 1)), ("ZL2", datetime.date(2025, 1, 5))):
        IPAsset.objects.create(
            enterprise=a,
            kind="invention",
            title="一种装置",
            number=number,
            status="granted",
            applied_on=datetime.date(2022, 1, 1),
            granted_on=granted,
            acquisition="own",
        )
    sheets = {s.enterprise_id: s for s in services.points_compute(scheme=scheme, year=2024)}
    line = sheets[a.pk].lines[2]
    # one invention patent granted by 31 December 2024 (the other in 2025): band ≥ 1 → 60 × 30 = 18
    assert (line.raw, line.points, line.contribution) == (Decimal(1), Decimal(60), Decimal("18.00"))
