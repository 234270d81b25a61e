"""The rule language: hand-computed edges of the demo's kinds of clause and the sandbox."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from gaoxin.policies.catalogue import catalogue
from gaoxin.policies.matching import MISSES, UNPAID, match
from gaoxin.policies.models import Clause
from gaoxin.policies.rules import RuleError, check_formula, check_rule
from tests.factories import facts, qualification

from .helpers import make_clause, make_policy

pytestmark = pytest.mark.django_db


def one(clause, enterprise, year=2025):
    result = match([clause], year, enterprise_ids=[enterprise.pk])[0]
    return result, 0


@pytest.mark.parametrize(
    ("growth", "amount"),
    [
        (Decimal("500"), Decimal("50.00")),  # exactly at the cap: 500 × 10% = 50
        (Decimal("499.99"), Decimal("50.00")),  # 49.999 rounds half up to 50.00
        (Decimal("499.94"), Decimal("49.99")),  # 49.994 → 49.99
        (Decimal("800"), Decimal("50.00")),  # over the cap
        (Decimal("123.45"), Decimal("12.35")),  # 12.345 → 12.35 (half up)
    ],
)
def test_rd_growth_award_at_its_cap(world, growth, amount):
    clause = make_clause()
    facts(world.firm_a, 2024, rd_expense=Decimal("1000"))
    facts(world.firm_a, 2025, rd_expense=Decimal("1000") + growth)
    result, i = one(clause, world.firm_a)
    assert result.status(i) == UNPAID
    assert result.amounts[i] == amount


@pytest.mark.parametrize(
    ("before", "now", "words"),
    [
        (Decimal("1000"), Decimal("1000"), "研发费用增长额 > 0：研发费用增长额为0，未满足"),  # zero growth
        (Decimal("1000"), Decimal("900"), "研发费用增长额 > 0：研发费用增长额为-100，未满足"),  # negative
        (None, Decimal("900"), "研发费用增长额 > 0：缺少研发费用增长额的数据"),  # no base year
    ],
)
def test_no_growth_or_no_base_misses_with_the_numbers(world, before, now, words):
    clause = make_clause()
    facts(world.firm_a, 2024, rd_expense=before)
    facts(world.firm_a, 2025, rd_expense=now)
    result, i = one(clause, world.firm_a)
    assert result.status(i) == MISSES
    assert [c["words"] for c in result.explain(i)] == [words]


def test_first_recognition_in_the_year_vs_the_year_before(world):
    clause = make_clause(code="二", rule="高企首次认定年份 == 年度 and 是否高企", formula="20")
    qualification(world.firm_a, "high_tech", datetime.date(2025, 11, 20))
    qualification(world.firm_b, "high_tech", datetime.date(2024, 11, 20))
    results = match([clause], 2025, enterprise_ids=[world.firm_a.pk, world.firm_b.pk])[0]
    by_id = {eid: i for i, eid in enumerate(results.values.ids)}
    assert results.status(by_id[world.firm_a.pk]) == UNPAID
    assert results.amounts[by_id[world.firm_a.pk]] == Decimal("20.00")
    assert results.status(by_id[world.firm_b.pk]) == MISSES
    assert (
        results.explain(by_id[world.firm_b.pk])[0]["words"]
        == "高企首次认定年份 = 年度：高企首次认定年份为2024，年度为2025，未满足"
    )


@pytest.mark.parametrize(
    ("revenue", "status"),
    [(Decimal("2000"), UNPAID), (Decimal("1999.99"), MISSES)],
)
def test_threshold_exactly_and_one_below(world, revenue, status):
    clause = make_clause(code="三", rule="营业收入 >= 2000", formula="10")
    facts(world.firm_a, 2025, operating_revenue=revenue)
    result, i = one(clause, world.firm_a)
    assert result.status(i) == status


def test_division_by_zero_and_negative_amount_are_listed_never_paid(world):
    clause = make_clause(code="四", rule="营业收入 > 0", formula="100 / 研发费用")
    negative = make_clause(code="五", rule="营业收入 > 0", formula="研发费用增长额")
    facts(world.firm_a, 2024, rd_expense=Decimal("100"))
    facts(world.firm_a, 2025, rd_expense=Decimal("0"), operating_revenue=Decimal("10"))
    first = match([clause, negative], 2025, enterprise_ids=[world.firm_a.pk])
    assert first[0].errors == {0: "除数为零（研发费用 = 0）"}
    assert first[1].errors == {0: "金额为负（-100.00万元）"}
    assert first[0].amounts == {} and first[1].amounts == {}


HOSTILE = [
    ("不存在的字段 > 1", "未知字段“不存在的字段”：字段目录中没有这个名称。"),
    ("no_such_field > 1", "未知字段“no_such_field”：字段目录中没有这个字段。"),
    (
        '营业收入 > "很多"',
        "资格条件类型错误：运算两边的类型不一致（如数值与文本比较，或对是/否字段做算术）。",
    ),
    ("营业收入 >", "资格条件语法错误，表达式不完整。"),
    ("所在园区.as_lower == 'x'", "不允许访问属性（“.”）：规则只能使用字段目录中的字段、数字、文字和运算符。"),
    ("营业收入.foo > 1", "不允许访问属性（“.”）：规则只能使用字段目录中的字段。"),
    ("$re_groups", "不允许使用内置符号“$re_groups”。"),
    ("所在园区[0] == 'a'", "不允许取下标（“[ ]”）：规则只能使用字段目录中的字段、数字、文字和运算符。"),
    ("所在园区 =~ 'a.*'", "不允许正则表达式：规则只能使用字段目录中的字段、数字、文字和运算符。"),
    ("__import__('os')", "未知字段“__import__”：字段目录中没有这个字段。"),
    ("import os", "资格条件语法错误，在“os”附近。"),
    ("营业收入 > 1 and " * 200 + "true", "资格条件过长：2604个字符，最多2000个。"),
    ("(" * 30 + "营业收入 > 1" + ")" * 30, "表达式嵌套过深（超过20层）。"),
    ("营业收入 + 1", "资格条件的结果必须是“是/否”（例如：研发费用 >= 100）。"),
]


@pytest.mark.parametrize(("text", "message"), HOSTILE)
def test_hostile_rules_are_refused_with_the_reason(db, text, message):
    with pytest.raises(RuleError) as refused:
        check_rule(text, catalogue())
    assert refused.value.messages == [message]


def test_formula_must_be_a_number(db):
    with pytest.raises(RuleError) as refused:
        check_formula("是否高企", catalogue())
    assert refused.value.messages == ["奖励公式的结果必须是数值（万元），例如：20 或 研发费用增长额 * 0.1。"]


def test_saving_a_bad_clause_saves_nothing(world):
    policy = make_policy()
    with pytest.raises(ValidationError) as refused:
        make_clause(policy, rule="不存在 > 1")
    assert refused.value.message_dict == {"rule": ["未知字段“不存在”：字段目录中没有这个名称。"]}
    with pytest.raises(ValidationError) as no_line:
        make_clause(policy, budget_line="")
    assert "budget_line" in no_line.value.message_dict
    assert Clause.objects.count() == 0


def test_ascii_keys_and_chinese_names_read_the_same(world):
    facts(world.firm_a, 2025, operating_revenue=Decimal("3000"))
    chinese = make_clause(code="a", rule="营业收入 >= 2000 and 所在园区 == '城东园区'", formula="1")
    ascii_ = make_clause(code="b", rule="operating_revenue >= 2000 and park in ['城东园区']", formula="1")
    results = match([chinese, ascii_], 2025, enterprise_ids=[world.firm_a.pk])
    assert [r.status(0) for r in results] == [UNPAID, UNPAID]


def test_a_recognition_never_granted_is_not_missing_data(world):
    clause = make_clause(code="六", rule="高企首次认定年份 == 年度", formula="20")
    result, i = one(clause, world.firm_a)
    assert result.explain(i) == [
        {
            "criterion": "高企首次认定年份 = 年度",
            "met": False,
            "missing": [],
            "values": {"高企首次认定年份": "无", "年度": "2025"},
            "words": "高企首次认定年份 = 年度：高企首次认定年份为无，年度为2025，未满足",
        }
    ]
