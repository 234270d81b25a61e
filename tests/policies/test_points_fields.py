"""Innovation points in the policy catalogue (policies/catalogue_points.py): a clause reads the
points of the scheme valid on the year's evaluation day, at their edges, and a clause that
names no points field never computes them."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from gaoxin.policies.catalogue import catalogue
from gaoxin.policies.matching import MISSES, UNPAID, match
from tests.points.helpers import example_scheme
from tests.points.test_points import make_firms

from .helpers import make_clause

pytestmark = pytest.mark.django_db


def verdicts(clause, *firms, year=2024):
    result = match([clause], year, enterprise_ids=[f.pk for f in firms])[0]
    index = result.values.index()
    return [(result.status(index[f.pk]), [c["words"] for c in result.explain(index[f.pk])]) for f in firms]


def test_the_points_fields_are_in_the_catalogue_with_their_chinese_names(db):
    names = {f.name: f.type for f in catalogue().fields if f.group == "创新积分"}
    assert names == {
        "创新积分": "float",
        "积分阶段": "str",
        "积分阶段内排名": "float",
        "积分阶段内排名百分比": "float",
        "积分档次": "str",
    }


@pytest.mark.parametrize(("bound", "status"), [("77", UNPAID), ("77.01", MISSES)])
def test_points_at_the_threshold_and_one_step_above(world, bound, status):
    example_scheme()
    a, _b = make_firms(world)  # firm A: growth stage, 77.00 points (tests/points: hand-computed)
    clause = make_clause(rule=f'积分阶段 == "成长期" and 创新积分 >= {bound}', formula="5")
    assert verdicts(clause, a)[0][0] == status


def test_rank_percentile_and_tier_of_a_firm(world):
    example_scheme()
    a, b = make_firms(world)
    # A is 1st of 1 in the growth stage: 1 ÷ 1 × 100 = 100%, tier B (≥ 60, < 80)
    top = make_clause(code="第二条", rule='积分阶段内排名百分比 <= 10 and 积分档次 == "B"', formula="5")
    [(status, words)] = verdicts(top, a)
    assert status == MISSES
    assert words[0] == "积分阶段内排名百分比 ≤ 10：积分阶段内排名百分比为100，未满足"
    startup = make_clause(code="第三条", rule='积分阶段 == "初创期" and 积分阶段内排名 == 1', formula="3")
    assert verdicts(startup, b)[0][0] == UNPAID


def test_no_scheme_for_the_year_is_missing_data_never_zero(world):
    example_scheme()  # valid from 2024
    a, _b = make_firms(world)
    clause = make_clause(rule="创新积分 >= 0", formula="5")
    [(status, words)] = verdicts(clause, a, year=2023)
    assert status == MISSES
    assert words == ["创新积分 ≥ 0：缺少创新积分的数据"]


def test_a_clause_without_points_fields_never_computes_points(world):
    example_scheme()
    a, _b = make_firms(world)
    clause = make_clause()
    with CaptureQueriesContext(connection) as queries:
        verdicts(clause, a)
    assert not any("points_" in q["sql"] for q in queries.captured_queries)
