"""The generic contract (tests/contract.py) for key projects and their children."""

import datetime
from decimal import Decimal

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from gaoxin.projects.models import (
    Attachment,
    Investment,
    InvestmentPlan,
    Milestone,
    Problem,
    ProblemCategory,
    Project,
)
from tests.contract import (
    ApiEdit,
    ApiWrite,
    CreatePage,
    CrudContract,
    DetailPage,
    EditPage,
    ListPage,
    SharedFilterSet,
)
from tests.factories import clerk_department, make_project

D = datetime.date


class TestProjectContract(CrudContract, DetailPage, ApiWrite, SharedFilterSet):
    model = Project
    api_name = "project"
    list_url = "projects:project_list"

    def make(self, world, enterprise):
        return make_project(world, enterprise)

    def create_url(self, world):
        return reverse("projects:project_add")

    def create_data(self, world):
        return {
            "code": "XM-NEW",
            "name": "新建智能装备项目",
            "enterprise": world.firm_a.pk,
            "nature": "new",
            "stage": "signed",
            "total_investment": "30000",
            "land_area_mu": "100",
            "planned_start": "2025-03-01",
            "planned_completion": "2026-12-31",
            "lead_department": clerk_department(world).pk,
            "frequency": "monthly",
        }

    def edit_url(self, obj):
        return reverse("projects:project_edit", args=[obj.pk])

    def edit_data(self, obj):
        return {
            "code": obj.code,
            "name": obj.name + "（二期）",
            "enterprise": obj.enterprise_id or "",
            "owner_name": obj.owner_name,
            "nature": obj.nature,
            "total_investment": "9000",
            "lead_department": obj.lead_department_id,
            "frequency": obj.frequency,
        }

    def detail_url(self, obj):
        return reverse("projects:project_detail", args=[obj.pk])

    def api_create_data(self, world):
        data = self.create_data(world)
        return {**data, "code": "XM-API", "enterprise": world.firm_a.pk}

    def api_edit_data(self, obj):
        return {"total_investment": "9100"}


class TestProblemContract(ListPage, DetailPage, CreatePage, EditPage, ApiWrite, SharedFilterSet):
    """A problem is raised by the clerk (leaders may raise them too, so the auditor is the
    one who may only read) and belongs to the project's firm."""

    model = Problem
    owned_by_firm = True
    non_writer = "auditor"
    list_url = "projects:problem_list"
    api_name = "problem"

    def list_marker(self, obj):
        return obj.description

    def make(self, world, enterprise):
        return Problem.objects.create(
            project=make_project(world, enterprise),
            category=ProblemCategory.objects.get(code="land"),
            description=f"{enterprise.name}用地指标未落实",
            raised_by=world.clerk,
            raised_on=D(2025, 9, 1),
            department=clerk_department(world),
            deadline=D(2025, 9, 30),
        )

    def detail_url(self, obj):
        return reverse("projects:problem_detail", args=[obj.pk])

    def create_url(self, world):
        return reverse("projects:problem_add")

    def create_data(self, world):
        return {
            "project": make_project(world, world.firm_a).pk,
            "category": ProblemCategory.objects.get(code="land").pk,
            "description": "环评批复未下达",
            "department": clerk_department(world).pk,
            "deadline": (timezone.localdate() + datetime.timedelta(days=60)).isoformat(),
        }

    def edit_url(self, obj):
        return reverse("projects:problem_edit", args=[obj.pk])

    def edit_data(self, obj):
        return {
            "project": obj.project_id,
            "category": obj.category_id,
            "description": obj.description + "（补充）",
            "department": obj.department_id,
            "deadline": obj.deadline.isoformat(),
        }

    def api_create_data(self, world):
        data = self.create_data(world)
        return {**data, "category": "land"}

    def api_edit_data(self, obj):
        return {"description": obj.description + "（接口补充）"}


class TestInvestmentPlanContract(CreatePage, EditPage):
    """Annual plans are added and corrected from the project's investment tab."""

    model = InvestmentPlan
    owned_by_firm = True

    def make(self, world, enterprise):
        return InvestmentPlan.objects.create(
            project=make_project(world, enterprise), year=2025, amount=Decimal("3600")
        )

    def create_url(self, world):
        return reverse("projects:investmentplan_add", args=[make_project(world, world.firm_a).pk])

    def create_data(self, world):
        return {"year": 2025, "amount": "3600", "note": ""}

    def edit_url(self, obj):
        return reverse("projects:investmentplan_edit", args=[obj.pk])

    def edit_data(self, obj):
        return {"year": obj.year, "amount": "4200", "note": "调增"}


class TestInvestmentContract(ApiWrite):
    """Completed investment: recorded on the project's tab (tests/projects/test_ledger_views.py)
    and through the API; the import round trip is tests/projects/test_imports.py."""

    model = Investment
    owned_by_firm = True
    non_writer = "leader"
    api_name = "investment"
    list_url = "projects:project_list"
    filterset_differs = (
        "defect-free by design: investments have no list page; the ledger's filters are the project's"
    )

    def make(self, world, enterprise):
        project = make_project(world, enterprise)
        return Investment.objects.create(project=project, year=2025, month=3, cumulative=Decimal("900"))

    def api_create_data(self, world):
        project = make_project(world, world.firm_a)
        return {"project": project.pk, "year": 2025, "month": 4, "cumulative": "1000", "note": ""}

    def api_edit_data(self, obj):
        return {"cumulative": "950", "note": "更正"}


class TestMilestoneContract(EditPage, ApiEdit):
    """Nodes are created in bulk from a template (schedule create); each is then edited on the
    schedule tab or through the API."""

    model = Milestone
    owned_by_firm = True
    unlocked_page = "nodes are edited as rows of the schedule tab, not the generic edit form; the API locks"
    api_name = "milestone"

    def make(self, world, enterprise):
        return Milestone.objects.create(
            project=make_project(world, enterprise),
            code="sign",
            name="签约",
            sequence=1,
            planned_date=D(2025, 10, 1),
        )

    def list_marker(self, obj):
        return obj.name

    def edit_url(self, obj):
        return reverse("projects:project_milestone", args=[obj.project_id, obj.pk])

    def edit_data(self, obj):
        return {f"n{obj.pk}-planned_date": "2025-10-15", f"n{obj.pk}-actual_date": ""}

    def api_edit_data(self, obj):
        return {"planned_date": "2025-10-20"}


class TestAttachmentContract(CreatePage):
    """Attachments are added and deleted on the project page, never edited."""

    model = Attachment
    owned_by_firm = True

    def make(self, world, enterprise):
        return Attachment.objects.create(
            project=make_project(world, enterprise),
            kind="contract",
            title="投资协议",
            file=SimpleUploadedFile("a.pdf", b"%PDF"),
        )

    def create_url(self, world):
        return reverse("projects:project_attachment_add", args=[make_project(world, world.firm_a).pk])

    def create_data(self, world):
        return {
            "kind": "contract",
            "title": "投资协议",
            "file": SimpleUploadedFile("协议.pdf", b"%PDF-1.4 test"),
        }

    def test_enterprise_user_of_a_gets_404_on_b(self, client, world):
        obj = self.make(world, world.firm_b)
        client = self.login(client, world.firm_user)
        url = reverse("projects:project_attachment_file", args=[obj.project_id, obj.pk])
        assert client.get(url).status_code == 404
        delete = reverse("projects:project_attachment_delete", args=[obj.project_id, obj.pk])
        assert client.post(delete).status_code == 404
        assert Attachment.objects.filter(pk=obj.pk).exists()
