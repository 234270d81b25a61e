"""Hand-computed band edges of every tier: the verdict and the words shown."""

import datetime
from decimal import Decimal

import pytest
from django.utils import translation

from gaoxin.cultivation import engine
from gaoxin.enterprises.ip import IPSummary

from .helpers import EID, criterion, data


@pytest.fixture(autouse=True)
def chinese():
    with translation.override("zh-hans"):
        yield


def three_years(revenue, rd, **extra):
    return {y: {"operating_revenue": revenue, "rd_expense": rd, **extra} for y in (2022, 2023, 2024)}


def high_tech(facts, **kwargs):
    return engine.evaluate(data(facts=facts, **kwargs), "high_tech", EID, 2024)


@pytest.mark.parametrize(
    ("revenue", "rd", "verdict", "words"),
    [
        ("5000", "250", True, "研发费用占比5%，达到5%"),  # ≤ 5000 万 (inclusive): 5%
        ("5000", "249.99", False, "研发费用占比4.99%，差0.01个百分点达到5%"),
        ("5000.01", "200.0004", True, "研发费用占比4%，达到4%"),  # just over 5000 万: 4%
        ("20000", "800", True, "研发费用占比4%，达到4%"),  # ≤ 2 亿 (inclusive): 4%
        ("20000", "799", False, "研发费用占比3.99%，差0.01个百分点达到4%"),
        ("30000", "900", True, "研发费用占比3%，达到3%"),
        ("30000", "810", False, "研发费用占比2.7%，差0.3个百分点达到3%"),
    ],
)
def test_high_tech_rd_band_edges(revenue, rd, verdict, words):
    result = high_tech(three_years(revenue, rd))
    rd_ratio = criterion(result, "rd_ratio_3y")
    assert (rd_ratio.verdict, rd_ratio.words) == (verdict, words)


def test_high_tech_rd_names_the_missing_year():
    facts = three_years("30000", "900")
    facts[2023]["rd_expense"] = None
    rd_ratio = criterion(high_tech(facts), "rd_ratio_3y")
    assert (rd_ratio.verdict, rd_ratio.words) == (None, "缺少2023年研发费用")


def test_high_tech_young_firm_uses_its_operating_period():
    facts = {
        2023: {"operating_revenue": "1000", "rd_expense": "50"},
        2024: {"operating_revenue": "1000", "rd_expense": "50"},
    }
    result = high_tech(facts, firm={"established_on": datetime.date(2023, 3, 1)})
    rd_ratio = criterion(result, "rd_ratio_3y")
    assert rd_ratio.verdict is True
    assert "2023–2024" in rd_ratio.threshold


@pytest.mark.parametrize(
    ("staff", "sci", "verdict", "words"),
    [
        (200, 20, True, "科技人员占比10%，达到10%"),
        (200, 19, False, "科技人员占比9.5%，差0.5个百分点达到10%"),
        (1001, 100, False, "科技人员占比9.99%，差0.01个百分点达到10%"),
    ],
)
def test_high_tech_sci_tech_staff_edge(staff, sci, verdict, words):
    facts = three_years("30000", "900")
    facts[2024].update(staff_total=staff, staff_sci_tech=sci)
    c = criterion(high_tech(facts), "sci_tech_share")
    assert (c.verdict, c.words) == (verdict, words)


def growth(values, **kwargs):
    facts = {y: {"operating_revenue": v} for y, v in zip((2022, 2023, 2024), values, strict=True)}
    return criterion(high_tech(facts, **kwargs), "sales_growth")


@pytest.mark.parametrize(
    ("values", "value", "words"),
    [
        (("100", "150", "225"), "50%", "销售收入增长率50%，得9分"),  # ½(1.5 + 1.5) − 1
        (("100", "110", "121"), "10%", "销售收入增长率10%，得3分"),
        (("0", "100", "120"), "20%", "销售收入增长率20%（第一年基数为0或负数，仅按后两年计算），得5分"),
        (("-50", "100", "120"), "20%", "销售收入增长率20%（第一年基数为0或负数，仅按后两年计算），得5分"),
        (("100", "90", "81"), "-10%", "销售收入增长率-10%，不为正，得0分"),
    ],
)
def test_high_tech_growth_formula_and_bases(values, value, words):
    c = growth(values)
    assert (c.value, c.words) == (value, words)


@pytest.mark.parametrize("second", ["0", "-10"])
def test_high_tech_growth_second_year_base_zero_or_negative_scores_zero(second):
    c = growth(("100", second, "120"))
    assert (c.value, c.words) == ("0", "销售收入增长率：第二年基数为0或负数，该项得0分")


def full_high_tech_facts():
    facts = three_years("30000", "900", total_assets="10000", total_liabilities="5000")
    facts[2024].update(
        staff_total=100,
        staff_sci_tech=20,
        rd_expense_domestic="900",
        high_tech_revenue="24000",
        total_revenue="30000",
        compliance_incidents=0,
    )
    return facts


