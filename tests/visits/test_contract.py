"""The generic contract (tests/contract.py) for 大走访: every model is the committee's own
record, hidden from every firm's user (``hidden_from_outsiders``; the scope sentences are in
test_scope.py)."""

from django.urls import reverse

from gaoxin.visits.models import Visit, VisitPlan, VisitQuestion
from tests.contract import ApiWrite, CrudContract, DetailPage, SharedFilterSet

from .helpers import department, plan, visit


class TestVisitContract(CrudContract, DetailPage, ApiWrite, SharedFilterSet):
    model = Visit
    owned_by_firm = False
    hidden_from_outsiders = True
    list_url = "visits:visit_list"
    api_name = "visit"

    def make(self, world, enterprise):
        return visit(enterprise, answers={"expansion": "yes", "staff_need": 20}, people_met="总经理")

    def list_marker(self, obj):
        return obj.enterprise.name

    def detail_url(self, obj):
        return reverse("visits:visit_detail", args=[obj.pk])

    def create_url(self, world):
        return reverse("visits:visit_add")

    def create_data(self, world):
        return {
            "enterprise": world.firm_a.pk,
            "visited_on": "2025-04-08",
            "visitors": "李明、张华",
            "answer_expansion": "yes",
            "answer_land_need": "30",
            "answer_satisfaction": "满意",
        }

    def edit_url(self, obj):
        return reverse("visits:visit_edit", args=[obj.pk])

    def edit_data(self, obj):
        return {
            "enterprise": obj.enterprise_id,
            "visited_on": obj.visited_on.isoformat(),
            "people_met": "董事长",
            "answer_expansion": "yes",
            "answer_staff_need": "20",
        }

    def api_create_data(self, world):
        return {"enterprise": world.firm_a.pk, "visited_on": "2025-05-06", "answers": {"risk": "yes"}}

    def api_edit_data(self, obj):
        return {"answers": {"relocation": "yes"}}


class TestVisitPlanContract(CrudContract, DetailPage, ApiWrite, SharedFilterSet):
    model = VisitPlan
    owned_by_firm = False
    hidden_from_outsiders = True
    list_url = "visits:visitplan_list"
    api_name = "visit-plan"

    def make(self, world, enterprise):
        count = VisitPlan.objects.count()
        return plan([enterprise], dept=department(world, f"走访部门{count}"), name=f"2025年大走访计划{count}")

    def detail_url(self, obj):
        return reverse("visits:visitplan_detail", args=[obj.pk])

    def create_url(self, world):
        return reverse("visits:visitplan_add")

    def create_data(self, world):
        return {
            "name": "2025年4月大走访·经发局",
            "year": "2025",
            "starts_on": "2025-04-01",
            "ends_on": "2025-04-30",
            "department": department(world, "经济发展局").pk,
            "firms": [world.firm_a.pk],
            "status": "planned",
        }

    def edit_url(self, obj):
        return reverse("visits:visitplan_edit", args=[obj.pk])

    def edit_data(self, obj):
        return {
            "name": obj.name,
            "year": str(obj.year),
            "starts_on": obj.starts_on.isoformat(),
            "ends_on": obj.ends_on.isoformat(),
            "department": obj.department_id,
            "firms": [f.pk for f in obj.firms.all()],
            "status": "planned",
            "note": "重点走访规上企业",
        }

    def api_create_data(self, world):
        return {
            "name": "2025年5月大走访·科创局",
            "year": 2025,
            "starts_on": "2025-05-01",
            "ends_on": "2025-05-31",
            "department": department(world, "科技创新局").pk,
            "firms": [world.firm_a.pk],
        }

    def api_edit_data(self, obj):
        return {"note": "改为6月"}


class TestVisitQuestionContract(CrudContract, DetailPage, ApiWrite, SharedFilterSet):
    model = VisitQuestion
    owned_by_firm = False
    hidden_from_outsiders = True
    list_url = "visits:visitquestion_list"
    api_name = "visit-question"

    def make(self, world, enterprise):
        count = VisitQuestion.objects.count()
        return VisitQuestion.objects.create(code=f"q{count}", text=f"是否需要人才公寓{count}", kind="yes_no")

    def list_marker(self, obj):
        return obj.text

    def detail_url(self, obj):
        return reverse("visits:visitquestion_detail", args=[obj.pk])

    def create_url(self, world):
        return reverse("visits:visitquestion_add")

    def create_data(self, world):
        return {
            "code": "export_orders",
            "text": "出口订单变化",
            "kind": "choice",
            "choice_lines": "增加\n持平\n减少",
            "flag": "risk",
            "flag_lines": "减少",
            "sort_order": "90",
            "active": "on",
        }

    def edit_url(self, obj):
        return reverse("visits:visitquestion_edit", args=[obj.pk])

    def edit_data(self, obj):
        return {
            "code": obj.code,
            "text": obj.text + "？",
            "kind": obj.kind,
            "sort_order": "5",
            "active": "on",
        }

    def api_create_data(self, world):
        return {"code": "housing", "text": "人才公寓需求", "kind": "number", "unit": "套"}

    def api_edit_data(self, obj):
        return {"sort_order": 7}
