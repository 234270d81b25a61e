"""政策效益 (policies/effect.py): firms reached, amounts paid and the paid firms' growth the
year after beside the unpaid firms of the same tier, hand-computed."""

import datetime
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from gaoxin.policies.effect import policy_effect
from gaoxin.policies.models import Disbursement
from tests.factories import facts, make_enterprise, qualification

from .helpers import make_clause, make_policy

pytestmark = pytest.mark.django_db
D = Decimal


def paid(clause, firm, amount, year=2024):
    return Disbursement.objects.create(
        clause=clause,
        enterprise=firm,
        year=year,
        amount=D(amount),
        stage="paid",
        stage_since=datetime.date(2025, 6, 30),
        paid_on=datetime.date(2025, 6, 30),
        budget_line="2060199",
    )


@pytest.fixture
def effect_world(world):
    a, b = world.firm_a, world.firm_b
    c = make_enterprise("丙企业有限公司", 31, park=world.park)
    d = make_enterprise("丁企业有限公司", 32, park=world.park)
    e = make_enterprise("戊企业有限公司", 33, park=world.park)  # no title: another tier
    for firm in (a, b, c, d):
        qualification(firm, "high_tech", datetime.date(2023, 11, 1), datetime.date(2026, 10, 31))
    qualification(b, "tech_sme", datetime.date(2024, 5, 1), datetime.date(2024, 12, 31))  # lower: still 高企
    facts(a, 2024, operating_revenue=D(1000), tax_paid=D(100), rd_expense=D(50))
    facts(a, 2025, operating_revenue=D(1200), tax_paid=D(110), rd_expense=D(60))
    facts(b, 2024, operating_revenue=D(3000), tax_paid=D(0), rd_expense=D(80))
    facts(b, 2025, operating_revenue=D(3300), tax_paid=D(20))  # R&D 2025 not filed
    facts(c, 2024, operating_revenue=D(2000), tax_paid=D(0))
    facts(c, 2025, operating_revenue=D(2100), tax_paid=D(10))
    facts(d, 2024, operating_revenue=D(1000))  # nothing for 2025: not in the growth
    facts(e, 2024, operating_revenue=D(500))
    facts(e, 2025, operating_revenue=D(1000))
    policy = make_policy()
    first = make_clause(policy, code="第三条", title="首次认定高企奖励", rule="是否高企", formula="20")
    rd = make_clause(policy, code="第四条", title="研发投入增长奖励")
    paid(first, a, "20")
    paid(first, b, "20")
    paid(rd, a, "5.5")
    return policy


def test_reach_paid_and_growth_beside_the_unpaid_firms_of_the_tier(
    effect_world, django_assert_max_num_queries
):
    with django_assert_max_num_queries(7):
        sheet = policy_effect(effect_world, 2024)
    assert (sheet.reached, sheet.paid) == (2, D("45.5"))
    assert sheet.clauses == [
        ("第三条 首次认定高企奖励", 2, D("40")),
        ("第四条 研发投入增长奖励", 1, D("5.5")),
    ]
    [row] = sheet.tiers  # only the tiers of paid firms; 戊 (no title) is no one's comparison
    assert (row.tier, row.paid_firms, row.other_firms) == ("高企", 2, 2)
    revenue, tax, rd = row.comparisons
    # paid: (1200 + 3300) ÷ (1000 + 3000) − 1 = 12.5%; unpaid 高企: 丙 only (丁 has no 2025) 2100 ÷ 2000 − 1 = 5.0%
    assert (revenue.paid.rate, revenue.others.rate, revenue.difference) == (D("12.5"), D("5.0"), D("7.5"))
    assert (revenue.paid.firms, revenue.others.firms) == (2, 1)
    # tax: paid (110 + 20) ÷ (100 + 0) − 1 = 30.0%; 丙's base is 0: no rate, named
    assert (tax.paid.rate, tax.others.rate, tax.difference) == (D("30.0"), None, None)
    assert tax.others.words == "基期合计为零或负数，不计算增长率"
    # R&D: 乙 filed no 2025 R&D, so only 甲 (50 → 60: 20.0%); no unpaid 高企 filed R&D in both years
    assert (rd.paid.rate, rd.paid.firms) == (D("20.0"), 1)
    assert rd.others.words == "无两年均有数据的企业"


def test_growth_rounds_half_up_to_a_tenth(world):
    from gaoxin.policies.effect import growth

    # 1000 → 1000.5: 0.05% → 0.1 (half up); 1000 → 999.5: −0.05% → −0.1
    assert growth([1], {1: D(1000)}, {1: D("1000.5")}).rate == D("0.1")
    assert growth([1], {1: D(1000)}, {1: D("999.5")}).rate == D("-0.1")
    assert growth([1], {1: D(-5)}, {1: D(10)}).rate is None


def test_a_year_without_next_year_facts_says_so(effect_world, client, world):
    clause = effect_world.clauses.get(code="第三条")
    paid(clause, world.firm_a, "20", year=2025)
    assert policy_effect(effect_world, 2025).has_next_year is False
    client.force_login(world.leader)
    content = client.get(reverse("policies:effect") + "?year=2025").content.decode()
    assert "尚无2026年年度数据" in content


def test_the_page_shows_the_sheet_and_the_caveat(effect_world, client, world):
    client.force_login(world.leader)
    with CaptureQueriesContext(connection):
        response = client.get(reverse("policies:effect") + "?year=2024")
    content = response.content.decode()
    assert response.status_code == 200
    assert "观察" in content and "不是因果" in content
    assert "12.5%" in content and "+7.5" in content and "45.50" in content


def test_a_firm_user_gets_403_on_the_effect_page(effect_world, client, world):
    client.force_login(world.firm_user)
    assert client.get(reverse("policies:effect")).status_code == 403


def test_the_cockpit_shows_paid_against_budget_and_the_unpaid(effect_world, client, world):
    from gaoxin.zone.models import Zone

    Zone.objects.update(reference_date=datetime.date(2025, 9, 30))
    client.force_login(world.leader)
    content = client.get(reverse("goals:cockpit") + "?year=2025").content.decode()
    assert 'data-testid="policies-panel"' in content
    assert "45.50" in content  # paid on 30 June 2025: 20 + 20 + 5.5
    client.force_login(world.clerk)


def test_the_cockpit_panel_makes_the_same_queries_for_two_firms_and_for_twelve(effect_world, world):
    from gaoxin.policies.cockpit import policies_panel

    def queries():
        with CaptureQueriesContext(connection) as captured:
            data = policies_panel(2025, datetime.date(2025, 9, 30))
        return len(captured), data

    few, data = queries()
    assert data["paid"] == D("45.50") and data["budget"] == D("1000.00")  # two clauses × 500
    for n in range(10):
        make_enterprise(f"新增企业{n}有限公司", 40 + n, park=world.park)
    many, _data = queries()
    assert many == few <= 12
