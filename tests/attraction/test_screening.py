"""The "345" screening per criterion at exact edges, the choice of standard, and the
commitment check with exact numbers. Thresholds here are test data, not official figures."""

import datetime
from decimal import Decimal

import pytest

from gaoxin.attraction import services_signings as services
from gaoxin.attraction.models import ScreeningStandard, Signing
from gaoxin.chains.models import Chain, ChainNode
from gaoxin.projects.models import Investment, Project, Stage
from gaoxin.zone.models import LeadIndustry
from tests.factories import facts, qualification

D = datetime.date


@pytest.fixture
def standard(world):
    return ScreeningStandard.objects.create(
        name="示例标准",
        valid_from=2024,
        min_intensity=Decimal("300"),
        min_tax_per_mu=Decimal("20"),
        tech_high_tech=True,
        tech_min_rd_ratio=Decimal("3"),
        relevance_required=True,
        is_example=True,
    )


@pytest.fixture
def node(world):
    chain = Chain.objects.create(code="li", name="锂电池", lead_industry=world.lead)
    return ChainNode.objects.create(chain=chain, code="electrolyte", name="电解液")


def by_code(result):
    return {c.code: c for c in result.criteria}


@pytest.mark.parametrize(
    ("intensity", "result", "text"),
    [
        (Decimal("300"), "pass", "300万元/亩 ≥ 300 ✓"),
        (Decimal("320"), "pass", "320万元/亩 ≥ 300 ✓"),
        (Decimal("299.99"), "fail", "299.99万元/亩 < 300 ✗"),
        (None, "unknown", None),
    ],
)
def test_intensity_at_the_edge(standard, intensity, result, text):
    c = by_code(services.screen(standard, intensity=intensity, tax_per_mu=Decimal(20), year=2025))[
        "intensity"
    ]
    assert c.result == result
    if text:
        assert c.text.endswith(text)  # "投资强度 300万元/亩 ≥ 300 ✓" once translated


@pytest.mark.parametrize(("tax", "result"), [(Decimal("20"), "pass"), (Decimal("19.99"), "fail")])
def test_tax_per_mu_at_the_edge(standard, tax, result):
    c = by_code(services.screen(standard, intensity=None, tax_per_mu=tax, year=2025))["tax"]
    assert c.result == result


def test_technology_passes_for_a_high_tech_investor(world, standard):
    qualification(world.firm_a, "high_tech", D(2024, 1, 10))
    c = by_code(
        services.screen(standard, intensity=None, tax_per_mu=None, year=2025, investor_uscc=world.firm_a.uscc)
    )
    assert c["technology"].result == "pass"


@pytest.mark.parametrize(
    ("signed", "result"),
    [
        (D(2025, 3, 15), "pass"),  # certificate 2022-11-01 → 2025-10-31: valid on the signing date
        (D(2025, 10, 31), "pass"),  # its last day
        (D(2025, 11, 1), "fail"),  # the day after (R&D ratio 1% is below the 3% alternative too)
        (D(2022, 10, 31), "unknown"),  # the day before the grant, and no R&D figures of 2022 or before
    ],
)
def test_technology_is_judged_on_the_signing_date(world, standard, signed, result):
    qualification(world.firm_a, "high_tech", D(2022, 11, 1), expires=D(2025, 10, 31))
    facts(world.firm_a, 2024, rd_expense=Decimal("10"))
    signing = Signing(contract_date=signed, investor_uscc=world.firm_a.uscc)
    c = by_code(services.screen_signing(signing, standard))
    assert c["technology"].result == result


@pytest.mark.parametrize(("rd", "result"), [(Decimal("30"), "pass"), (Decimal("29.99"), "fail")])
def test_technology_by_rd_ratio_at_the_edge(world, standard, rd, result):
    facts(world.firm_a, 2024, operating_revenue=Decimal("1000"), rd_expense=rd)  # 3% is 30 of 1000
    c = by_code(
        services.screen(standard, intensity=None, tax_per_mu=None, year=2025, enterprise=world.firm_a)
    )
    assert c["technology"].result == result


def test_technology_of_an_outside_investor_is_unknown(standard):
    c = by_code(services.screen(standard, intensity=None, tax_per_mu=None, year=2025, investor_uscc=""))
    assert c["technology"].result == "unknown"


def test_relevance_needs_a_node_of_a_lead_industry_chain(world, standard, node):
    ok = by_code(services.screen(standard, intensity=None, tax_per_mu=None, year=2025, node=node))
    assert ok["relevance"].result == "pass" and "电解液" in ok["relevance"].text
    loose = ChainNode.objects.create(
        chain=Chain.objects.create(code="x", name="其他"), code="y", name="其他节点"
    )
    assert (
        by_code(services.screen(standard, intensity=None, tax_per_mu=None, year=2025, node=loose))[
            "relevance"
        ].result
        == "fail"
    )
    assert (
        by_code(services.screen(standard, intensity=None, tax_per_mu=None, year=2025))["relevance"].result
        == "unknown"
    )


def test_overall_result_fails_when_one_criterion_fails(world, standard, node):
    qualification(world.firm_a, "high_tech", D(2024, 1, 10))
    args = {"tax_per_mu": Decimal(25), "year": 2025, "enterprise": world.firm_a, "node": node}
    assert services.screen(standard, intensity=Decimal(300), **args).result == "pass"
    assert services.screen(standard, intensity=Decimal(299), **args).result == "fail"


