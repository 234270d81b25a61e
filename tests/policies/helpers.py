"""Policies and clauses for the tests."""

import datetime
from decimal import Decimal

from gaoxin.policies.models import Clause, Policy


def make_policy(**fields) -> Policy:
    fields.setdefault("title", "高新区科技创新奖励办法")
    fields.setdefault("issuer", "高新区管委会")
    fields.setdefault("status", Policy.Status.PUBLISHED)
    fields.setdefault("issued_on", datetime.date(2024, 1, 1))
    return Policy.objects.create(**fields)


def make_clause(policy=None, **fields) -> Clause:
    fields.setdefault("code", "第一条")
    fields.setdefault("title", "研发投入奖励")
    fields.setdefault("rule", "研发费用增长额 > 0")
    fields.setdefault("formula", "研发费用增长额 * 0.1 > 50 ? 50 : 研发费用增长额 * 0.1")
    fields.setdefault("budget_amount", Decimal("500"))
    fields.setdefault("budget_line", "2080199")
    clause = Clause(policy=policy or make_policy(), **fields)
    clause.full_clean()
    clause.save()
    return clause
