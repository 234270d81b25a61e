"""The demo's policies on a small world: eleven clauses that pass the catalogue's checks, the
workflow walked to payment, and a 2025 应享未享 list that is not empty."""

import datetime
from decimal import Decimal

import pytest

from gaoxin.demo import policies as demo_policies
from gaoxin.policies.models import Disbursement
from tests.factories import facts, qualification

pytestmark = pytest.mark.django_db


def test_demo_policies_load_and_leave_a_2025_unpaid_list(world):
    qualification(world.firm_a, "above_scale_industry", datetime.date(2025, 1, 1))
    qualification(world.firm_b, "high_tech", datetime.date(2024, 11, 5))
    facts(world.firm_b, 2023, rd_expense=Decimal("300"))
    facts(world.firm_b, 2024, rd_expense=Decimal("420"))
    summary = demo_policies.load(world.admin)
    # firm A: 规上首次入库 2025 (3 put on notice); firm B: 高企首次 2024 paid, 研发增长 120 × 10% = 12 paid
    assert summary == {"clauses": 11, "disbursements": 3, "unpaid_2025": 1}
    paid = dict(Disbursement.objects.filter(stage="paid").values_list("clause__code", "amount"))
    assert paid == {"第三条": Decimal("20.0000"), "第四条": Decimal("12.0000")}
    # 公示 from 22 September: 23, 24, 25, 26 and Sunday 28 September (a 调休 working day
    # before National Day) are the five working days
    assert Disbursement.objects.get(stage="notice").notice_end == datetime.date(2025, 9, 28)
