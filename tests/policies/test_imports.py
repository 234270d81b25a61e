"""The import kinds of the library: a clause row with a bad rule is refused with its reason,
and nothing is imported (all or nothing)."""

import pytest

from gaoxin.core.imports import Table, run_import
from gaoxin.policies.imports import ClauseImport, PolicyImport
from gaoxin.policies.models import Clause, Policy

pytestmark = pytest.mark.django_db

HEADER = ["政策名称", "条款编号", "条款名称", "资格条件", "奖励公式", "年度预算", "预算科目编码"]


def test_policies_and_clauses_import(world):
    policies = Table(
        header=["政策名称", "发文单位", "文号"], rows=[["科技创新奖励办法", "管委会", "随高新发〔2024〕5号"]]
    )
    assert run_import(PolicyImport(world.clerk), policies, commit=True).new == 1
    rows = [
        ["科技创新奖励办法", "第三条", "首次认定高企", "高企首次认定年份 == 年度", "20", "1200", "2060199"]
    ]
    result = run_import(ClauseImport(world.clerk), Table(header=HEADER, rows=rows), commit=True)
    assert result.errors == [] and result.new == 1
    assert Clause.objects.get().rule == "高企首次认定年份 == 年度"


def test_a_bad_rule_or_an_unknown_policy_is_a_row_error_and_nothing_is_imported(world):
    Policy.objects.create(title="科技创新奖励办法", issuer="管委会")
    rows = [
        ["科技创新奖励办法", "一", "好条款", "营业收入 >= 2000", "10", "100", "2060199"],
        ["科技创新奖励办法", "二", "坏条款", "利润率 > 1", "10", "100", "2060199"],
        ["不存在的政策", "三", "条款", "营业收入 > 0", "1 / 0", "100", "2060199"],
    ]
    result = run_import(ClauseImport(world.clerk), Table(header=HEADER, rows=rows), commit=True)
    assert [(e.row, e.column, e.message) for e in result.errors] == [
        (3, "资格条件", "未知字段“利润率”：字段目录中没有这个名称。"),
        (4, "政策名称", "没有名为“不存在的政策”的政策。"),
    ]
    assert not Clause.objects.exists()
