"""The generic contract (tests/contract.py) for the policy library and the 兑现 records."""

import datetime
from decimal import Decimal

from django.urls import reverse

from gaoxin.enterprises.models import AnnualFacts
from gaoxin.policies import services
from gaoxin.policies.models import Clause, Disbursement, Objection, Policy
from tests.contract import ApiRead, ApiWrite, CrudContract, DetailPage, ListPage, SharedFilterSet

from .helpers import make_clause, make_policy


class TestPolicyContract(CrudContract, DetailPage, ApiWrite, SharedFilterSet):
    model = Policy
    api_name = "policy"
    list_url = "policies:policy_list"
    import_kind = "policies"
    owned_by_firm = False

    def make(self, world, enterprise):
        return make_policy(title=f"政策{enterprise.pk}")

    def create_url(self, world):
        return reverse("policies:policy_add")

    def create_data(self, world):
        return {"title": "新政策", "issuer": "管委会", "scope": "zone"}

    def edit_url(self, obj):
        return reverse("policies:policy_edit", args=[obj.pk])

    def edit_data(self, obj):
        return {"title": obj.title + "（改）", "issuer": obj.issuer, "scope": "zone"}

    def detail_url(self, obj):
        return obj.get_absolute_url()

    def api_create_data(self, world):
        return {"title": "接口政策", "issuer": "管委会"}

    def api_edit_data(self, obj):
        return {"title": obj.title + "（接口改）"}


class TestClauseContract(CrudContract, DetailPage, ApiWrite, SharedFilterSet):
    model = Clause
    api_name = "clause"
    list_url = "policies:clause_list"
    import_kind = "policy_clauses"
    owned_by_firm = False

    def list_marker(self, obj):
        return obj.title

    def make(self, world, enterprise):
        return make_clause(make_policy(title=f"政策{enterprise.pk}"), title=f"条款{enterprise.pk}")

    def create_url(self, world):
        return reverse("policies:clause_add")

    def create_data(self, world):
        policy = make_policy(title="新政策")
        return {
            "policy": policy.pk,
            "code": "一",
            "title": "首次认定奖励",
            "rule": "高企首次认定年份 == 年度",
            "formula": "20",
            "budget_amount": "100",
            "budget_line": "2060199",
            "min_notice_days": "5",
        }

    def edit_url(self, obj):
        return reverse("policies:clause_edit", args=[obj.pk])

    def edit_data(self, obj):
        return {
            "policy": obj.policy_id,
            "code": obj.code,
            "title": obj.title + "（改）",
            "rule": obj.rule,
            "formula": obj.formula,
            "budget_amount": "500",
            "budget_line": obj.budget_line,
            "min_notice_days": "5",
        }

    def detail_url(self, obj):
        return obj.get_absolute_url()

    def api_create_data(self, world):
        return {**self.create_data(world), "code": "二"}

    def api_edit_data(self, obj):
        return {"title": obj.title + "（接口改）"}


def disbursement(world, enterprise) -> Disbursement:
    for year, rd in ((2024, Decimal("1000")), (2025, Decimal("1100"))):
        AnnualFacts.objects.update_or_create(enterprise=enterprise, year=year, defaults={"rd_expense": rd})
    clause = make_clause(make_policy(title=f"政策{enterprise.pk}"))
    return services.disbursement_propose(
        clause=clause,
        enterprise_id=enterprise.pk,
        year=2025,
        user=world.clerk,
        date=datetime.date(2025, 9, 1),
    )


class TestDisbursementContract(ListPage, DetailPage, ApiRead, SharedFilterSet):
    model = Disbursement
    api_name = "disbursement"
    list_url = "policies:disbursement_list"
    owned_by_firm = True

    def list_marker(self, obj):
        return obj.enterprise.name

    def make(self, world, enterprise):
        return disbursement(world, enterprise)

    def detail_url(self, obj):
        return obj.get_absolute_url()


class TestObjectionContract(DetailPage):
    """An objection is shown on its disbursement's page (no page of its own)."""

    model = Objection
    owned_by_firm = True

    def list_marker(self, obj):
        return obj.content

    def make(self, world, enterprise):
        made = disbursement(world, enterprise)
        services.disbursement_notice(disbursement=made, user=world.clerk, start=datetime.date(2025, 9, 2))
        return services.objection_raise(
            disbursement=made, raised_on=datetime.date(2025, 9, 3), raised_by="匿名", content="研发费用存疑"
        )

    def detail_url(self, obj):
        return obj.get_absolute_url()