@pytest.mark.parametrize(
    ("conversion", "score", "verdict", "words"),
    [
        ("29", "70", False, "创新能力评价得分70分，差1分达到71分"),
        ("30", "71", True, "创新能力评价得分71分，达到71分"),
    ],
)
def test_high_tech_assessment_70_fails_71_passes(conversion, score, verdict, words):
    # IP: 6 + 6 experts + 7 quantity (1 Class I) + 4 own = 23; growth 0 + 0 (flat);
    # management 18 → 23 + 18 + conversion (29 → 70, 30 → 71)
    expert = {
        ("high_tech", "tech_advancement"): 6,
        ("high_tech", "core_support"): 6,
        ("high_tech", "rd_management"): 18,
        ("high_tech", "conversion"): conversion,
    }
    ip = IPSummary(class1=1, class1_own=1)
    result = high_tech(full_high_tech_facts(), ip=ip, expert=expert)
    c = criterion(result, "assessment")
    assert (c.value, c.verdict, c.words) == (score, verdict, words)
    assert result.verdict is verdict
    assert result.score == Decimal(score)


def test_high_tech_assessment_names_missing_expert_scores():
    result = high_tech(full_high_tech_facts(), ip=IPSummary(class1=1, class1_own=1))
    c = criterion(result, "assessment")
    assert c.verdict is None
    assert (
        c.words
        == "缺少专家评分：知识产权技术先进程度、知识产权对主要产品的核心支持作用、科技成果转化能力、研究开发组织管理水平"
    )
    assert result.verdict is None


def tech_sme(sci, rd, ip=None, titles=(), staff=100, revenue="1000"):
    facts = {
        2024: {
            "operating_revenue": revenue,
            "rd_expense": rd,
            "total_assets": "5000",
            "staff_total": staff,
            "staff_sci_tech": sci,
            "compliance_incidents": 0,
        }
    }
    return engine.evaluate(data(facts=facts, ip=ip, titles=titles), "tech_sme", EID, 2024)


@pytest.mark.parametrize(
    ("sci", "rd", "ip", "total", "verdict", "words"),
    [
        # 20% S&T staff 12 + R&D 4% 30 + 3 Class II 18 = 60: passes (≥ 60 inclusive)
        (20, "40", IPSummary(class2=3), "60", True, "评价得分60分，达到60分"),
        # 15% 8 + 3% 20 + Class I 30 = 58 (every item's points are even: 59 cannot occur)
        (15, "30", IPSummary(class1=1), "58", False, "评价得分58分，差2分达到60分"),
        # 9% S&T staff scores 0: 0 + 50 + 30 = 80, still refused
        (9, "60", IPSummary(class1=1), "80", False, "评价得分80分，达到60分；但科技人员得分为0，不符合条件"),
    ],
)
def test_tech_sme_score_edges(sci, rd, ip, total, verdict, words):
    result = tech_sme(sci, rd, ip)
    c = criterion(result, "score")
    assert (c.value, c.verdict, c.words) == (total, verdict, words)
    assert result.verdict is verdict


def test_tech_sme_direct_path_through_a_valid_high_tech_certificate():
    titles = [("high_tech", datetime.date(2023, 11, 1), datetime.date(2026, 10, 31))]
    result = tech_sme(9, "60", IPSummary(class1=1), titles=titles)
    assert result.verdict is True
    assert criterion(result, "direct").words == "可直接认定：有效高企证书"


def test_tech_sme_size_limit():
    c = criterion(tech_sme(20, "40", staff=501), "max_staff")
    assert (c.verdict, c.words) == (False, "职工人数501人，超过上限500人")


@pytest.mark.parametrize(
    ("revenue", "verdict", "words"),
    [
        ("2000", True, "主营业务收入2000万元，达到2000万元"),
        ("1999.99", False, "主营业务收入1999.99万元，差0.01万元达到2000万元"),
        (None, None, "缺少2024年主营业务收入"),
    ],
)
def test_above_scale_edge(revenue, verdict, words):
    facts = {2024: {"main_business_revenue": revenue}}
    result = engine.evaluate(data(facts=facts), "above_scale", EID, 2024)
    c = criterion(result, "main_revenue")
    assert (c.verdict, c.words, result.verdict) == (verdict, words, verdict)


HIGH_TECH_TITLE = [("high_tech", datetime.date(2023, 11, 1), datetime.date(2026, 10, 31))]


def test_gazelle_cagr_path():
    facts = {
        2021: {"operating_revenue": "1000"},
        2023: {"operating_revenue": "1690"},
        2024: {"operating_revenue": "2197"},
    }
    result = engine.evaluate(data(facts=facts, titles=HIGH_TECH_TITLE), "gazelle", EID, 2024)
    assert criterion(result, "cagr").value == "30%"  # (2197 / 1000)^(1/3) − 1
    assert criterion(result, "gazelle_path").words == "可直接认定：基期1000万元，近三年复合增长率30%"
    assert result.verdict is True


def test_innovative_sme_direct_through_high_tech():
    result = engine.evaluate(data(titles=HIGH_TECH_TITLE), "innovative_sme", EID, 2024)
    assert (result.verdict, criterion(result, "direct").words) == (True, "可直接认定：有效高企证书")


def test_little_giant_names_the_missing_niche_year():
    result = engine.evaluate(data(), "little_giant", EID, 2024)
    assert criterion(result, "niche_years").words == "缺少进入细分市场年份"
    # no R&D institution and no Class I IP fail outright: what is missing cannot change that
    assert (result.verdict, criterion(result, "institution").verdict) == (False, False)


def test_the_2026_revision_reads_unknown():
    from .helpers import shipped

    rules = {("srdi_sme", 2024): shipped("srdi_sme", "2026")}
    result = engine.evaluate(data(rules=rules), "srdi_sme", EID, 2024)
    assert (result.verdict, result.criteria[0].words) == (None, "专精特新中小企业：标准未知（规则版本2026）")