def test_the_industry_standard_wins_over_the_general_one_within_its_years(world, standard):
    other = LeadIndustry.objects.create(zone=world.zone, code="chem", name="精细化工")
    own = ScreeningStandard.objects.create(
        name="新材料", lead_industry=world.lead, valid_from=2025, valid_to=2025
    )
    assert services.standard_for(world.lead, 2025) == own
    assert services.standard_for(world.lead, 2024) == standard
    assert services.standard_for(world.lead, 2026) == standard
    assert services.standard_for(other, 2025) == standard
    assert services.standard_for(None, 2023) is None


# --- commitments --------------------------------------------------------------------------------


def numbers(text: str) -> list[str]:
    """The figures of a sentence, in order (the units' 亩 carry none)."""
    import re

    return re.findall(r"\d+(?:\.\d+)?", text)


def in_production(world, **fields):
    project = Project.objects.create(
        code="QY2023001",
        name="电解液项目",
        total_investment=Decimal(60000),
        stage=Stage.PRODUCTION,
        production_date=D(2024, 6, 30),
        enterprise=world.firm_a,
    )
    values = {
        "contract_date": D(2023, 3, 1),
        "project_name": "电解液项目",
        "investor": "甲",
        "amount": Decimal(60000),
        "land_mu": Decimal(100),
        "promised_intensity": Decimal(500),
        "promised_tax_per_mu": Decimal(30),
        "jobs": 200,
        "status": Signing.Status.VERIFIED,
        "project": project,
        "enterprise": world.firm_a,
    }
    values.update(fields)
    return Signing.objects.create(**values), project


def test_commitments_list_each_shortfall_with_numbers(world):
    _signing, project = in_production(world)
    Investment.objects.create(project=project, year=2024, month=12, cumulative=Decimal(45000))
    facts(world.firm_a, 2024, tax_paid=Decimal(2500), land_area_mu=Decimal(100), staff_total=200)
    [row] = services.commitments(2024)
    checks = {c.code: c for c in row.checks}
    assert checks["intensity"].result == "fail"
    assert numbers(checks["intensity"].text) == [
        "450",
        "500",
        "50",
    ]  # 投资强度 450万元/亩，承诺 500万元/亩，差 50 ✗
    assert checks["tax"].result == "fail"
    assert numbers(checks["tax"].text) == ["25", "30", "5"]  # 亩均税收 25万元/亩，承诺 30万元/亩，差 5 ✗
    assert checks["tax"].text.endswith("✗")
    assert checks["jobs"].result == "pass"  # 200 staff for 200 promised: kept
    assert [c.code for c in row.shortfalls] == ["intensity", "tax"]


def test_a_firm_that_keeps_its_promise_is_not_listed(world):
    in_production(world)
    facts(world.firm_a, 2024, tax_paid=Decimal(3000), land_area_mu=Decimal(100), staff_total=200)
    assert services.commitments(2024) == []
    [row] = services.commitment_checks(2024)
    assert {c.code: c.result for c in row.checks} == {"intensity": "unknown", "tax": "pass", "jobs": "pass"}


def test_not_yet_in_production_or_without_facts(world):
    in_production(world)
    assert services.commitment_checks(2023) == []  # production in 2024
    [row] = services.commitment_checks(2024)
    assert row.facts_missing and not row.below


# --- investment intensity from fixed assets ---------------------------------------------------


@pytest.mark.parametrize(
    ("fixed", "land", "result", "shown"),
    [
        (Decimal("60000"), Decimal("200"), "pass", "300万元/亩 ≥ 300 ✓"),  # exactly the minimum
        (Decimal("59999.9999"), Decimal("200"), "fail", "299.99万元/亩 < 300 ✗"),  # one 万元 step below
        (Decimal("90000"), Decimal("200"), "pass", "450万元/亩 ≥ 300 ✓"),
    ],
)
def test_intensity_is_fixed_assets_over_land(standard, fixed, land, result, shown):
    signing = Signing(
        contract_date=D(2025, 3, 1), amount=Decimal("1"), fixed_asset_investment=fixed, land_mu=land
    )
    c = by_code(services.screen_signing(signing, standard))["intensity"]
    assert c.result == result
    assert c.text.endswith(shown)
    assert "200" in c.text  # the land it was divided by


@pytest.mark.parametrize(
    ("fixed", "land", "why"),
    [(None, Decimal("200"), "未填写固定资产投资"), (Decimal("60000"), None, "未填写用地面积")],
)
def test_without_fixed_assets_or_land_intensity_is_not_judged(standard, fixed, land, why):
    """Never the contract amount: 120,000 万元 on 200 亩 would be 600 万元/亩 and pass."""
    from django.utils import translation

    signing = Signing(
        contract_date=D(2025, 3, 1),
        amount=Decimal("120000"),
        promised_intensity=Decimal("600"),
        fixed_asset_investment=fixed,
        land_mu=land,
    )
    with translation.override("zh-hans"):
        c = by_code(services.screen_signing(signing, standard))["intensity"]
    assert c.result == "unknown"
    assert why in c.text
