import datetime
from decimal import Decimal

from gaoxin.payouts.models import BudgetLine, Payout, Programme
from tests.factories import clerk_department


def award_programme(world, budget="100"):
    """科技奖励资金 kept by the clerk's department, with a 2024 budget line."""
    programme, _ = Programme.objects.get_or_create(
        code="award", defaults={"name": "科技奖励资金", "department": clerk_department(world)}
    )
    if programme.department_id is None:
        programme.department = clerk_department(world)
        programme.save()
    line, _ = BudgetLine.objects.get_or_create(
        programme=programme, year=2024, code="2060000", defaults={"amount": Decimal(budget)}
    )
    return programme, line


def payout(world, enterprise, amount="10", day=datetime.date(2024, 6, 30), **fields):
    programme, line = award_programme(world)
    return Payout.objects.create(
        enterprise=enterprise,
        programme=programme,
        budget_line=line,
        amount=Decimal(amount),
        paid_on=day,
        document_number=fields.pop("document_number", f"随高新发〔2024〕{Payout.objects.count() + 1}号"),
        **fields,
    )
